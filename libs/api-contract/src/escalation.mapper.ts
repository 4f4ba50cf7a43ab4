import type { BuddieEventDetails } from '@buddie/messaging';
import type { EscalationRecord } from '@buddie/persistence';
import type { EscalationDto } from './escalation.dto';

export function toEscalationDto(escalation: EscalationRecord): EscalationDto {
  return {
    escalationId: escalation.escalationId,
    status: escalation.status,
    subjectType: escalation.subjectType,
    subjectId: escalation.subjectId,
    cause: escalation.cause,
    trigger: escalation.trigger,
    severity: escalation.severity,
    reasons: [...(escalation.reasons ?? [])],
    contactId: escalation.contactId ?? null,
    agentId: escalation.agentId ?? null,
    createdAt: escalation.createdAt,
    updatedAt: escalation.updatedAt,
    acknowledgedAt: escalation.acknowledgedAt ?? null,
    acknowledgedBy: escalation.acknowledgedBy ?? null,
    acknowledgeNote: escalation.acknowledgeNote ?? null,
    resolvedAt: escalation.resolvedAt ?? null,
    resolvedBy: escalation.resolvedBy ?? null,
    resolveNote: escalation.resolveNote ?? null,
  };
}

type EscalationEventDetail = BuddieEventDetails['EscalationCreated'] | BuddieEventDetails['EscalationUpdated'];

/** The escalation events carry the catalog's escalation fields (notes stay in the table). */
export function escalationEventToDto(detail: EscalationEventDetail, _occurredAt: string): EscalationDto {
  return {
    escalationId: detail.escalationId,
    status: detail.status,
    subjectType: detail.subjectType,
    subjectId: detail.subjectId,
    cause: detail.cause,
    trigger: detail.trigger,
    severity: detail.severity,
    reasons: [...detail.reasons],
    contactId: detail.contactId,
    agentId: detail.agentId,
    createdAt: detail.createdAt,
    updatedAt: detail.updatedAt,
    acknowledgedAt: detail.acknowledgedAt,
    acknowledgedBy: detail.acknowledgedBy,
    acknowledgeNote: null,
    resolvedAt: detail.resolvedAt,
    resolvedBy: detail.resolvedBy,
    resolveNote: null,
  };
}
