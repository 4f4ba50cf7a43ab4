import type { Checked, FieldIssue } from './transcript.model';

export const SUMMARY_OUTCOMES = ['resolved', 'unresolved', 'follow-up-needed'] as const;
export const FOLLOW_UP_OWNERS = ['agent', 'customer', 'team', 'unknown'] as const;
export const SUMMARY_SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export const HEADLINE_MAX = 120;

export type SummaryOutcome = (typeof SUMMARY_OUTCOMES)[number];
export type FollowUpOwner = (typeof FOLLOW_UP_OWNERS)[number];
export type SummarySentiment = (typeof SUMMARY_SENTIMENTS)[number];

export interface FollowUp {
  action: string;
  owner: FollowUpOwner;
  due?: string;
}

/** One summary per contact, whichever provider wrote it (Bedrock, OpenAI-compatible, offline). */
export interface CallSummary {
  contactId: string;
  headline: string;
  reason: string;
  actionsTaken: string[];
  outcome: SummaryOutcome;
  followUps: FollowUp[];
  sentiment: { start: SummarySentiment; end: SummarySentiment };
  agentNotes: string[];
  topics: string[];
  escalation: { recommended: boolean; reason?: string };
  provider: string;
  model?: string;
  createdAt: string;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks any value against the CallSummary schema. It also guards LLM output, so every problem is
 * reported (not just the first) with a path the prompt-repair loop can quote back to the model.
 */
export function validateCallSummary(input: unknown): Checked<CallSummary> {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isRec(input)) return { ok: false, issues: [{ path: '', message: 'must be an object' }] };

  const str = (key: string, opts: { max?: number; optional?: boolean } = {}) => {
    const v = input[key];
    if (v === undefined && opts.optional) return;
    if (typeof v !== 'string' || v.trim() === '') return add(key, 'must be a non-empty string');
    if (opts.max !== undefined && v.length > opts.max) add(key, `must be at most ${opts.max} characters (has ${v.length})`);
  };
  const strArray = (key: string) => {
    const v = input[key];
    if (!Array.isArray(v)) return add(key, 'must be an array of strings');
    v.forEach((x, i) => {
      if (typeof x !== 'string' || x.trim() === '') add(`${key}[${i}]`, 'must be a non-empty string');
    });
  };
  const oneOf = (path: string, v: unknown, allowed: readonly string[]) => {
    if (typeof v !== 'string' || !allowed.includes(v)) add(path, `must be one of ${allowed.join(', ')}`);
  };

  str('contactId');
  str('headline', { max: HEADLINE_MAX });
  str('reason');
  strArray('actionsTaken');
  oneOf('outcome', input.outcome, SUMMARY_OUTCOMES);
  if (!Array.isArray(input.followUps)) add('followUps', 'must be an array');
  else
    input.followUps.forEach((f, i) => {
      if (!isRec(f)) return add(`followUps[${i}]`, 'must be an object');
      if (typeof f.action !== 'string' || f.action.trim() === '') add(`followUps[${i}].action`, 'must be a non-empty string');
      oneOf(`followUps[${i}].owner`, f.owner, FOLLOW_UP_OWNERS);
      if (f.due !== undefined && typeof f.due !== 'string') add(`followUps[${i}].due`, 'must be a string when present');
    });
  if (!isRec(input.sentiment)) add('sentiment', 'must be an object with start and end');
  else {
    oneOf('sentiment.start', input.sentiment.start, SUMMARY_SENTIMENTS);
    oneOf('sentiment.end', input.sentiment.end, SUMMARY_SENTIMENTS);
  }
  strArray('agentNotes');
  strArray('topics');
  if (!isRec(input.escalation)) add('escalation', 'must be an object');
  else {
    if (typeof input.escalation.recommended !== 'boolean') add('escalation.recommended', 'must be a boolean');
    if (input.escalation.reason !== undefined && typeof input.escalation.reason !== 'string') add('escalation.reason', 'must be a string when present');
  }
  str('provider');
  str('model', { optional: true });
  if (typeof input.createdAt !== 'string' || Number.isNaN(Date.parse(input.createdAt))) add('createdAt', 'must be an ISO-8601 timestamp');

  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: input as unknown as CallSummary };
}
