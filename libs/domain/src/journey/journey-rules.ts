import { FAILURE_KINDS, FAILURE_SEVERITIES, type FailureKind, type FailureSeverity } from './journey.model';

/**
 * The contact-attributes convention: how flows record their steps in the CTR itself, for contacts whose
 * flow logs are missing (logging disabled, log group not subscribed). Documented in the README.
 * - `<step><statusSuffix>` = one of `errorValues` marks step `<step>` as failed (ctr-08: lookupStatus=error),
 *   any other value as passed;
 * - `<step><attemptsSuffix>` = N says the caller needed N attempts at input step `<step>` (menuAttempts=2);
 * - `trailAttribute` holds the steps in order, separated by `trailSeparator` (e.g. "hours>lookup>menu");
 * - `selfServiceAttribute` = `selfServiceValue` says the caller completed self-service.
 */
export interface AttributeConvention {
  statusSuffix: string;
  errorValues: string[];
  attemptsSuffix: string;
  trailAttribute: string;
  trailSeparator: string;
  selfServiceAttribute: string;
  selfServiceValue: string;
}

export const DEFAULT_ATTRIBUTE_CONVENTION: AttributeConvention = {
  statusSuffix: 'Status',
  errorValues: ['error', 'failed', 'failure', 'timeout'],
  attemptsSuffix: 'Attempts',
  trailAttribute: 'journeySteps',
  trailSeparator: '>',
  selfServiceAttribute: 'selfService',
  selfServiceValue: 'true',
};

export interface RuleToggle {
  enabled: boolean;
  severity: FailureSeverity;
}

/** Which failures are detected, and their thresholds. Every rule can be switched off. */
export interface JourneyFailureRules {
  'error-branch': RuleToggle;
  'lambda-error': RuleToggle;
  /** Time-outs and no-matches on one input block, counted together. */
  'input-retries': RuleToggle & { count: number };
  /** The same menu (input block) played this many times. */
  'menu-loop': RuleToggle & { visits: number };
  'flow-error-disconnect': RuleToggle;
  'ivr-abandon': RuleToggle & { afterSeconds: number };
  'queue-abandon': RuleToggle & { afterSeconds: number };
  'repeat-caller': RuleToggle & { withinHours: number };
}

export const DEFAULT_FAILURE_RULES: JourneyFailureRules = {
  'error-branch': { enabled: true, severity: 'high' },
  'lambda-error': { enabled: true, severity: 'high' },
  'input-retries': { enabled: true, severity: 'medium', count: 2 },
  'menu-loop': { enabled: true, severity: 'medium', visits: 3 },
  'flow-error-disconnect': { enabled: true, severity: 'high' },
  'ivr-abandon': { enabled: true, severity: 'medium', afterSeconds: 60 },
  'queue-abandon': { enabled: true, severity: 'medium', afterSeconds: 120 },
  'repeat-caller': { enabled: true, severity: 'low', withinHours: 24 },
};

export interface JourneyConfig {
  rules: JourneyFailureRules;
  convention: AttributeConvention;
}

export const DEFAULT_JOURNEY_CONFIG: JourneyConfig = { rules: DEFAULT_FAILURE_RULES, convention: DEFAULT_ATTRIBUTE_CONVENTION };

export interface ConfigIssue {
  path: string;
  message: string;
}

export type JourneyConfigValidation = { ok: true; config: JourneyConfig } | { ok: false; issues: ConfigIssue[] };

const THRESHOLDS: Partial<Record<FailureKind, { field: string; min: number; max: number; integer: boolean }>> = {
  'input-retries': { field: 'count', min: 1, max: 50, integer: true },
  'menu-loop': { field: 'visits', min: 2, max: 50, integer: true },
  'ivr-abandon': { field: 'afterSeconds', min: 0, max: 86_400, integer: false },
  'queue-abandon': { field: 'afterSeconds', min: 0, max: 86_400, integer: false },
  'repeat-caller': { field: 'withinHours', min: 1, max: 24 * 30, integer: false },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates a partial configuration over the defaults: `{ rules: { 'menu-loop': { visits: 4 } }, convention: {...} }`.
 * Every problem is reported with its path; unknown rule names are errors (a typo would otherwise
 * silently leave a default in force).
 */
export function validateJourneyConfig(input: unknown): JourneyConfigValidation {
  const issues: ConfigIssue[] = [];
  if (input === undefined || input === null) return { ok: true, config: DEFAULT_JOURNEY_CONFIG };
  if (!isObject(input)) return { ok: false, issues: [{ path: '', message: 'expected an object with "rules" and/or "convention"' }] };
  for (const key of Object.keys(input)) if (key !== 'rules' && key !== 'convention') issues.push({ path: key, message: 'unknown field' });

  const rules = structuredClone(DEFAULT_FAILURE_RULES);
  if (input.rules !== undefined) {
    if (!isObject(input.rules)) issues.push({ path: 'rules', message: 'must be an object keyed by rule name' });
    else {
      for (const [name, raw] of Object.entries(input.rules)) {
        const at = `rules.${name}`;
        if (!(FAILURE_KINDS as readonly string[]).includes(name)) {
          issues.push({ path: at, message: `unknown rule; expected one of ${FAILURE_KINDS.join(', ')}` });
          continue;
        }
        if (!isObject(raw)) {
          issues.push({ path: at, message: 'must be an object' });
          continue;
        }
        const kind = name as FailureKind;
        const target = rules[kind] as unknown as Record<string, unknown>;
        const threshold = THRESHOLDS[kind];
        for (const [field, value] of Object.entries(raw)) {
          if (field === 'enabled') {
            if (typeof value !== 'boolean') issues.push({ path: `${at}.enabled`, message: 'must be a boolean' });
            else target.enabled = value;
          } else if (field === 'severity') {
            if (!(FAILURE_SEVERITIES as readonly unknown[]).includes(value)) issues.push({ path: `${at}.severity`, message: `must be one of ${FAILURE_SEVERITIES.join(', ')}` });
            else target.severity = value;
          } else if (threshold && field === threshold.field) {
            const ok = typeof value === 'number' && Number.isFinite(value) && value >= threshold.min && value <= threshold.max && (!threshold.integer || Number.isInteger(value));
            if (!ok) issues.push({ path: `${at}.${field}`, message: `must be ${threshold.integer ? 'an integer' : 'a number'} from ${threshold.min} to ${threshold.max}` });
            else target[field] = value;
          } else issues.push({ path: `${at}.${field}`, message: 'unknown field' });
        }
      }
    }
  }

  const convention = structuredClone(DEFAULT_ATTRIBUTE_CONVENTION);
  if (input.convention !== undefined) {
    if (!isObject(input.convention)) issues.push({ path: 'convention', message: 'must be an object' });
    else {
      for (const [field, value] of Object.entries(input.convention)) {
        const at = `convention.${field}`;
        if (!(field in DEFAULT_ATTRIBUTE_CONVENTION)) issues.push({ path: at, message: 'unknown field' });
        else if (field === 'errorValues') {
          if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.length > 0)) issues.push({ path: at, message: 'must be a non-empty array of strings' });
          else convention.errorValues = value as string[];
        } else if (typeof value !== 'string' || value.length === 0 || value.length > 64) issues.push({ path: at, message: 'must be a string of 1 to 64 characters' });
        else (convention as unknown as Record<string, unknown>)[field] = value;
      }
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, config: { rules, convention } };
}
