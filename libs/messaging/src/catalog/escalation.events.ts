import { z } from 'zod';
import { ESCALATION_STATUSES, ESCALATION_TRIGGERS, FAILURE_SEVERITIES, type EscalationRecord } from '@buddie/domain';
import { defineEvent, isoTimestamp, nonEmpty, type DetailOf } from './event-definition';

/** The escalation as escalationEventFields (below) writes it for apps/escalation and the gateway, in both events. */
const escalationFields = {
  escalationId: nonEmpty,
  /**
   * The stored record's version, 1 when opened and one more for every change. Delivery is at least once
   * (a lost publish is re-sent by the reconciler): a consumer drops what it has seen by escalationId + version.
   */
  version: z.number().int().min(1),
  subjectType: z.enum(['contact', 'agent-alert']),
  subjectId: nonEmpty,
  contactId: z.string().nullable(),
  agentId: z.string().nullable(),
  /** The rule that opened it: one escalation per subject and cause. */
  cause: nonEmpty,
  trigger: z.enum(ESCALATION_TRIGGERS),
  severity: z.enum(FAILURE_SEVERITIES),
  status: z.enum(ESCALATION_STATUSES),
  reasons: z.array(z.string()).min(1),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  acknowledgedAt: isoTimestamp.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: isoTimestamp.nullable(),
  resolvedBy: z.string().nullable(),
};

export const EscalationCreated = defineEvent({
  type: 'EscalationCreated',
  producer: 'escalation',
  version: 1,
  summary: 'an escalation was opened (once per subject and cause)',
  fields: escalationFields,
});

/**
 * Two producers: the escalation app when a later trigger raises the severity (and its reconciler when a
 * publish was lost), the gateway when a supervisor acknowledges or resolves (README, "Events").
 */
export const EscalationUpdated = defineEvent({
  type: 'EscalationUpdated',
  producer: ['escalation', 'gateway'],
  version: 1,
  summary: 'an escalation was acknowledged, resolved, or raised in severity',
  fields: escalationFields,
});

/** The event fields of a stored escalation: one mapper for every producer (escalation app, gateway) and the tests. */
export function escalationEventFields(record: EscalationRecord, correlationId: string): Omit<DetailOf<typeof EscalationCreated>, 'schemaVersion' | 'occurredAt'> {
  return {
    correlationId,
    escalationId: record.escalationId,
    // Rows written before versions existed are at their first.
    version: record.version ?? 1,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    contactId: record.contactId ?? null,
    agentId: record.agentId ?? null,
    cause: record.cause,
    trigger: record.trigger,
    severity: record.severity,
    status: record.status,
    reasons: record.reasons.length ? record.reasons : ['(no reason recorded)'],
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    acknowledgedAt: record.acknowledgedAt ?? null,
    acknowledgedBy: record.acknowledgedBy ?? null,
    resolvedAt: record.resolvedAt ?? null,
    resolvedBy: record.resolvedBy ?? null,
  };
}

/**
 * The event announcing a stored escalation's current version, built from the record alone (its own
 * correlation id, occurredAt = the change's updatedAt): EscalationCreated for version 1, EscalationUpdated
 * after. Whoever publishes a version (the writer, a redelivery, the reconciler) sends the same detail, so a
 * re-send is a duplicate consumers drop by escalationId + version, never a different story.
 */
type EscalationEventDetail = Omit<DetailOf<typeof EscalationCreated>, 'schemaVersion'>;

export type EscalationEvent = { type: 'EscalationCreated'; detail: EscalationEventDetail } | { type: 'EscalationUpdated'; detail: EscalationEventDetail };

export function escalationEvent(record: EscalationRecord): EscalationEvent {
  const detail: EscalationEventDetail = { ...escalationEventFields(record, record.correlationId || record.escalationId), occurredAt: record.updatedAt };
  return (record.version ?? 1) === 1 ? { type: 'EscalationCreated', detail } : { type: 'EscalationUpdated', detail };
}
