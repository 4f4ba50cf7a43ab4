import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideEscalations, DEFAULT_ESCALATION_RULES, type EscalationDraft, type EscalationRecord, type EscalationTrigger, type SeverityRaise } from '@buddie/domain';
import type { BuddieEventType, PublishableEvent } from '@buddie/messaging';
import type { EscalationOpenResult, EscalationRaiseResult, SummaryRecord } from '@buddie/persistence';
import type { EscalationConfig } from '@buddie/config';
import { loadEscalationRules } from './escalation-rules.provider';
import { EscalationOutbox } from './escalation-outbox';
import { EscalationService } from './escalation.service';

/** The repository's contract in memory: conditional create (the creator holds the publish), version-checked raise. */
class MemoryEscalations {
  readonly rows = new Map<string, EscalationRecord>();
  async open(draft: EscalationDraft, at: string): Promise<EscalationOpenResult> {
    const existing = this.rows.get(draft.escalationId);
    if (existing) return { created: false, record: existing };
    const record: EscalationRecord = { ...draft, status: 'open', version: 1, createdAt: at, updatedAt: at };
    this.rows.set(draft.escalationId, record);
    return { created: true, record, publish: record };
  }
  async raise(seen: EscalationRecord, raise: SeverityRaise, at: string): Promise<EscalationRaiseResult> {
    const current = this.rows.get(seen.escalationId)!;
    if (current.version !== seen.version) return { outcome: 'stale', current };
    const next = { ...current, ...raise, updatedAt: at, version: (current.version ?? 1) + 1 };
    this.rows.set(seen.escalationId, next);
    return { outcome: 'applied', escalation: next };
  }
}

const failure: EscalationTrigger = {
  kind: 'journey-failure',
  contactId: 'c-1',
  correlationId: 'corr-1',
  occurredAt: '2024-03-12T15:00:00.000Z',
  failures: [{ kind: 'lambda-error', severity: 'high', stepLabel: 'Lookup', reason: 'Lambda failed' }],
};

const alert = (severity: string, correlationId = 'corr-a'): EscalationTrigger => ({
  kind: 'agent-alert', alertId: 'a-1', agentId: 'jdoe', ruleId: 'long-hold', correlationId, occurredAt: '2024-03-12T15:00:00.000Z', severity, message: `on hold (${severity})`,
});

function setup(summary?: SummaryRecord) {
  const escalations = new MemoryEscalations();
  const published: EscalationRecord[] = [];
  const service = new EscalationService({
    escalations,
    summaries: { get: async () => summary },
    outbox: { publish: async (record: EscalationRecord) => void published.push(record) },
    rules: DEFAULT_ESCALATION_RULES,
    clock: { now: () => new Date('2024-03-12T15:00:01.000Z') },
  });
  return { service, escalations, published };
}

describe('EscalationService', () => {
  it('opens once and publishes once, however often the input comes', async () => {
    const { service, escalations, published } = setup();
    expect(await service.handle(failure)).toBe(1);
    expect(await service.handle(failure)).toBe(0);
    expect([...escalations.rows.keys()]).toEqual(['c-1:ivr-system-failure']);
    expect(published.map((r) => [r.escalationId, r.version, r.correlationId, r.status])).toEqual([['c-1:ivr-system-failure', 1, 'corr-1', 'open']]);
  });

  it('given an open escalation, when the same alert comes back more severe, then it is raised once (version 2, both reasons) and a replay changes nothing', async () => {
    const { service, escalations, published } = setup();
    await service.handle(alert('warning'));
    expect(await service.handle(alert('critical', 'corr-b'))).toBe(0);
    await service.handle(alert('critical', 'corr-b'));
    await service.handle(alert('low'));
    expect(published.map((r) => [r.version, r.severity])).toEqual([
      [1, 'medium'],
      [2, 'high'],
    ]);
    expect(escalations.rows.get('a-1:agent-alert')).toMatchObject({ version: 2, severity: 'high', reasons: ['on hold (warning)', 'on hold (critical)'] });
  });

  it('given a raise that keeps meeting a concurrent change, then the input is left for redelivery (transient) and nothing is published', async () => {
    const { service, escalations, published } = setup();
    await service.handle(alert('warning'));
    escalations.raise = async (seen) => ({ outcome: 'stale', current: { ...seen } });
    await expect(service.handle(alert('critical'))).rejects.toMatchObject({ code: 'ESCALATION_CONTENDED', permanent: false });
    expect(published).toHaveLength(1);
  });

  it('given a redelivery that took over an abandoned publish, then it publishes the stored record (not its own draft)', async () => {
    const { service, escalations, published } = setup();
    const stored: EscalationRecord = { ...decideEscalations(failure, DEFAULT_ESCALATION_RULES)[0], status: 'open', version: 1, createdAt: 'first', updatedAt: 'first' };
    escalations.open = async () => ({ created: false, record: stored, publish: stored });
    expect(await service.handle({ ...failure, correlationId: 'corr-redelivered' })).toBe(0);
    expect(published).toEqual([stored]);
  });

  it('reads the ending sentiment and the reason from the stored summary (SummaryCreated does not carry them)', async () => {
    const stored = { contactId: 'c-2', status: 'summarized', updatedAt: 'x', summary: { sentiment: { start: 'neutral', end: 'negative' }, escalation: { recommended: false } } } as unknown as SummaryRecord;
    const { service, escalations } = setup(stored);
    await service.onSummary({ contactId: 'c-2', correlationId: 'corr-2', occurredAt: '2024-03-12T15:00:00.000Z', outcome: 'unresolved', escalationRecommended: false });
    expect([...escalations.rows.keys()].sort()).toEqual(['c-2:negative-ending', 'c-2:unresolved-contact']);
  });
});

