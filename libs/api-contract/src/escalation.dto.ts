import { ApiProperty } from '@nestjs/swagger';

// The domain's value sets, spelled here so the dashboard compiles against this folder alone (the mapper checks them).
export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const ESCALATION_TRIGGERS = ['journey-failure', 'summary', 'agent-alert'] as const;
export const FAILURE_SEVERITIES = ['low', 'medium', 'high'] as const;

/** One escalation: the same shape in REST, in the live snapshot and in EscalationCreated/Updated. */
export class EscalationDto {
  @ApiProperty() escalationId!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: (typeof ESCALATION_STATUSES)[number];
  @ApiProperty({ enum: ['contact', 'agent-alert'] }) subjectType!: 'contact' | 'agent-alert';
  @ApiProperty() subjectId!: string;
  @ApiProperty({ description: 'the rule that opened it: one escalation per subject and cause' }) cause!: string;
  @ApiProperty({ enum: ESCALATION_TRIGGERS }) trigger!: (typeof ESCALATION_TRIGGERS)[number];
  @ApiProperty({ enum: FAILURE_SEVERITIES }) severity!: (typeof FAILURE_SEVERITIES)[number];
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ type: String, nullable: true }) contactId!: string | null;
  @ApiProperty({ type: String, nullable: true }) agentId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgeNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolveNote!: string | null;
}
