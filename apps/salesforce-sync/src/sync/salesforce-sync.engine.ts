import {
  backoffDelayMs,
  callerMatches,
  caseRecordFor,
  contactMatchQuery,
  errorMessage,
  forEachLimit,
  maskNumbersIn,
  normalizeCallerNumber,
  pacingDecision,
  planCollectionCalls,
  recordOutcomes,
  taskRecordFor,
  voiceCallFieldsFor,
  voiceCallQuery,
  type BackoffPolicy,
  type CallerMatch,
  type Clock,
  type CollectionResult,
  type ConversationLeg,
  type PacingPolicy,
  type PlannedCall,
  type PlannedRecord,
  type SalesforceMapping,
  voiceCallOutcome,
} from '@buddie/domain';
import type { EventPublisher, PublishableEvent } from '@buddie/messaging';
import { syncRecordKey, type ContactItem, type ContactRepository, type SalesforceSyncRecord, type SalesforceSyncRepository, type SummaryRepository } from '@buddie/persistence';
import { SalesforceCallError } from '../salesforce/salesforce.errors';
import type { SalesforceClient } from '../salesforce/salesforce.client';
import { failedEvents, isAnnounced, syncedEvents } from './salesforce-sync.events';
import type { SyncMetrics } from './salesforce-sync.metrics';

export interface SyncLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** Where a rejected record goes: the app's DLQ, with Salesforce's code and message as the reason. */
export interface RejectedRecordSink {
  reject(record: SalesforceSyncRecord, failure: { code: string; reason: string; sobject: string }): Promise<void>;
}

export interface SyncEngineOptions {
  buddieBaseUrl: string;
  lengths?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  pacing: PacingPolicy;
  backoff: BackoffPolicy;
  /** Attempts per collections call within one flush before its records are left to a later flush. */
  maxAttempts: number;
  batchSize: number;
  /** How long a Task waits for its call's Case before it is written without WhatId. */
  taskCaseWaitMs: number;
  /** How long a waiting marker lets a late Case link its Task (the marker's TTL). */
  taskLinkRetentionMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SyncEngineDeps {
  sync: SalesforceSyncRepository;
  contacts: ContactRepository;
  summaries: SummaryRepository;
  client: SalesforceClient;
  events: EventPublisher;
  rejected: RejectedRecordSink;
  metrics: SyncMetrics;
  clock: Clock;
  logger: SyncLogger;
  mapping: SalesforceMapping;
  options: SyncEngineOptions;
}

/** Keys to look at again later, and when. */
export interface FlushResult {
  requeue: { keys: string[]; delayMs: number }[];
  synced: number;
  failed: number;
}

type CallStatus = { status: 'done'; results: CollectionResult[] } | { status: 'rejected'; error: SalesforceCallError } | { status: 'later'; delayMs: number; reason: string };

/** DynamoDB reads and writes of one flush in flight at once. */
const PARALLEL_READS = 32;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One flush: the due records, read back from the sync table (the source of truth, so a record already
 * confirmed is never sent again), mapped, grouped into sObject Collections calls (Cases first, then the
 * Tasks that need their ids) and sent with allOrNone=false. Each record's result is stored; rejected
 * ones go to the DLQ with Salesforce's message, and transient failures leave them pending for later.
 */
export class SalesforceSyncEngine {
  private readonly sleep: (ms: number) => Promise<void>;
  /** Caller numbers are read only when the mapping uses them (caller match, or a field mapped from contact.callerNumber). */
  private readonly readsCallerNumber: boolean;
  /** Per flush: each Case record's legs, and the caller numbers to mask in whatever Salesforce answers about it. */
  private legsByKey = new Map<string, ConversationLeg[]>();
  private numbersByKey = new Map<string, string[]>();
  /** Per flush: the Tasks sent with their Case's WhatId, and that Case's sync record key. */
  private linkedTasks = new Map<string, string>();

