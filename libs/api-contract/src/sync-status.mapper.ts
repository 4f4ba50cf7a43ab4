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

/** The sync view is per contact; a Task about no call is keyed by its sync record instead. */
export function salesforceSyncedToDto(detail: BuddieEventDetails['SalesforceSynced'], occurredAt: string): SyncStatusDto {
  return { contactId: detail.contactId ?? detail.recordKey, state: 'synced', syncedAt: occurredAt };
}

export function salesforceSyncFailedToDto(detail: BuddieEventDetails['SalesforceSyncFailed']): SyncStatusDto {
  return { contactId: detail.contactId ?? detail.recordKey, state: 'failed', reason: detail.reason };
}
