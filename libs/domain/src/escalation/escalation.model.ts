import { BuddieError } from '../errors';
import { FAILURE_KINDS, FAILURE_SEVERITIES, type FailureKind, type FailureSeverity } from '../journey/journey.model';

export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationSeverity = FailureSeverity;

export const ESCALATION_TRIGGERS = ['journey-failure', 'summary', 'agent-alert'] as const;
export type EscalationTriggerKind = (typeof ESCALATION_TRIGGERS)[number];

/** What an escalation can be opened on: the three inputs the escalation service consumes. */
export type EscalationTrigger =
  | {
      kind: 'journey-failure';
      contactId: string;
      correlationId: string;
      occurredAt: string;
      failures: { kind: FailureKind; severity: FailureSeverity; stepLabel: string | null; reason: string }[];
    }
  | {
      kind: 'summary';
      contactId: string;
      correlationId: string;
      occurredAt: string;
      escalationRecommended: boolean;
      escalationReason?: string | null;
      endingSentiment?: 'positive' | 'neutral' | 'negative' | null;
      /** The summary's outcome; `unresolved` (or anything in `unresolvedOutcomes`) means the issue is still open. */
      outcome?: string | null;
    }
  | {
      kind: 'agent-alert';
      alertId: string;
      agentId: string;
      ruleId: string;
      correlationId: string;
      occurredAt: string;
      severity?: string | null;
      message?: string | null;
      contactId?: string | null;
    };

/** One rule: which inputs open an escalation, under which cause, with what severity. */
export type EscalationRule =
  | { id: string; enabled: boolean; on: 'journey-failure'; failureKinds: FailureKind[]; severity: EscalationSeverity | 'from-failure' }
  | { id: string; enabled: boolean; on: 'summary'; when: 'escalation-recommended' | 'negative-ending' | 'unresolved'; severity: EscalationSeverity }
  | { id: string; enabled: boolean; on: 'agent-alert'; alertRuleIds: string[] | '*'; severity: EscalationSeverity | 'from-alert' };

export const DEFAULT_ESCALATION_RULES: EscalationRule[] = [
  { id: 'ivr-system-failure', enabled: true, on: 'journey-failure', failureKinds: ['lambda-error', 'error-branch', 'flow-error-disconnect'], severity: 'high' },
  { id: 'ivr-caller-stuck', enabled: true, on: 'journey-failure', failureKinds: ['input-retries', 'menu-loop', 'ivr-abandon'], severity: 'medium' },
  { id: 'queue-abandoned', enabled: true, on: 'journey-failure', failureKinds: ['queue-abandon'], severity: 'medium' },
  { id: 'repeat-caller', enabled: true, on: 'journey-failure', failureKinds: ['repeat-caller'], severity: 'low' },
  { id: 'summary-recommends-escalation', enabled: true, on: 'summary', when: 'escalation-recommended', severity: 'high' },
  { id: 'negative-ending', enabled: true, on: 'summary', when: 'negative-ending', severity: 'medium' },
  { id: 'unresolved-contact', enabled: true, on: 'summary', when: 'unresolved', severity: 'low' },
  { id: 'agent-alert', enabled: true, on: 'agent-alert', alertRuleIds: '*', severity: 'from-alert' },
];

/** What the rules decided: one draft per (subject, cause). The id is derived from both, so a replay maps to the same record. */
export interface EscalationDraft {
  escalationId: string;
  /** The contact, or the agent alert, the escalation is about. */
  subjectType: 'contact' | 'agent-alert';
  subjectId: string;
  contactId: string | null;
  agentId: string | null;
  cause: string;
  severity: EscalationSeverity;
  reasons: string[];
  trigger: EscalationTriggerKind;
  correlationId: string;
  triggeredAt: string;
}

export interface EscalationRecord extends EscalationDraft {
  status: EscalationStatus;
  /** 1 when opened, one more with every stored change (acknowledge, resolve, severity raised): the events carry it. */
  version?: number;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgeNote?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolveNote?: string;
}

export type EscalationAction = 'acknowledge' | 'resolve';

export class EscalationTransitionError extends BuddieError {
  constructor(message: string) {
    super('CONFLICT', message, true);
  }
}

const NEXT: Record<EscalationAction, { to: EscalationStatus; from: EscalationStatus[] }> = {
  acknowledge: { to: 'acknowledged', from: ['open'] },
  resolve: { to: 'resolved', from: ['open', 'acknowledged'] },
};

export function allowedFrom(action: EscalationAction): EscalationStatus[] {
  return NEXT[action].from;
}