  constructor(private readonly deps: SyncEngineDeps) {
    this.sleep = deps.options.sleep ?? sleepFor;
    this.readsCallerNumber = deps.mapping.contactMatch.enabled || Object.values(deps.mapping.case.fields).some((rule) => 'from' in rule && rule.from === 'contact.callerNumber');
  }

  async flush(keys: string[]): Promise<FlushResult> {
    const result: FlushResult = { requeue: [], synced: 0, failed: 0 };
    const records = [...(await this.deps.sync.getMany(keys)).values()].filter((r) => r.state === 'pending');
    const cases = records.filter((r) => r.kind === 'case');
    const tasks = records.filter((r) => r.kind === 'task');
    const voiceCalls = records.filter((r) => r.kind === 'voicecall');
    try {
      if (cases.length > 0) await this.sendCases(cases, result);
      if (voiceCalls.length > 0 && this.deps.mapping.voiceCall.enabled) await this.sendVoiceCalls(voiceCalls, result);
      if (tasks.length > 0 && this.deps.mapping.task.enabled) await this.sendTasks(tasks, result);
    } finally {
      this.legsByKey = new Map();
      this.numbersByKey = new Map();
      this.linkedTasks = new Map();
    }
    return result;
  }

  private async sendCases(records: SalesforceSyncRecord[], result: FlushResult): Promise<void> {
    const byKey = new Map(records.map((r) => [r.recordKey, r]));
    const legsByRecord = await this.legsOf(records);
    const conversations = records.map((record) => ({ record, legs: legsByRecord.get(record.recordKey) ?? [] }));
    const matches = await this.matchCallers(conversations.map((c) => c.legs[0]?.callerNumber ?? null));
    const planned: PlannedRecord[] = [];
    for (const { record, legs } of conversations) {
      this.legsByKey.set(record.recordKey, legs);
      const numbers = legs.map((leg) => leg.callerNumber).filter((n): n is string => !!n);
      this.numbersByKey.set(record.recordKey, [...numbers, ...numbers.map((n) => normalizeCallerNumber(n) ?? n), ...numbers.map((n) => n.replace(/\D/g, ''))]);
      if (legs.length === 0) {
        // The summary is written before SummaryCreated is published, so this is a read racing a write.
        result.requeue.push({ keys: [record.recordKey], delayMs: this.deps.options.backoff.baseMs });
        continue;
      }
      const number = normalizeCallerNumber(legs[0].callerNumber);
      const match = number ? matches.get(number) : undefined;
      planned.push({ key: record.recordKey, record: caseRecordFor({ conversationId: record.sourceId, legs, match }, this.deps.mapping, this.deps.options) });
    }
    await this.sendPlanned(planned, byKey, result);
  }

