import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** When each app finished its part of the contact (ISO timestamps). */
export class ContactPipelineDto {
  @ApiPropertyOptional() ingested?: string;
  @ApiPropertyOptional() transcribed?: string;
  @ApiPropertyOptional() summarized?: string;
  @ApiPropertyOptional() journey?: string;
  @ApiPropertyOptional() synced?: string;
}

/** What the live `contacts` room carries: the contact without its CTR. */
export class LiveContactDto {
  @ApiProperty() contactId!: string;
  @ApiPropertyOptional() conversationId?: string;
  @ApiPropertyOptional() channel?: string;
  @ApiPropertyOptional() initiationMethod?: string;
  @ApiPropertyOptional() initiationTimestamp?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) disconnectTimestamp?: string | null;
  @ApiPropertyOptional() lastUpdateTimestamp?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) agentUsername?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) queueName?: string | null;
  @ApiPropertyOptional() abandoned?: boolean;
  @ApiPropertyOptional({ enum: ['in-progress', 'completed'] }) status?: 'in-progress' | 'completed';
  @ApiPropertyOptional({ type: ContactPipelineDto }) pipeline?: ContactPipelineDto;
  /** Set by TranscriptReady: the contact has a (redacted) transcript. */
  @ApiPropertyOptional() transcriptReady?: boolean;
}

/** One Connect contact as the REST API serves it. */
export class ContactDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() conversationId!: string;
  @ApiProperty() channel!: string;
  @ApiProperty() initiationMethod!: string;
  @ApiProperty() initiationTimestamp!: string;
  @ApiProperty({ type: String, nullable: true }) disconnectTimestamp!: string | null;
  @ApiProperty() lastUpdateTimestamp!: string;
  @ApiProperty({ type: String, nullable: true }) agentUsername!: string | null;
  @ApiProperty({ type: String, nullable: true }) queueName!: string | null;
  @ApiProperty() abandoned!: boolean;
  @ApiProperty({ enum: ['in-progress', 'completed'] }) status!: 'in-progress' | 'completed';
  @ApiProperty({ type: ContactPipelineDto }) pipeline!: ContactPipelineDto;
  /** Latest timestamp seen per Connect contact event type (INITIATED, QUEUED, ...). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) contactEvents?: Record<string, string>;
  /** The contact trace record as Connect wrote it. */
  @ApiProperty({ type: 'object', additionalProperties: true }) ctr!: Record<string, unknown>;
}

export class ConversationDto {
  @ApiProperty() conversationId!: string;
  @ApiProperty({ type: [ContactDto] }) contacts!: ContactDto[];
}
