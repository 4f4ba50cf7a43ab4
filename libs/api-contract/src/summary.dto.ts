import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FollowUpDto {
  @ApiProperty() action!: string;
  @ApiProperty() owner!: string;
  @ApiPropertyOptional() due?: string;
}

export class SentimentDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
}

export class SummaryEscalationDto {
  @ApiProperty() recommended!: boolean;
  @ApiPropertyOptional() reason?: string;
}

/** The LLM (or offline) summary of one call. */
export class CallSummaryDto {
  @ApiProperty() contactId!: string;
  @ApiProperty() headline!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) actionsTaken!: string[];
  @ApiProperty() outcome!: string;
  @ApiProperty({ type: [FollowUpDto] }) followUps!: FollowUpDto[];
  @ApiProperty({ type: SentimentDto }) sentiment!: SentimentDto;
  @ApiProperty({ type: [String] }) agentNotes!: string[];
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: SummaryEscalationDto }) escalation!: SummaryEscalationDto;
  @ApiProperty() provider!: string;
  @ApiPropertyOptional() model?: string;
  @ApiProperty() createdAt!: string;
}

/** Where the summarizer is with one contact; `summary` once it is summarized, else `reason` says why not (yet). */
export class SummaryDto {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: ['transcribing', 'summarized', 'no-recording', 'transcript-not-found', 'transcript-invalid', 'transcription-failed'] }) status!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: CallSummaryDto }) summary?: CallSummaryDto;
}

/** What the live `summaries` room carries: enough for the call list. */
export class SummaryBriefDto {
  @ApiProperty() contactId!: string;
  @ApiPropertyOptional() headline?: string;
  @ApiPropertyOptional() outcome?: string;
  @ApiPropertyOptional() escalationRecommended?: boolean;
  @ApiPropertyOptional() updatedAt?: string;
}