  /**
   * Tasks hang off their call's Case (WhatId). A Task whose Case is on its way waits for it; one whose
   * Case is not there yet (SummaryCreated later, or never for a caller lost in the IVR) waits up to
   * taskCaseWaitMs and is then written alone. Either way it is noted as waiting on the Case, and the
   * Case's sync makes it due again, so the same Task (upserted by the escalation id) gets its WhatId.
   */
  private async sendTasks(records: SalesforceSyncRecord[], result: FlushResult): Promise<void> {
    const byKey = new Map(records.map((r) => [r.recordKey, r]));
    const caseKeyOf = (record: SalesforceSyncRecord) => (record.task?.conversationId ? syncRecordKey('case', record.task.conversationId) : undefined);
    const cases = await this.deps.sync.getMany(records.map(caseKeyOf).filter((k): k is string => !!k));
    const unlinked = records.filter((r) => {
      const key = caseKeyOf(r);
      return key !== undefined && cases.get(key)?.state !== 'synced';
    });
    if (unlinked.length > 0) {
      const at = this.now();
      const expiresAt = new Date(Date.parse(at) + this.deps.options.taskLinkRetentionMs);
      await forEachLimit(unlinked, PARALLEL_READS, (r) => this.deps.sync.noteWaitingTask(caseKeyOf(r)!, r.recordKey, at, expiresAt));
      // Noted first, read again second: a Case that synced in between is seen here, or it sees the note.
      for (const [key, record] of await this.deps.sync.getMany(unlinked.map((r) => caseKeyOf(r)!))) cases.set(key, record);
    }
    const matches = new Map<string, CallerMatch>();
    const planned: PlannedRecord[] = [];
    const nowMs = this.deps.clock.now().getTime();
    for (const record of records) {
      const task = record.task;
      if (!task) {
        await this.fail(record, this.deps.mapping.task.sobject, { code: 'NO_ESCALATION', reason: 'the sync record carries no escalation to write' }, result);
        continue;
      }
      const caseKey = caseKeyOf(record);
      const caseRecord = caseKey ? cases.get(caseKey) : undefined;
      if (caseRecord?.state === 'pending') {
        // Its Case is on its way: a Task written now would miss WhatId.
        result.requeue.push({ keys: [record.recordKey], delayMs: this.deps.options.backoff.baseMs });
        continue;
      }
      if (caseKey && caseRecord?.state !== 'synced') {
        const waited = nowMs - Date.parse(record.pendingSince ?? record.createdAt);
        const left = this.deps.options.taskCaseWaitMs - waited;
        if (left > 0) {
          await this.deps.sync.noteRetry(record.recordKey, `waiting for the Case of conversation ${task.conversationId} (${caseRecord ? `it ${caseRecord.state}` : 'no summary yet'})`, this.now());
          result.requeue.push({ keys: [record.recordKey], delayMs: Math.max(this.deps.options.backoff.baseMs, left) });
          continue;
        }
      }
      const caseId = caseRecord?.state === 'synced' ? (caseRecord.salesforceId ?? null) : null;
      if (caseId && caseKey) this.linkedTasks.set(record.recordKey, caseKey);
      planned.push({ key: record.recordKey, record: taskRecordFor(task, caseId, this.deps.mapping, { ...this.deps.options, match: matches.get(record.recordKey) }) });
    }
    await this.sendPlanned(planned, byKey, result);
  }

  /** Tasks noted as waiting on Cases that are now synced are due again, this time with WhatId. */
  private async releaseWaitingTasks(synced: { caseKey: string; salesforceId: string }[], result: FlushResult): Promise<void> {
    if (synced.length === 0 || !this.deps.mapping.task.enabled) return;
    const waiting = await this.deps.sync.waitingTasks(synced.map((s) => s.caseKey));
    if (waiting.size === 0) return;
    const due: string[] = [];
    const at = this.now();
    for (const { caseKey, salesforceId } of synced) {
      for (const taskKey of waiting.get(caseKey) ?? []) {
        const again = await this.deps.sync.markPending({ kind: 'task', sourceId: taskKey.slice('task:'.length), version: `case:${salesforceId}` }, at);
        if (again) due.push(again.recordKey);
      }
    }
    if (due.length > 0) result.requeue.push({ keys: due, delayMs: 0 });
  }

  private async sendPlanned(planned: PlannedRecord[], byKey: Map<string, SalesforceSyncRecord>, result: FlushResult): Promise<void> {
    for (const call of planCollectionCalls(planned, [this.deps.mapping.case.sobject, this.deps.mapping.task.sobject], this.deps.options.batchSize)) {
      const status = await this.send(call);
      if (status.status === 'done') {
        await this.store(call, status.results, byKey, result);
      } else if (status.status === 'rejected') {
        // The request as a whole was refused (e.g. a field the org does not have): every record carries the reason.
        for (const planned of call.records) {
          const record = byKey.get(planned.key);
          if (record) await this.fail(record, call.sobject, { code: status.error.code, reason: status.error.message }, result);
        }
      } else {
        const at = this.now();
        await forEachLimit(call.records, PARALLEL_READS, (p) => this.deps.sync.noteRetry(p.key, this.masked(p.key, status.reason), at));
        result.requeue.push({ keys: call.records.map((r) => r.key), delayMs: status.delayMs });
      }
    }
  }

