import { FAILURE_SEVERITIES } from '../journey/journey.model';
import { redactPii } from '../pii/pii-redactor';
import type { EscalationRecord, EscalationSeverity, EscalationTriggerKind } from './escalation.model';

/** What a supervisor's pager, e-mail or chat gets about one escalation (published on the alerts topic). */
export interface EscalationNotice {
  /** SNS subject: ASCII, one line, at most 100 characters. */
  subject: string;
  message: string;
  severity: EscalationSeverity;
  cause: string;
}

const FROM: Record<EscalationTriggerKind, string> = {
  'journey-failure': 'an IVR journey failure',
  summary: 'the call summary',
  'agent-alert': 'an agent alert',
};

const ascii = (text: string): string => text.replace(/[^\x20-\x7e]/g, '?');

/**
 * The notice for an escalation at or above `minSeverity` that is not resolved; none otherwise. It names the
 * contact (or the agent and alert) by id only, and its reasons pass the PII redactor, so no caller number,
 * e-mail or card number reaches a pager. Sent once per escalation (the store's conditional claim), also
 * when a severity raise first brings it to `minSeverity`.
 */
export function escalationNotice(record: EscalationRecord, minSeverity: EscalationSeverity): EscalationNotice | undefined {
  if (record.status === 'resolved') return undefined;
  if (FAILURE_SEVERITIES.indexOf(record.severity) < FAILURE_SEVERITIES.indexOf(minSeverity)) return undefined;
  const about = record.subjectType === 'agent-alert' ? `agent ${record.agentId ?? 'unknown'} (alert ${record.subjectId})` : `contact ${record.contactId ?? record.subjectId}`;
  const raised = (record.version ?? 1) > 1 && record.updatedAt !== record.createdAt && record.status === 'open' ? [`Raised to ${record.severity}: ${record.updatedAt}`] : [];
  const lines = [
    `A ${record.severity}-severity escalation needs a supervisor.`,
    `About: ${about}`,
    `Cause: ${record.cause} (from ${FROM[record.trigger]})`,
    'Why:',
    ...record.reasons.map((reason) => `- ${redactPii(reason).text}`),
    `Opened: ${record.createdAt}`,
    ...raised,
    `Status: ${record.status}${record.acknowledgedBy ? ` (acknowledged by ${record.acknowledgedBy})` : ''}`,
    `Acknowledge or resolve it on the Buddie dashboard, Escalations (escalation ${record.escalationId}).`,
  ];
  return {
    subject: ascii(`Buddie escalation [${record.severity}] ${record.cause}: ${about}`).slice(0, 100),
    message: lines.join('\n'),
    severity: record.severity,
    cause: record.cause,
  };
}
