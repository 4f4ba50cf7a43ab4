import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One escalation: the same shape in REST, in the live snapshot and in EscalationCreated/Updated. */
export class EscalationDto {
  @ApiProperty() escalationId!: string;
  @ApiProperty({ enum: ['open', 'acknowledged', 'resolved'] }) status!: 'open' | 'acknowledged' | 'resolved';
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() updatedAt?: string;
  @ApiPropertyOptional() severity?: string;
  @ApiPropertyOptional() kind?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() contactId?: string;
  @ApiPropertyOptional() agentId?: string;
  @ApiPropertyOptional() acknowledgedAt?: string;
  @ApiPropertyOptional() acknowledgedBy?: string;
  @ApiPropertyOptional() acknowledgeNote?: string;
  @ApiPropertyOptional() resolvedAt?: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiPropertyOptional() resolveNote?: string;
}