  /** One collections call with pacing and bounded, jittered retries. */
  private async send(call: PlannedCall): Promise<CallStatus> {
    const { pacing, backoff, maxAttempts } = this.deps.options;
    for (let attempt = 1; ; attempt++) {
      const decision = pacingDecision(this.deps.client.lastUsage, pacing);
      if (decision.action === 'pause') {
        this.deps.metrics.paused++;
        this.deps.logger.warn(`Salesforce API usage ${this.usageText()} reached the configured stop share; pausing ${decision.delayMs} ms`);
        return { status: 'later', delayMs: decision.delayMs, reason: `paused near the daily API allocation (${this.usageText()})` };
      }
      if (decision.delayMs > 0) {
        this.deps.metrics.slowed++;
        await this.sleep(decision.delayMs);
      }
      try {
        this.deps.metrics.apiCalls++;
        const results = await this.deps.client.upsertCollection(call.sobject, call.externalIdField, call.records.map((r) => r.record), false);
        return { status: 'done', results };
      } catch (error) {
        if (!(error instanceof SalesforceCallError)) throw error;
        this.deps.metrics.callFailures.set(error.code, (this.deps.metrics.callFailures.get(error.code) ?? 0) + 1);
        if (!error.retryable) return { status: 'rejected', error };
        if (error.limitExceeded) {
          this.deps.logger.warn(`Salesforce answered REQUEST_LIMIT_EXCEEDED; ${call.records.length} records wait ${pacing.pauseMs} ms`);
          return { status: 'later', delayMs: pacing.pauseMs, reason: error.message };
        }
        if (attempt >= maxAttempts) {
          this.deps.logger.warn(`Salesforce call failed ${attempt} times (${error.code}); ${call.records.length} records stay pending`);
          return { status: 'later', delayMs: backoff.maxMs, reason: error.message };
        }
        await this.sleep(backoffDelayMs(attempt, backoff));
      }
    }
  }

