/** `Sforce-Limit-Info: api-usage=18/5000` (optionally followed by `; per-app-api-usage=...`). */
export interface ApiUsage {
  used: number;
  limit: number;
}

export function parseLimitInfo(header: string | null | undefined): ApiUsage | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (!match) return undefined;
  const used = Number(match[1]);
  const limit = Number(match[2]);
  return limit > 0 ? { used, limit } : undefined;
}

export interface PacingPolicy {
  /** Share of the daily allocation after which calls are spaced out (e.g. 0.8). */
  slowdownShare: number;
  /** Share at which Buddie stops calling and leaves the rest to the org's other integrations (e.g. 0.95). */
  stopShare: number;
  /** Spacing between calls just below stopShare; it grows linearly from 0 at slowdownShare. */
  maxDelayMs: number;
  /** Wait before looking again once stopShare is reached (the allocation is a rolling 24 hours). */
  pauseMs: number;
}

export type PacingDecision = { action: 'send'; delayMs: 0 } | { action: 'slow'; delayMs: number } | { action: 'pause'; delayMs: number };

/** How long to wait before the next call, given the last usage Salesforce reported. */
export function pacingDecision(usage: ApiUsage | undefined, policy: PacingPolicy): PacingDecision {
  if (!usage) return { action: 'send', delayMs: 0 };
  const share = usage.used / usage.limit;
  if (share >= policy.stopShare) return { action: 'pause', delayMs: policy.pauseMs };
  if (share < policy.slowdownShare) return { action: 'send', delayMs: 0 };
  const progress = (share - policy.slowdownShare) / Math.max(1e-9, policy.stopShare - policy.slowdownShare);
  return { action: 'slow', delayMs: Math.ceil(progress * policy.maxDelayMs) };
}

/** What went wrong with a whole call, as the adapter saw it. */
export interface CallFailure {
  status?: number;
  errorCode?: string;
  /** No answer in time, or the connection broke: the write may or may not have happened. */
  transport?: 'timeout' | 'network';
}

export type FailureDecision = 'refresh-session' | 'retry' | 'retry-after-limit' | 'reject';

/**
 * 401 INVALID_SESSION_ID: a new token, then the same request (it was not executed). 403
 * REQUEST_LIMIT_EXCEEDED: wait long (the allocation refills slowly). 503 / 5xx / time-outs: retry with
 * backoff; an upsert by External ID makes re-sending after an unanswered write safe. Other 4xx: the
 * request itself is wrong, and sending it again changes nothing.
 */
export function decideOnFailure(failure: CallFailure): FailureDecision {
  if (failure.transport) return 'retry';
  if (failure.status === 401 || failure.errorCode === 'INVALID_SESSION_ID') return 'refresh-session';
  if (failure.errorCode === 'REQUEST_LIMIT_EXCEEDED') return 'retry-after-limit';
  if (failure.status !== undefined && (failure.status >= 500 || failure.status === 429)) return 'retry';
  if (failure.errorCode === 'UNABLE_TO_LOCK_ROW' || failure.errorCode === 'SERVER_UNAVAILABLE') return 'retry';
  return 'reject';
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Exponential backoff with jitter (between half and all of the cap), so many instances do not retry in step. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap * (0.5 + random() / 2));
}