describe('EscalationOutbox', () => {
  const noNotices = { claimNotification: async () => true, releaseNotification: async () => true };
  const record: EscalationRecord = { ...decideEscalations(failure, DEFAULT_ESCALATION_RULES)[0], status: 'acknowledged', version: 2, createdAt: '2024-03-12T15:00:00.000Z', updatedAt: '2024-03-12T15:05:00.000Z' };

  it('publishes the version\'s event built from the record, then clears that version\'s marker', async () => {
    const calls: string[] = [];
    const sent: PublishableEvent[] = [];
    const outbox = new EscalationOutbox(
      { ...noNotices, markPublished: async (id, v) => (calls.push(`mark ${id} ${v}`), true), releasePublish: async () => (calls.push('release'), true) },
      { publish: async <T extends BuddieEventType>(events: PublishableEvent<T>[]) => void sent.push(...(events as unknown as PublishableEvent[])) },
    );
    await outbox.publish(record);
    expect(sent).toEqual([{ type: 'EscalationUpdated', detail: expect.objectContaining({ escalationId: record.escalationId, version: 2, status: 'acknowledged', correlationId: 'corr-1', occurredAt: record.updatedAt }) }]);
    expect(calls).toEqual([`mark ${record.escalationId} 2`]);
  });

  it('given PutEvents failing, then the claim is given up (not marked published) and the error reaches the consumer', async () => {
    const calls: string[] = [];
    const outbox = new EscalationOutbox(
      { ...noNotices, markPublished: async () => (calls.push('mark'), true), releasePublish: async (id, v) => (calls.push(`release ${v}`), true) },
      { publish: async () => Promise.reject(new Error('PutEvents failed')) },
    );
    await expect(outbox.publish(record)).rejects.toThrow('PutEvents failed');
    expect(calls).toEqual(['release 2']);
  });

  /** The store's notification claim in memory: one claim per escalation until released. */
  function noticeSetup(notify: () => Promise<void>) {
    const claimed = new Set<string>();
    const calls: string[] = [];
    const store = {
      markPublished: async (id: string, v: number) => (calls.push(`mark ${v}`), true),
      releasePublish: async () => true,
      claimNotification: async (id: string) => (claimed.has(id) ? false : (claimed.add(id), calls.push('claim'), true)),
      releaseNotification: async (id: string) => (claimed.delete(id), calls.push('release notice'), true),
    };
    const sent: string[] = [];
    const notifier = { notify: async (notice: { subject: string }) => (await notify(), void sent.push(notice.subject)) };
    const outbox = new EscalationOutbox(store, { publish: async () => undefined }, { notifier, minSeverity: 'high', clock: { now: () => new Date('2024-03-12T15:06:00.000Z') } });
    return { outbox, calls, sent };
  }

  it('given a high escalation published by its writer and again by the reconciler, then one notice, sent before the marker is cleared', async () => {
    const { outbox, calls, sent } = noticeSetup(async () => undefined);
    await outbox.publish({ ...record, version: 1, status: 'open' });
    await outbox.publish({ ...record, version: 2 });
    expect(sent).toEqual(['Buddie escalation [high] ivr-system-failure: contact c-1']);
    expect(calls).toEqual(['claim', 'mark 1', 'mark 2']);
  });

  it('given a medium escalation, then no notice; raised to high, then its one notice', async () => {
    const { outbox, sent } = noticeSetup(async () => undefined);
    await outbox.publish({ ...record, version: 1, status: 'open', severity: 'medium' });
    expect(sent).toEqual([]);
    await outbox.publish({ ...record, version: 2, status: 'open', severity: 'high' });
    expect(sent).toHaveLength(1);
  });

  it('given SNS failing, then the claim is released, the marker stays set (the reconciler retries) and the error is rethrown', async () => {
    let fail = true;
    const { outbox, calls, sent } = noticeSetup(async () => {
      if (fail) throw new Error('SNS throttled');
    });
    await expect(outbox.publish(record)).rejects.toThrow('SNS throttled');
    expect(calls).toEqual(['claim', 'release notice']);
    fail = false;
    await outbox.publish(record);
    expect(sent).toHaveLength(1);
  });
});

describe('loadEscalationRules', () => {
  const file = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'esc-rules-')), 'rules.json');
    writeFileSync(path, content);
    return { ESCALATION_RULES_FILE: path } as EscalationConfig;
  };

  it('uses the defaults without a file and fails boot with every problem and its path', () => {
    expect(loadEscalationRules({} as EscalationConfig)).toBe(DEFAULT_ESCALATION_RULES);
    expect(() => loadEscalationRules(file(JSON.stringify([{ id: 'x', on: 'summary', when: 'sometimes', severity: 'huge' }])))).toThrow(/\[0\]\.when: .*\[0\]\.severity: /);
    expect(() => loadEscalationRules(file('{not json'))).toThrow(/ESCALATION_RULES_FILE/);
    expect(loadEscalationRules(file(JSON.stringify({ rules: [{ id: 'only-alerts', on: 'agent-alert', severity: 'high' }] })))).toEqual([{ id: 'only-alerts', enabled: true, on: 'agent-alert', alertRuleIds: '*', severity: 'high' }]);
  });
});