  /**
   * Service Cloud Voice: each leg's VoiceCall (VendorCallKey = its ContactId, created by the telephony
   * integration) gets that leg's summary and hangs the Case off it (RelatedRecordId). A conversation's
   * VoiceCalls are their own sync record (`voicecall:<conversation>`), made pending when its Case is
   * confirmed, so the Case is never sent again for them: an outage, time-out or REQUEST_LIMIT_EXCEEDED
   * leaves the record pending (retried like any other, by the reconciler too), a rejection marks it
   * failed with Salesforce's message (and the DLQ). One query and one sObject Collections update per 200
   * legs. A leg with no VoiceCall (a chat, or Connect not on SCV) is skipped.
   */
  private async sendVoiceCalls(records: SalesforceSyncRecord[], result: FlushResult): Promise<void> {
    const voice = this.deps.mapping.voiceCall;
    const caseKeyOf = (r: SalesforceSyncRecord) => syncRecordKey('case', r.sourceId);
    const cases = await this.deps.sync.getMany(records.map(caseKeyOf));
    const ready: { record: SalesforceSyncRecord; caseRecord: SalesforceSyncRecord }[] = [];
    for (const record of records) {
      const caseRecord = cases.get(caseKeyOf(record));
      if (caseRecord?.state === 'synced' && caseRecord.salesforceId) ready.push({ record, caseRecord });
      else if (caseRecord?.state === 'pending') result.requeue.push({ keys: [record.recordKey], delayMs: this.deps.options.backoff.baseMs });
      else await this.fail(record, voice.sobject, { code: 'CASE_NOT_SYNCED', reason: `the Case of conversation ${record.sourceId} is ${caseRecord?.state ?? 'missing'}` }, result);
    }
    if (ready.length === 0) return;
    const legsByCase = this.legsByKey.size > 0 && ready.every((r) => this.legsByKey.has(r.caseRecord.recordKey)) ? this.legsByKey : await this.legsOf(ready.map((r) => r.caseRecord));
    const legs: { key: string; leg: ConversationLeg; conversationId: string; caseId: string }[] = [];
    for (const { record, caseRecord } of ready) {
      const own = legsByCase.get(caseRecord.recordKey) ?? [];
      const numbers = own.map((leg) => leg.callerNumber).filter((n): n is string => !!n);
      this.numbersByKey.set(record.recordKey, [...numbers, ...numbers.map((n) => normalizeCallerNumber(n) ?? n), ...numbers.map((n) => n.replace(/\D/g, ''))]);
      for (const leg of own) legs.push({ key: record.recordKey, leg, conversationId: record.sourceId, caseId: caseRecord.salesforceId! });
    }
    const updates: { key: string; contactId: string; voiceCallId: string; fields: Record<string, string | number | boolean> }[] = [];
    const saved: CollectionResult[] = [];
    try {
      for (let i = 0; i < legs.length; i += 200) {
        const slice = legs.slice(i, i + 200);
        const soql = voiceCallQuery(slice.map((l) => l.leg.contactId), this.deps.mapping);
        if (!soql) continue;
        this.deps.metrics.apiCalls++;
        const rows = await this.deps.client.query(soql);
        const idByContact = new Map(rows.filter((r) => typeof r.Id === 'string' && typeof r[voice.keyField] === 'string').map((r) => [r[voice.keyField] as string, r.Id as string]));
        const found = slice
          .filter((l) => idByContact.has(l.leg.contactId))
          .map((l) => ({ key: l.key, contactId: l.leg.contactId, voiceCallId: idByContact.get(l.leg.contactId)!, fields: voiceCallFieldsFor(l.leg, l.conversationId, l.caseId, this.deps.mapping, this.deps.options) }));
        if (found.length === 0) continue;
        this.deps.metrics.apiCalls++;
        const results = await this.deps.client.updateCollection(voice.sobject, found.map((u) => ({ id: u.voiceCallId, fields: u.fields })));
        updates.push(...found);
        saved.push(...found.map((_, index) => results[index] ?? { success: false, errors: [] }));
      }
    } catch (error) {
      if (!(error instanceof SalesforceCallError)) throw error;
      this.deps.metrics.callFailures.set(error.code, (this.deps.metrics.callFailures.get(error.code) ?? 0) + 1);
      const keys = ready.map((r) => r.record.recordKey);
      if (!error.retryable) {
        for (const { record } of ready) await this.fail(record, voice.sobject, { code: error.code, reason: error.message }, result);
        return;
      }
      this.deps.logger.warn(`VoiceCall write failed (${error.code}); ${keys.length} conversations' VoiceCalls stay pending, their Cases stay synced`);
      const at = this.now();
      await forEachLimit(keys, PARALLEL_READS, (key) => this.deps.sync.noteRetry(key, this.masked(key, `${error.code}: ${error.message}`), at));
      result.requeue.push({ keys, delayMs: error.limitExceeded ? this.deps.options.pacing.pauseMs : this.deps.options.backoff.baseMs * 4 });
      return;
    }
    const at = this.now();
    const retry: string[] = [];
    await forEachLimit(ready, PARALLEL_READS, async ({ record }) => {
      const own = updates.map((u, i) => ({ u, r: saved[i] })).filter((x) => x.u.key === record.recordKey);
      const outcome = voiceCallOutcome(own.map((x) => x.u), own.map((x) => x.r));
      if (outcome.outcome === 'synced') {
        if (!(await this.deps.sync.markSynced(record.recordKey, record.revision, { sobject: voice.sobject, salesforceId: outcome.salesforceIds.join(',') }, at))) retry.push(record.recordKey);
      } else if (outcome.outcome === 'retry') {
        await this.deps.sync.noteRetry(record.recordKey, this.masked(record.recordKey, `${outcome.code}: ${outcome.message}`), at);
        retry.push(record.recordKey);
      } else {
        this.deps.logger.warn(`VoiceCall of contact ${outcome.contactId} rejected by Salesforce (${outcome.code})`);
        await this.fail(record, voice.sobject, { code: outcome.code, reason: outcome.message }, result);
      }
    });
    if (retry.length > 0) result.requeue.push({ keys: retry, delayMs: this.deps.options.backoff.baseMs });
  }

