import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SYNC_STATES = ['synced', 'pending', 'failed', 'waiting-for-summary'] as const;
export type SyncStateDto = (typeof SYNC_STATES)[number];

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
}