/** open -> acknowledged -> resolved (resolving straight from open is allowed); who and when are recorded. */
export function transitionEscalation(current: EscalationRecord, action: EscalationAction, by: string, at: string, note?: string): EscalationRecord {
  const step = NEXT[action];
  if (!step.from.includes(current.status)) throw new EscalationTransitionError(`escalation ${current.escalationId} is ${current.status}; it cannot be ${step.to} now`);
  const next: EscalationRecord = { ...current, status: step.to, updatedAt: at };
  if (action === 'acknowledge') Object.assign(next, { acknowledgedAt: at, acknowledgedBy: by }, note ? { acknowledgeNote: note } : {});
  else Object.assign(next, { resolvedAt: at, resolvedBy: by }, note ? { resolveNote: note } : {});
  return next;
}

export interface RuleIssue {
  path: string;
  message: string;
}

const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates escalation rules from a file: every problem with its path. */
export function validateEscalationRules(input: unknown): { ok: true; rules: EscalationRule[] } | { ok: false; issues: RuleIssue[] } {
  const list = Array.isArray(input) ? input : isObject(input) && Array.isArray(input.rules) ? input.rules : undefined;
  const prefix = Array.isArray(input) ? '' : 'rules';
  if (!list) return { ok: false, issues: [{ path: '', message: 'expected an array of rules or an object with a "rules" array' }] };
  const issues: RuleIssue[] = [];
  const rules: EscalationRule[] = [];
  const ids = new Set<string>();
  list.forEach((raw: unknown, i: number) => {
    const at = `${prefix}[${i}]`;
    if (!isObject(raw)) return issues.push({ path: at, message: 'must be an object' });
    const before = issues.length;
    const id = raw.id;
    if (typeof id !== 'string' || !RULE_ID.test(id)) issues.push({ path: `${at}.id`, message: 'must be 1-64 characters of letters, digits, . _ -' });
    else if (ids.has(id)) issues.push({ path: `${at}.id`, message: `duplicate rule id ${id}` });
    else ids.add(id);
    const enabled = raw.enabled ?? true;
    if (typeof enabled !== 'boolean') issues.push({ path: `${at}.enabled`, message: 'must be a boolean' });
    const severityOk = (value: unknown, extra: string[]) => (FAILURE_SEVERITIES as readonly unknown[]).includes(value) || extra.includes(value as string);
    switch (raw.on) {
      case 'journey-failure': {
        const kinds = raw.failureKinds;
        if (!Array.isArray(kinds) || kinds.length === 0 || !kinds.every((k) => (FAILURE_KINDS as readonly unknown[]).includes(k)))
          issues.push({ path: `${at}.failureKinds`, message: `must be a non-empty array of ${FAILURE_KINDS.join(', ')}` });
        if (!severityOk(raw.severity, ['from-failure'])) issues.push({ path: `${at}.severity`, message: 'must be low, medium, high or from-failure' });
        if (issues.length === before) rules.push({ id: id as string, enabled: enabled as boolean, on: 'journey-failure', failureKinds: kinds as FailureKind[], severity: raw.severity as EscalationSeverity });
        break;
      }
      case 'summary': {
        if (!['escalation-recommended', 'negative-ending', 'unresolved'].includes(raw.when as string)) issues.push({ path: `${at}.when`, message: 'must be escalation-recommended, negative-ending or unresolved' });
        if (!severityOk(raw.severity, [])) issues.push({ path: `${at}.severity`, message: 'must be low, medium or high' });
        if (issues.length === before) rules.push({ id: id as string, enabled: enabled as boolean, on: 'summary', when: raw.when as 'unresolved', severity: raw.severity as EscalationSeverity });
        break;
      }
      case 'agent-alert': {
        const ruleIds = raw.alertRuleIds ?? '*';
        if (ruleIds !== '*' && (!Array.isArray(ruleIds) || !ruleIds.every((r) => typeof r === 'string' && r.length > 0))) issues.push({ path: `${at}.alertRuleIds`, message: 'must be "*" or an array of alert rule ids' });
        if (!severityOk(raw.severity, ['from-alert'])) issues.push({ path: `${at}.severity`, message: 'must be low, medium, high or from-alert' });
        if (issues.length === before) rules.push({ id: id as string, enabled: enabled as boolean, on: 'agent-alert', alertRuleIds: ruleIds as string[] | '*', severity: raw.severity as EscalationSeverity });
        break;
      }
      default:
        issues.push({ path: `${at}.on`, message: `must be one of ${ESCALATION_TRIGGERS.join(', ')}` });
    }
    return undefined;
  });
  return issues.length ? { ok: false, issues } : { ok: true, rules };
}
