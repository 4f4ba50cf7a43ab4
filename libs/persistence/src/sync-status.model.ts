/**
 * Salesforce sync per contact: the contact's pipeline marks, joined with the sync record salesforce-sync
 * keeps for the contact's conversation (its Case) in the salesforce-sync table.
 */
export type SyncState = 'synced' | 'pending' | 'failed' | 'waiting-for-summary';

export interface SyncStatusRecord {
  contactId: string;
  initiationTimestamp?: string;
  agentUsername?: string | null;
  queueName?: string | null;
  summarizedAt: string | null;
  syncedAt: string | null;
  state: SyncState;
  /** The Case's Salesforce id once Salesforce confirmed it. */
  salesforceId: string | null;
  /** Salesforce's error code and message when it rejected the Case (also in the DLQ). */
  errorCode: string | null;
  reason: string | null;
  /** The last transient problem (outage, API limit) while still pending. */
  lastError: string | null;
  /**
   * Service Cloud Voice: the conversation's VoiceCalls, updated after its Case (null when the VoiceCall
   * target is off or the Case is not synced yet). Synced with the VoiceCall ids (none when the org has no
   * VoiceCall for these contacts), pending with the last transient problem, failed with Salesforce's code and message.
   */
  voiceCall: SyncVoiceCallStatus | null;
}

export interface SyncVoiceCallStatus {
  state: 'synced' | 'pending' | 'failed';
  salesforceIds: string[];
  errorCode: string | null;
  reason: string | null;
  lastError: string | null;
}

export interface SyncStatusListQuery {
  limit?: number;
  cursor?: string;
}
