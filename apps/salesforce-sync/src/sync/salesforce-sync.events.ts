import type { PublishableEvent } from '@buddie/messaging';
import type { SalesforceSyncRecord } from '@buddie/persistence';

/** The records the sync events speak of (a conversation's VoiceCalls are told by the sync state only). */
export type AnnouncedRecord = SalesforceSyncRecord & { kind: 'case' | 'task' };

export const isAnnounced = (record: SalesforceSyncRecord): record is AnnouncedRecord => record.kind === 'case' || record.kind === 'task';

/** One SalesforceSynced per leg of a Case (the sync view lists contacts), one per Task. */
export function syncedEvents(record: AnnouncedRecord, result: { sobject: string; salesforceId: string; created: boolean }): PublishableEvent<'SalesforceSynced'>[] {
  const base = { recordKey: record.recordKey, kind: record.kind, escalationId: record.kind === 'task' ? record.sourceId : null, sobject: result.sobject, salesforceId: result.salesforceId, created: result.created };
  const contacts = record.kind === 'case' ? record.contactIds : [record.task?.contactId ?? null];
  return contacts.map((contactId) => ({ type: 'SalesforceSynced', detail: { ...base, contactId, correlationId: record.correlationId } }));
}

export function failedEvents(record: AnnouncedRecord, sobject: string, failure: { code: string; reason: string }): PublishableEvent<'SalesforceSyncFailed'>[] {
  const base = { recordKey: record.recordKey, kind: record.kind, escalationId: record.kind === 'task' ? record.sourceId : null, sobject, errorCode: failure.code, reason: failure.reason };
  const contacts = record.kind === 'case' ? record.contactIds : [record.task?.contactId ?? null];
  return contacts.map((contactId) => ({ type: 'SalesforceSyncFailed', detail: { ...base, contactId, correlationId: record.correlationId } }));
}
