import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SYNC_STATES = ['synced', 'pending', 'failed', 'waiting-for-summary'] as const;
export type SyncStateDto = (typeof SYNC_STATES)[number];

export const VOICE_CALL_SYNC_STATES = ['synced', 'pending', 'failed'] as const;

/** Service Cloud Voice: the conversation's VoiceCall records, updated by Id after its Case is synced. */
export class SyncVoiceCallDto {
  @ApiProperty({ enum: VOICE_CALL_SYNC_STATES }) state!: (typeof VOICE_CALL_SYNC_STATES)[number];
  /** The VoiceCall ids written (state `synced`); empty when the org has no VoiceCall for these contacts. */
  @ApiProperty({ type: [String] }) salesforceIds!: string[];
  /** Salesforce's error code when it rejected a VoiceCall update (state `failed`; also in the DLQ). */
  @ApiProperty({ type: String, nullable: true }) errorCode!: string | null;
  /** Salesforce's message for that rejection. */
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  /** The last transient problem (outage, time-out, API limit) while the update waits to be sent again (state `pending`). */
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

/** Salesforce sync of one contact: the same shape in REST, in the live snapshot and in the Salesforce events. */
export class SyncStatusDto {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: SYNC_STATES }) state!: SyncStateDto;
  @ApiPropertyOptional() initiationTimestamp?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) agentUsername?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) queueName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) summarizedAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) syncedAt?: string | null;
  /** Why Salesforce rejected it (state `failed`): Salesforce's own message. */
  @ApiPropertyOptional({ type: String, nullable: true }) reason?: string | null;
  /** Salesforce's error code (FIELD_CUSTOM_VALIDATION_EXCEPTION, DUPLICATE_VALUE, ...) when it rejected it. */
  @ApiPropertyOptional({ type: String, nullable: true }) errorCode?: string | null;
  /** The Case's Salesforce id once Salesforce confirmed it. */
  @ApiPropertyOptional({ type: String, nullable: true }) salesforceId?: string | null;
  /** The last transient problem (outage, API limit) while still pending. */
  @ApiPropertyOptional({ type: String, nullable: true }) lastError?: string | null;
  /**
   * With the VoiceCall target on, how the conversation's VoiceCalls fared, apart from the Case: a Case can be
   * `synced` while its VoiceCall update failed or waits for a retry. Null when the target is off or not reached yet.
   */
  @ApiPropertyOptional({ type: SyncVoiceCallDto, nullable: true }) voiceCall?: SyncVoiceCallDto | null;
}
