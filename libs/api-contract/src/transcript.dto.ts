import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One turn of a redacted transcript: PII is already replaced by markers such as [CREDIT_DEBIT_NUMBER]. */
export class TranscriptTurnDto {
  @ApiProperty({ enum: ['AGENT', 'CUSTOMER', 'SYSTEM', 'UNKNOWN'] }) role!: string;
  @ApiProperty({ description: 'Milliseconds from the start of the contact' }) beginMs!: number;
  @ApiProperty() endMs!: number;
  @ApiProperty() text!: string;
  @ApiPropertyOptional({ enum: ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'] }) sentiment?: string;
}

/** The redacted transcript a contact's summary was written from (never the raw one). */
export class TranscriptDto {
  @ApiProperty() contactId!: string;
  @ApiProperty({ enum: ['VOICE', 'CHAT'] }) channel!: string;
  @ApiProperty({ description: 'Where the text came from: contact-lens, transcribe, pocketsphinx, ...' }) source!: string;
  @ApiPropertyOptional() language?: string;
  @ApiProperty({ type: [TranscriptTurnDto] }) turns!: TranscriptTurnDto[];
}