  /** Salesforce may echo a written value in its message: the record's caller numbers are masked out. */
  private masked(recordKey: string, text: string): string {
    const numbers = this.numbersByKey.get(recordKey);
    return numbers?.length ? maskNumbersIn(text, numbers) : text;
  }

  private async store(call: PlannedCall, results: CollectionResult[], byKey: Map<string, SalesforceSyncRecord>, result: FlushResult): Promise<void> {
    const at = this.now();
    const events: PublishableEvent[] = [];
    const retry: string[] = [];
    const syncedCases: { caseKey: string; salesforceId: string }[] = [];
    const linked: { caseKey: string; taskKey: string }[] = [];
    const voiceCalls: SalesforceSyncRecord[] = [];
    const writesVoiceCalls = call.sobject === this.deps.mapping.case.sobject && this.deps.mapping.voiceCall.enabled;
    await forEachLimit(recordOutcomes(call, results), PARALLEL_READS, async (outcome) => {
      const record = byKey.get(outcome.key);
      if (!record) return;
      if (outcome.outcome === 'synced') {
        if (writesVoiceCalls) {
          // Due before the Case is marked synced: a crash in between leaves both pending (the Case upsert is idempotent).
          const due = await this.deps.sync.markPending(
            { kind: 'voicecall', sourceId: record.sourceId, version: `${outcome.salesforceId}@${record.revision}`, conversationId: record.sourceId, contactIds: record.contactIds, correlationId: record.correlationId },
            at,
          );
          if (due) voiceCalls.push(due);
        }
        const stored = await this.deps.sync.markSynced(record.recordKey, record.revision, { sobject: call.sobject, salesforceId: outcome.salesforceId }, at);
        this.deps.metrics.synced++;
        result.synced++;
        if (!stored) {
          // A newer version arrived while this one was in flight: send the newer one too.
          retry.push(record.recordKey);
          return;
        }
        const caseKey = this.linkedTasks.get(record.recordKey);
        if (record.kind === 'task' && caseKey) linked.push({ caseKey, taskKey: record.recordKey });
        if (record.kind === 'case') {
          syncedCases.push({ caseKey: record.recordKey, salesforceId: outcome.salesforceId });
          await Promise.all(record.contactIds.map((id) => this.deps.contacts.markStage(id, 'synced', at).catch(() => undefined)));
        }
        if (isAnnounced(record)) events.push(...syncedEvents(record, { sobject: call.sobject, salesforceId: outcome.salesforceId, created: outcome.created }));
      } else if (outcome.outcome === 'failed') {
        await this.fail(record, call.sobject, { code: outcome.code, reason: outcome.message }, result);
      } else {
        await this.deps.sync.noteRetry(record.recordKey, this.masked(record.recordKey, `${outcome.code}: ${outcome.message}`), at);
        retry.push(record.recordKey);
      }
    });
    if (retry.length > 0) result.requeue.push({ keys: retry, delayMs: this.deps.options.backoff.baseMs });
    await this.releaseWaitingTasks(syncedCases, result);
    if (voiceCalls.length > 0) await this.sendVoiceCalls(voiceCalls, result);
    if (linked.length > 0) {
      // Housekeeping only: a marker left behind is harmless (it expires by TTL), so a failure here is logged, not retried.
      await this.deps.sync.forgetWaitingTasks(linked).catch((error: unknown) => this.deps.logger.warn(`could not delete waiting markers of ${linked.length} linked Tasks: ${errorMessage(error)}`));
    }
    if (events.length > 0) await this.publish(events);
  }

