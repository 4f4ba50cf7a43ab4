import type { BuddieEventDetails } from '@buddie/messaging';
import type { EscalationRecord } from '@buddie/persistence';
import type { EscalationDto } from './escalation.dto';

export function toEscalationDto(escalation: EscalationRecord): EscalationDto {
  return {
    escalationId: escalation.escalationId,
    status: escalation.status,
    createdAt: escalation.createdAt,
    updatedAt: escalation.updatedAt,
    severity: escalation.severity,
    kind: escalation.kind,
    reason: escalation.reason,
    contactId: escalation.contactId,
    agentId: escalation.agentId,
    acknowledgedAt: escalation.acknowledgedAt,
    acknowledgedBy: escalation.acknowledgedBy,
    acknowledgeNote: escalation.acknowledgeNote,
    resolvedAt: escalation.resolvedAt,
    resolvedBy: escalation.resolvedBy,
    resolveNote: escalation.resolveNote,
  };
}

type EscalationEventDetail = BuddieEventDetails['EscalationCreated'] | BuddieEventDetails['EscalationUpdated'];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The escalation events carry the record's fields (only the id is typed in the catalog so far): each
 * DTO field is taken by name when it is a string, nothing else passes.
 */
export function escalationEventToDto(detail: EscalationEventDetail, occurredAt: string): EscalationDto {
  const fields = detail as EscalationEventDetail & Record<string, unknown>;
  const status = fields.status === 'acknowledged' || fields.status === 'resolved' ? fields.status : 'open';
  return {
    escalationId: detail.escalationId,
    status,
    createdAt: text(fields.createdAt) ?? occurredAt,
    updatedAt: text(fields.updatedAt) ?? occurredAt,
    severity: text(fields.severity),
    kind: text(fields.kind),
    reason: text(fields.reason),
    contactId: text(fields.contactId),
    agentId: text(fields.agentId),
    acknowledgedAt: text(fields.acknowledgedAt),
    acknowledgedBy: text(fields.acknowledgedBy),
    acknowledgeNote: text(fields.acknowledgeNote),
    resolvedAt: text(fields.resolvedAt),
    resolvedBy: text(fields.resolvedBy),
    resolveNote: text(fields.resolveNote),
  };
}
