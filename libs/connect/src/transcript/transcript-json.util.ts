import type { TurnRedaction, TurnRole, TurnSentiment } from '@buddie/domain';
import type { ValidationIssue } from '../validation/validation-result';

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Transcribe writes times as decimal strings ("4.86"); others use numbers. Both are accepted. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function secondsToMs(value: unknown): number | undefined {
  const seconds = asNumber(value);
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

const SENTIMENTS: readonly TurnSentiment[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED'];
export function asSentiment(value: unknown): TurnSentiment | undefined {
  return typeof value === 'string' && (SENTIMENTS as readonly string[]).includes(value.toUpperCase())
    ? (value.toUpperCase() as TurnSentiment)
    : undefined;
}

/**
 * Chat bots (CUSTOM_BOT) and system messages speak for the company but are not the agent; a
 * supervisor who barges in acts as the agent.
 */
export function asRole(value: unknown): TurnRole | undefined {
  if (typeof value !== 'string') return undefined;
  switch (value.toUpperCase()) {
    case 'AGENT':
    case 'SUPERVISOR':
      return 'AGENT';
    case 'CUSTOMER':
      return 'CUSTOMER';
    case 'SYSTEM':
    case 'CUSTOM_BOT':
    case 'BOT':
      return 'SYSTEM';
    default:
      return undefined;
  }
}

/** Redacted AWS outputs replace each entity with `[PII]` (mask mode PII) or `[NAME]` etc. (ENTITY_TYPE). */
const PLACEHOLDER = /\[(PII|[A-Z][A-Z_]{2,})\]/g;

export function placeholderRedactions(text: string): TurnRedaction[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ type: m[1], begin: m.index, end: m.index + m[0].length }));
}

/**
 * Contact Lens marks PII spans in raw output by character offsets, but the published samples show
 * offsets that drift by a few characters; snapping to whole words keeps the span on the entity.
 */
export function markedSpans(text: string, offsets: unknown): TurnRedaction[] {
  if (!Array.isArray(offsets)) return [];
  const spans: TurnRedaction[] = [];
  for (const entry of offsets) {
    if (!isRecord(entry)) continue;
    let begin = asNumber(entry.BeginOffsetChar ?? entry.Begin);
    let end = asNumber(entry.EndOffsetChar ?? entry.End);
    if (begin === undefined || end === undefined) continue;
    begin = Math.max(0, Math.min(begin, text.length));
    end = Math.max(begin, Math.min(end, text.length));
    while (begin > 0 && /[\w'-]/.test(text[begin - 1])) begin--;
    while (end < text.length && /[\w'-]/.test(text[end])) end++;
    while (end > begin && /[\s.,;:!?]/.test(text[end - 1])) end--;
    while (begin < end && /\s/.test(text[begin])) begin++;
    if (end > begin) spans.push({ type: 'PII', begin, end });
  }
  return spans;
}

export function issue(path: string, message: string): ValidationIssue {
  return { path, message };
}
