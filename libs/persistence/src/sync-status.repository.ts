import type { ContactItem } from './contact.model';
import type { ContactRepository } from './contact.repository';
import type { Page } from './cursor';
import { syncRecordKey, type SalesforceSyncRecord, type SalesforceSyncRepository } from './salesforce-sync.repository';
import type { SyncStatusListQuery, SyncStatusRecord } from './sync-status.model';

/**
 * Salesforce sync per contact: the sync record of its conversation's Case when salesforce-sync has one
 * (pending, synced with its id, failed with Salesforce's reason), else the contact's pipeline marks.
 */
export function syncStatusOf(contact: Pick<ContactItem, 'contactId' | 'pipeline'> & Partial<ContactItem>, record?: SalesforceSyncRecord, voiceCall?: SalesforceSyncRecord): SyncStatusRecord {
  const summarizedAt = contact.pipeline?.summarized ?? null;
  const syncedAt = record?.state === 'synced' ? (record.syncedAt ?? null) : (contact.pipeline?.synced ?? null);
  const state = record ? record.state : syncedAt ? 'synced' : summarizedAt ? 'pending' : 'waiting-for-summary';
  return {
    contactId: contact.contactId,
    initiationTimestamp: contact.initiationTimestamp,
    agentUsername: contact.agentUsername,
    queueName: contact.queueName,
    summarizedAt,
    syncedAt,
    state,
    salesforceId: record?.salesforceId ?? null,
    errorCode: record?.state === 'failed' ? (record.errorCode ?? null) : null,
    reason: record?.state === 'failed' ? (record.reason ?? null) : null,
    lastError: record?.state === 'pending' ? (record.lastError ?? null) : null,
    voiceCall: voiceCall
      ? {
          state: voiceCall.state,
          salesforceIds: voiceCall.state === 'synced' && voiceCall.salesforceId ? voiceCall.salesforceId.split(',') : [],
          errorCode: voiceCall.state === 'failed' ? (voiceCall.errorCode ?? null) : null,
          reason: voiceCall.state === 'failed' ? (voiceCall.reason ?? null) : null,
          lastError: voiceCall.state === 'pending' ? (voiceCall.lastError ?? null) : null,
        }
      : null,
  };
}

/** Sync status, newest contact first: the contacts page joined with the sync records of their Cases. */
export class SyncStatusRepository {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly salesforceSync?: SalesforceSyncRepository,
  ) {}

  async get(contactId: string): Promise<SyncStatusRecord | undefined> {
    const contact = await this.contacts.get(contactId);
    if (!contact) return undefined;
    const records = this.salesforceSync ? await this.salesforceSync.getMany([caseKeyOf(contact), voiceCallKeyOf(contact)]) : new Map<string, SalesforceSyncRecord>();
    return syncStatusOf(contact, records.get(caseKeyOf(contact)), records.get(voiceCallKeyOf(contact)));
  }

  async list(query: SyncStatusListQuery = {}): Promise<Page<SyncStatusRecord>> {
    const page = await this.contacts.list({ limit: query.limit ?? 50, cursor: query.cursor });
    const records = this.salesforceSync ? await this.salesforceSync.getMany(page.items.flatMap((c) => [caseKeyOf(c), voiceCallKeyOf(c)])) : new Map<string, SalesforceSyncRecord>();
    return { items: page.items.map((contact) => syncStatusOf(contact, records.get(caseKeyOf(contact)), records.get(voiceCallKeyOf(contact)))), nextCursor: page.nextCursor };
  }
}

/** Transfer legs share InitialContactId (conversationId), and so one Case and one sync record. */
function caseKeyOf(contact: Pick<ContactItem, 'contactId'> & Partial<ContactItem>): string {
  return syncRecordKey('case', contact.conversationId || contact.contactId);
}

function voiceCallKeyOf(contact: Pick<ContactItem, 'contactId'> & Partial<ContactItem>): string {
  return syncRecordKey('voicecall', contact.conversationId || contact.contactId);
}
