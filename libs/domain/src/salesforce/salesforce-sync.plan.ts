import type { OutboundRecord } from './salesforce-record.mapper';

/** sObject Collections accept at most 200 records of one type per call. */
export const COLLECTION_LIMIT = 200;

export interface PlannedRecord<K extends string = string> {
  /** The sync-state key of the Buddie record behind it (e.g. case:<conversationId>). */
  key: K;
  record: OutboundRecord;
}

export interface PlannedCall<K extends string = string> {
  sobject: string;
  externalIdField: string;
  records: PlannedRecord<K>[];
}

/**
 * Groups what is due into sObject Collections upserts: one type and External ID field per call, at most
 * `limit` records, each external id once per call (two copies in one call both fail with
 * DUPLICATE_VALUE, so the later copy wins). Objects in `order` go first: Cases before the Tasks that
 * need their ids.
 */
export function planCollectionCalls<K extends string>(records: PlannedRecord<K>[], order: string[] = [], limit = COLLECTION_LIMIT): PlannedCall<K>[] {
  const groups = new Map<string, Map<string, PlannedRecord<K>>>();
  for (const planned of records) {
    const groupKey = `${planned.record.sobject}\u0000${planned.record.externalIdField}`;
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = new Map()));
    group.delete(planned.record.externalId);
    group.set(planned.record.externalId, planned);
  }
  const rank = (sobject: string) => {
    const index = order.indexOf(sobject);
    return index === -1 ? order.length : index;
  };
  const calls: PlannedCall<K>[] = [];
  const sorted = [...groups.entries()].sort(([a], [b]) => rank(a.split('\u0000')[0]) - rank(b.split('\u0000')[0]));
  for (const [groupKey, group] of sorted) {
    const [sobject, externalIdField] = groupKey.split('\u0000');
    const all = [...group.values()];
    for (let i = 0; i < all.length; i += limit) calls.push({ sobject, externalIdField, records: all.slice(i, i + limit) });
  }
  return calls;
}

/** One element of an sObject Collections response (UpsertResult / SaveResult). */
export interface CollectionResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: { statusCode: string; message: string; fields?: string[] }[];
}

export type RecordOutcome<K extends string = string> =
  | { key: K; outcome: 'synced'; salesforceId: string; created: boolean }
  | { key: K; outcome: 'failed'; code: string; message: string }
  /** Not written, through no fault of its own (row lock, rolled back with others): send again. */
  | { key: K; outcome: 'retry'; code: string; message: string };

const RETRYABLE_RECORD_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUEST_RUNNING_TOO_LONG', 'SERVER_UNAVAILABLE']);

/**
 * Reads the per-record results of a collections call (same order as the request). A record without a
 * result (a short response) is retried, never assumed written.
 */
export function recordOutcomes<K extends string>(call: PlannedCall<K>, results: CollectionResult[]): RecordOutcome<K>[] {
  return call.records.map((planned, i) => {
    const result = results[i];
    if (!result) return { key: planned.key, outcome: 'retry', code: 'NO_RESULT', message: 'Salesforce returned no result for this record' };
    if (result.success && typeof result.id === 'string') return { key: planned.key, outcome: 'synced', salesforceId: result.id, created: result.created === true };
    const error = result.errors[0] ?? { statusCode: 'UNKNOWN', message: 'Salesforce rejected the record without a reason' };
    const fields = error.fields && error.fields.length > 0 ? ` [${error.fields.join(', ')}]` : '';
    const message = `${error.message}${fields}`;
    return RETRYABLE_RECORD_CODES.has(error.statusCode)
      ? { key: planned.key, outcome: 'retry', code: error.statusCode, message }
      : { key: planned.key, outcome: 'failed', code: error.statusCode, message };
  });
}

/** How one conversation's VoiceCall updates went: its legs' calls updated by Id, in one sync record. */
export type VoiceCallOutcome =
  | { outcome: 'synced'; salesforceIds: string[] }
  | { outcome: 'failed'; code: string; message: string; contactId: string }
  | { outcome: 'retry'; code: string; message: string; contactId: string };

/**
 * The conversation's outcome from its legs' update results (in request order): any leg to send again
 * makes it `retry` (every leg is updated again, idempotently, by Id); else a rejected leg makes it
 * `failed` with that leg's code and message; else `synced` with the VoiceCall ids written.
 */
export function voiceCallOutcome(updates: { contactId: string; voiceCallId: string }[], results: CollectionResult[]): VoiceCallOutcome {
  const outcomes = recordOutcomes({ sobject: 'VoiceCall', externalIdField: 'Id', records: updates.map((u) => ({ key: u.contactId, record: { sobject: 'VoiceCall', externalIdField: 'Id', externalId: u.voiceCallId, fields: {} } })) }, results);
  const retry = outcomes.find((o) => o.outcome === 'retry');
  if (retry?.outcome === 'retry') return { outcome: 'retry', code: retry.code, message: retry.message, contactId: retry.key };
  const failed = outcomes.find((o) => o.outcome === 'failed');
  if (failed?.outcome === 'failed') return { outcome: 'failed', code: failed.code, message: failed.message, contactId: failed.key };
  return { outcome: 'synced', salesforceIds: updates.map((u) => u.voiceCallId) };
}
