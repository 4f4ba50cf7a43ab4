import type { ContactItem } from '@buddie/persistence';

export type SyncState = 'synced' | 'pending' | 'waiting-for-summary';

export interface SyncStatus {
  contactId: string;
  initiationTimestamp?: string;
  agentUsername?: string | null;
  queueName?: string | null;
  summarizedAt: string | null;
  syncedAt: string | null;
  state: SyncState;
}

/** Salesforce sync per contact, from the pipeline marks the apps leave on each contact. */
export function syncStatusOf(contact: Pick<ContactItem, 'contactId' | 'pipeline'> & Partial<ContactItem>): SyncStatus {
  const summarizedAt = contact.pipeline?.summarized ?? null;
  const syncedAt = contact.pipeline?.synced ?? null;
  return {
    contactId: contact.contactId,
    initiationTimestamp: contact.initiationTimestamp,
    agentUsername: contact.agentUsername,
    queueName: contact.queueName,
    summarizedAt,
    syncedAt,
    state: syncedAt ? 'synced' : summarizedAt ? 'pending' : 'waiting-for-summary',
  };
}