  private async fail(record: SalesforceSyncRecord, sobject: string, raw: { code: string; reason: string }, result: FlushResult): Promise<void> {
    const failure = { code: raw.code, reason: this.masked(record.recordKey, raw.reason) };
    const stored = await this.deps.sync.markFailed(record.recordKey, record.revision, failure, this.now());
    this.deps.metrics.recordFailures.set(failure.code, (this.deps.metrics.recordFailures.get(failure.code) ?? 0) + 1);
    result.failed++;
    if (!stored) return;
    this.deps.logger.warn(`${record.recordKey} rejected by Salesforce (${failure.code}): ${failure.reason}`);
    await this.deps.rejected.reject(record, { ...failure, sobject });
    // The sync events speak of Cases and Tasks; a VoiceCall's failure is in the sync state (and the DLQ).
    if (isAnnounced(record)) await this.publish(failedEvents(record, sobject, failure));
  }

  private async publish(events: PublishableEvent[]): Promise<void> {
    try {
      await this.deps.events.publish(events);
    } catch (error) {
      // The sync table already holds the state; the events only tell the live views sooner.
      this.deps.logger.warn(`could not publish ${events.length} sync events: ${errorMessage(error)}`);
    }
  }

  /**
   * Every summarized leg of each conversation: each leg's SummaryCreated added its contact id to the
   * record, so the record names them all (no index query, which could lag behind the write). Read for
   * the whole flush at once: one BatchGetItem per 100 contacts and per 100 summaries, not two reads a leg.
   */
  private async legsOf(records: SalesforceSyncRecord[]): Promise<Map<string, ConversationLeg[]>> {
    const ids = records.flatMap((r) => r.contactIds);
    const [contacts, summaries] = await Promise.all([this.deps.contacts.getMany(ids), this.deps.summaries.getMany(ids)]);
    const legsByRecord = new Map<string, ConversationLeg[]>();
    for (const record of records) {
      const legs: ConversationLeg[] = [];
      for (const id of new Set(record.contactIds)) {
        const contact = contacts.get(id);
        const stored = summaries.get(id);
        if (!contact || stored?.status !== 'summarized' || !stored.summary) continue;
        legs.push({
          contactId: contact.contactId,
          initiationTimestamp: contact.initiationTimestamp,
          channel: contact.channel,
          queueName: contact.queueName,
          agentUsername: contact.agentUsername,
          callerNumber: this.readsCallerNumber ? callerNumberOf(contact) : null,
          summary: stored.summary,
        });
      }
      legsByRecord.set(record.recordKey, legs);
    }
    return legsByRecord;
  }

  /** One query for the whole flush (not one per record); a failed lookup only means no match. */
  private async matchCallers(numbers: (string | null)[]): Promise<Map<string, CallerMatch>> {
    if (!this.deps.mapping.contactMatch.enabled) return new Map();
    const normalized = numbers.map(normalizeCallerNumber).filter((n): n is string => !!n);
    const matches = new Map<string, CallerMatch>();
    for (let i = 0; i < normalized.length; i += 100) {
      const slice = normalized.slice(i, i + 100);
      const soql = contactMatchQuery(slice, this.deps.mapping);
      if (!soql) continue;
      try {
        this.deps.metrics.apiCalls++;
        const rows = await this.deps.client.query(soql);
        for (const [number, match] of callerMatches(slice, rows, this.deps.mapping)) matches.set(number, match);
      } catch (error) {
        // The code only: Salesforce's message may quote the query, and so the numbers in it.
        this.deps.logger.warn(`caller match query failed (${error instanceof SalesforceCallError ? error.code : 'ERROR'}), Cases go without a Contact`);
      }
    }
    return matches;
  }

  private usageText(): string {
    const usage = this.deps.client.lastUsage;
    return usage ? `${usage.used}/${usage.limit}` : 'unknown';
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

/**
 * The caller's number from the stored CTR (the contacts table, the source of truth). SummaryCreated does
 * not carry it (least data), and the gateway's minimizeCtr masks it only in what it serves; the number
 * goes to Salesforce (a bound SOQL literal, or a mapped field) and nowhere else: not into logs or reasons.
 */
function callerNumberOf(contact: ContactItem): string | null {
  const endpoint = (contact.ctr as { CustomerEndpoint?: { Address?: unknown } } | undefined)?.CustomerEndpoint;
  return typeof endpoint?.Address === 'string' ? endpoint.Address : null;
}
