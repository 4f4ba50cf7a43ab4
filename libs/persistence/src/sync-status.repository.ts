import type { ContactItem } from './contact.model';
import type { ContactRepository } from './contact.repository';
import type { Page } from './cursor';
import type { SyncStatusListQuery, SyncStatusRecord } from './sync-status.model';

/** Salesforce sync per contact, from the pipeline marks the apps leave on each contact. */
export function syncStatusOf(contact: Pick<ContactItem, 'contactId' | 'pipeline'> & Partial<ContactItem>): SyncStatusRecord {
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

/**
 * Sync status, newest contact first. Read through the contacts table today; salesforce-sync may back
 * it with a table of its own without its readers changing.
 */
export class SyncStatusRepository {
  constructor(private readonly contacts: ContactRepository) {}

  async get(contactId: string): Promise<SyncStatusRecord | undefined> {
    const contact = await this.contacts.get(contactId);
    return contact ? syncStatusOf(contact) : undefined;
  }

  async list(query: SyncStatusListQuery = {}): Promise<Page<SyncStatusRecord>> {
    const page = await this.contacts.list({ limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(syncStatusOf), nextCursor: page.nextCursor };
  }
}
