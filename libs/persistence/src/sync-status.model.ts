/**
 * Salesforce sync per contact. Today it is derived from the pipeline marks the apps leave on each
 * contact (see SyncStatusRepository); salesforce-sync extends the record here, in this one file.
 */
export type SyncState = 'synced' | 'pending' | 'waiting-for-summary';

export interface SyncStatusRecord {
  contactId: string;
  initiationTimestamp?: string;
  agentUsername?: string | null;
  queueName?: string | null;
  summarizedAt: string | null;
  syncedAt: string | null;
  state: SyncState;
}

export interface SyncStatusListQuery {
  limit?: number;
  cursor?: string;
}
