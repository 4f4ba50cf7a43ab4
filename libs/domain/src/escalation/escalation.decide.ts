import { FAILURE_SEVERITIES } from '../journey/journey.model';
import type { EscalationDraft, EscalationRecord, EscalationRule, EscalationSeverity, EscalationTrigger } from './escalation.model';

const UNRESOLVED = new Set(['unresolved', 'follow-up-needed']);

/** The record key: one escalation per subject and cause, whatever number of times the input is delivered. */
export function escalationIdOf(subjectId: string, cause: string): string {
  return `${subjectId}:${cause}`;
}

function highest(severities: EscalationSeverity[]): EscalationSeverity {
  return severities.reduce<EscalationSeverity>((top, s) => (FAILURE_SEVERITIES.indexOf(s) > FAILURE_SEVERITIES.indexOf(top) ? s : top), 'low');
}

function alertSeverity(value: string | null | undefined): EscalationSeverity {
  switch ((value ?? '').toLowerCase()) {
    case 'critical':
    case 'high':
      return 'high';
    case 'warning':
    case 'medium':
      return 'medium';
    default:
      return 'low';
  }
}

/**
 * Which escalations an input opens. Pure: the service stores each draft with a conditional create
 * (keyed by escalationId), so replays and redeliveries never open a second one.
 */
export function decideEscalations(trigger: EscalationTrigger, rules: readonly EscalationRule[]): EscalationDraft[] {
  const drafts: EscalationDraft[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.on !== trigger.kind) continue;
    const base = { trigger: trigger.kind, correlationId: trigger.correlationId, triggeredAt: trigger.occurredAt, cause: rule.id };
    if (rule.on === 'journey-failure' && trigger.kind === 'journey-failure') {
      const matched = trigger.failures.filter((f) => rule.failureKinds.includes(f.kind));
      if (!matched.length) continue;
      drafts.push({
        ...base,
        escalationId: escalationIdOf(trigger.contactId, rule.id),
        subjectType: 'contact',
        subjectId: trigger.contactId,
        contactId: trigger.contactId,
        agentId: null,
        severity: rule.severity === 'from-failure' ? highest(matched.map((f) => f.severity)) : rule.severity,
        reasons: matched.map((f) => f.reason),
      });
    } else if (rule.on === 'summary' && trigger.kind === 'summary') {
      let reason: string | undefined;
      if (rule.when === 'escalation-recommended' && trigger.escalationRecommended) reason = `The call summary recommends escalation${trigger.escalationReason ? `: ${trigger.escalationReason}` : '.'}`;
      if (rule.when === 'negative-ending' && trigger.endingSentiment === 'negative') reason = 'The customer was still unhappy at the end of the call (negative ending sentiment).';
      if (rule.when === 'unresolved' && trigger.outcome && UNRESOLVED.has(trigger.outcome.toLowerCase())) reason = `The call ended ${trigger.outcome}: the customer's issue is still open.`;
      if (!reason) continue;
      drafts.push({ ...base, escalationId: escalationIdOf(trigger.contactId, rule.id), subjectType: 'contact', subjectId: trigger.contactId, contactId: trigger.contactId, agentId: null, severity: rule.severity, reasons: [reason] });
    } else if (rule.on === 'agent-alert' && trigger.kind === 'agent-alert') {
      if (rule.alertRuleIds !== '*' && !rule.alertRuleIds.includes(trigger.ruleId)) continue;
      drafts.push({
        ...base,
        escalationId: escalationIdOf(trigger.alertId, rule.id),
        subjectType: 'agent-alert',
        subjectId: trigger.alertId,
        contactId: trigger.contactId ?? null,
        agentId: trigger.agentId,
        severity: rule.severity === 'from-alert' ? alertSeverity(trigger.severity) : rule.severity,
        reasons: [trigger.message || `Agent alert ${trigger.ruleId} raised for agent ${trigger.agentId}.`],
      });
    }
  }
  return drafts;
}

/** What a later trigger changes on an escalation that is already open: a higher severity, with its reasons added. */
export interface SeverityRaise {
  severity: EscalationSeverity;
  reasons: string[];
}

/**
 * Whether a later trigger for the same subject and cause raises the stored escalation. Only to a strictly
 * higher severity (a replay, or a re-assembled journey with the same or milder failures, changes nothing),
 * and never once resolved: a supervisor closed it, and the record stays as they left it.
 */
export function decideSeverityRaise(current: EscalationRecord, draft: EscalationDraft): SeverityRaise | undefined {
  if (current.status === 'resolved') return undefined;
  if (FAILURE_SEVERITIES.indexOf(draft.severity) <= FAILURE_SEVERITIES.indexOf(current.severity)) return undefined;
  const reasons = [...current.reasons, ...draft.reasons.filter((reason) => !current.reasons.includes(reason))];
  return { severity: draft.severity, reasons };
}
