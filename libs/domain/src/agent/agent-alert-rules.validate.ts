import {
  ALERT_CONDITION_KINDS,
  ALERT_SEVERITIES,
  type AlertCondition,
  type AlertRule,
  type AlertScope,
  type AlertSeverity,
} from './agent-alert.model';
import { AGENT_ACTIVITIES, type AgentActivity } from './agent-view.model';

export interface AlertRuleIssue {
  /** Where in the input, e.g. `[2].condition.overSeconds` (or `rules[2]...` for a `{ rules: [...] }` document). */
  path: string;
  message: string;
}

export type AlertRulesValidation = { ok: true; rules: AlertRule[] } | { ok: false; issues: AlertRuleIssue[] };

/** Ids end up inside alert ids (`agent:rule:start`) and URLs, so keep them to a safe alphabet. */
const RULE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Rules arrive from a file or the API: either an array of rules or `{ rules: [...] }`. Every problem
 * is reported, not just the first, so a rules file can be fixed in one pass. `enabled` defaults to
 * true; everything else is required. Unknown fields are dropped.
 */
export function validateAlertRules(input: unknown): AlertRulesValidation {
  const issues: AlertRuleIssue[] = [];
  let list: unknown;
  let prefix = '';
  if (Array.isArray(input)) {
    list = input;
  } else if (isObject(input) && Array.isArray(input.rules)) {
    list = input.rules;
    prefix = 'rules';
  } else {
    return { ok: false, issues: [{ path: '', message: 'expected an array of rules or an object with a "rules" array' }] };
  }

  const rules: AlertRule[] = [];
  const seen = new Set<string>();
  (list as unknown[]).forEach((raw, index) => {
    const at = `${prefix}[${index}]`;
    const rule = validateRule(raw, at, issues);
    if (rule === undefined) return;
    if (seen.has(rule.id)) {
      issues.push({ path: `${at}.id`, message: `duplicate rule id "${rule.id}"` });
      return;
    }
    seen.add(rule.id);
    rules.push(rule);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules };
}

function validateRule(raw: unknown, at: string, issues: AlertRuleIssue[]): AlertRule | undefined {
  if (!isObject(raw)) {
    issues.push({ path: at, message: 'expected an object' });
    return undefined;
  }
  const before = issues.length;

  if (raw.id === undefined || raw.id === null || raw.id === '') issues.push({ path: `${at}.id`, message: 'is required' });
  else if (typeof raw.id !== 'string' || !RULE_ID.test(raw.id)) {
    issues.push({ path: `${at}.id`, message: 'must be 1-64 characters of letters, digits, ".", "_" or "-"' });
  }
  if (!isNonEmptyString(raw.name)) issues.push({ path: `${at}.name`, message: 'is required (a non-empty string)' });
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean') {
    issues.push({ path: `${at}.enabled`, message: 'must be true or false' });
  }
  if (!(ALERT_SEVERITIES as readonly unknown[]).includes(raw.severity)) {
    issues.push({ path: `${at}.severity`, message: `must be one of ${ALERT_SEVERITIES.join(', ')}` });
  }
  const condition = validateCondition(raw.condition, `${at}.condition`, issues);
  const scope = validateScope(raw.scope, `${at}.scope`, issues);

  if (issues.length > before || condition === undefined) return undefined;
  const rule: AlertRule = {
    id: raw.id as string,
    name: (raw.name as string).trim(),
    enabled: raw.enabled === undefined ? true : (raw.enabled as boolean),
    condition,
    severity: raw.severity as AlertSeverity,
  };
  if (scope !== undefined) rule.scope = scope;
  return rule;
}

function validateCondition(raw: unknown, at: string, issues: AlertRuleIssue[]): AlertCondition | undefined {
  if (!isObject(raw)) {
    issues.push({ path: at, message: 'is required (an object with a "kind")' });
    return undefined;
  }
  const kind = raw.kind;
  if (!(ALERT_CONDITION_KINDS as readonly unknown[]).includes(kind)) {
    issues.push({ path: `${at}.kind`, message: `must be one of ${ALERT_CONDITION_KINDS.join(', ')}` });
    return undefined;
  }
  const before = issues.length;
  const requireSeconds = (): void => {
    if (!isSeconds(raw.overSeconds)) issues.push({ path: `${at}.overSeconds`, message: 'must be a number of seconds >= 0' });
  };
  switch (kind) {
    case 'status':
      if (!isNonEmptyString(raw.statusName)) issues.push({ path: `${at}.statusName`, message: 'is required (a non-empty string)' });
      requireSeconds();
      return issues.length > before
        ? undefined
        : { kind, statusName: (raw.statusName as string).trim(), overSeconds: raw.overSeconds as number };
    case 'activity':
      if (!(AGENT_ACTIVITIES as readonly unknown[]).includes(raw.activity)) {
        issues.push({ path: `${at}.activity`, message: `must be one of ${AGENT_ACTIVITIES.join(', ')}` });
      }
      requireSeconds();
      return issues.length > before
        ? undefined
        : { kind, activity: raw.activity as AgentActivity, overSeconds: raw.overSeconds as number };
    case 'missed-in-a-row':
      if (typeof raw.count !== 'number' || !Number.isInteger(raw.count) || raw.count < 1) {
        issues.push({ path: `${at}.count`, message: 'must be an integer >= 1' });
        return undefined;
      }
      return { kind, count: raw.count };
    default:
      if (raw.overSeconds === undefined) return { kind: 'stale' };
      if (!isSeconds(raw.overSeconds) || raw.overSeconds === 0) {
        issues.push({ path: `${at}.overSeconds`, message: 'must be a number of seconds > 0 when given' });
        return undefined;
      }
      return { kind: 'stale', overSeconds: raw.overSeconds };
  }
}

function validateScope(raw: unknown, at: string, issues: AlertRuleIssue[]): AlertScope | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    issues.push({ path: at, message: 'must be an object with routingProfiles and/or queues' });
    return undefined;
  }
  const scope: AlertScope = {};
  for (const key of ['routingProfiles', 'queues'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.length === 0 || !value.every(isNonEmptyString)) {
      issues.push({ path: `${at}.${key}`, message: 'must be a non-empty array of names or ARNs' });
      continue;
    }
    scope[key] = value.map((entry: string) => entry.trim());
  }
  return scope;
}
