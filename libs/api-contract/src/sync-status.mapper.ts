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
    salesforceId: status.salesforceId,
    errorCode: status.errorCode,
    reason: status.reason,
    lastError: status.lastError,
    voiceCall: status.voiceCall
      ? { state: status.voiceCall.state, salesforceIds: [...status.voiceCall.salesforceIds], errorCode: status.voiceCall.errorCode, reason: status.voiceCall.reason, lastError: status.voiceCall.lastError }
      : null,
  };
}

/** The sync view is per contact; a Task about no call is keyed by its sync record instead. */
export function salesforceSyncedToDto(detail: BuddieEventDetails['SalesforceSynced'], occurredAt: string): SyncStatusDto {
  return { contactId: detail.contactId ?? detail.recordKey, state: 'synced', syncedAt: occurredAt, salesforceId: detail.salesforceId };
}

export function salesforceSyncFailedToDto(detail: BuddieEventDetails['SalesforceSyncFailed']): SyncStatusDto {
  return { contactId: detail.contactId ?? detail.recordKey, state: 'failed', errorCode: detail.errorCode, reason: detail.reason };
}
