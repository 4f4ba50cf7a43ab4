import type { BuddieEventDetails } from '@buddie/messaging';
import type { SyncStatusRecord } from '@buddie/persistence';
import type { SyncStatusDto } from './sync-status.dto';

export function toSyncStatusDto(status: SyncStatusRecord): SyncStatusDto {
  return {
    contactId: status.contactId,
    state: status.state,
    initiationTimestamp: status.initiationTimestamp,
    agentUsername: status.agentUsername,
    queueName: status.queueName,
    summarizedAt: status.summarizedAt,
    syncedAt: status.syncedAt,
  };
}

/** The Salesforce events name the Buddie record they wrote; the sync view is per contact. */
export function salesforceSyncedToDto(detail: BuddieEventDetails['SalesforceSynced'], occurredAt: string): SyncStatusDto {
  return { contactId: detail.recordId, state: 'synced', syncedAt: occurredAt };
}

export function salesforceSyncFailedToDto(detail: BuddieEventDetails['SalesforceSyncFailed']): SyncStatusDto {
  return { contactId: detail.recordId, state: 'failed', reason: detail.reason };
}
