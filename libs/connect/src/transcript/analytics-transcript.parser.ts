import type { Transcript, TranscriptTurn, TurnRole, TurnSentiment } from '@buddie/domain';
import type { ParseResult, ValidationIssue } from '../validation/validation-result';
import {
  asNumber,
  asRole,
  asSentiment,
  asString,
  isRecord,
  issue,
  markedSpans,
  placeholderRedactions,
  type JsonRecord,
} from './transcript-json.util';

/** Transcribe Call Analytics output (batch, or post-call of a stream): turns carry ParticipantRole. */
export function parseCallAnalytics(input: unknown, options: { contactId?: string } = {}): ParseResult<Transcript> {
  if (!isRecord(input) || !Array.isArray(input.Transcript)) return { ok: false, issues: [issue('Transcript', 'must be an array')] };
  if (input.JobStatus !== undefined && input.JobStatus !== 'COMPLETED') {
    return { ok: false, issues: [issue('JobStatus', `analytics job is ${String(input.JobStatus)}, not COMPLETED`)] };
  }
  return voiceTurns(input, 'transcribe-call-analytics', () => undefined, options.contactId);
}

/**
 * Contact Lens post-call or post-chat analysis output, raw or redacted: `VOICE-…` / `CHAT-…` versions, and
 * the older `1.1.0` (also Amazon Lex's transcript input), where Channel may be missing and voice turns may
 * come without offsets.
 */
export function parseContactLens(input: unknown): ParseResult<Transcript> {
  if (!isRecord(input) || !Array.isArray(input.Transcript)) return { ok: false, issues: [issue('Transcript', 'must be an array')] };
  if (input.JobStatus !== undefined && input.JobStatus !== 'COMPLETED') {
    return { ok: false, issues: [issue('JobStatus', `analysis is ${String(input.JobStatus)}, not COMPLETED`)] };
  }
  const contactId = isRecord(input.CustomerMetadata) ? asString(input.CustomerMetadata.ContactId) : undefined;
  const roleById = new Map<string, TurnRole>();
  if (Array.isArray(input.Participants)) {
    for (const p of input.Participants) {
      const role = isRecord(p) ? asRole(p.ParticipantRole) : undefined;
      const id = isRecord(p) ? asString(p.ParticipantId) : undefined;
      if (id && role) roleById.set(id, role);
    }
  }
  const channel = asString(input.Channel)?.toUpperCase() ?? (asString(input.Version)?.startsWith('CHAT') || looksLikeChat(input.Transcript) ? 'CHAT' : 'VOICE');
  if (channel === 'CHAT') return chatTurns(input, 'contact-lens', contactId, chatSentiments(input));
  return voiceTurns(input, 'contact-lens', (id) => roleById.get(id), contactId);
}

/** Chat items are stamped with AbsoluteTime; voice turns with offsets into the recording. */
function looksLikeChat(items: unknown[]): boolean {
  return items.some((t) => isRecord(t) && typeof t.AbsoluteTime === 'string') && !items.some((t) => isRecord(t) && 'BeginOffsetMillis' in t);
}

function isRedactedOutput(input: JsonRecord): boolean {
  return isRecord(input.ContentMetadata) && input.ContentMetadata.Output === 'Redacted';
}

function voiceTurns(
  input: JsonRecord,
  source: Transcript['source'],
  roleOf: (participantId: string) => TurnRole | undefined,
  contactId: string | undefined,
): ParseResult<Transcript> {
  const redacted = isRedactedOutput(input);
  const issues: ValidationIssue[] = [];
  const turns: TranscriptTurn[] = [];
  const items = input.Transcript as unknown[];
  // Without a single offset (Lex-style input), the order of the turns is all there is: kept, at time 0.
  const untimed = items.length > 0 && items.every((raw) => isRecord(raw) && raw.BeginOffsetMillis === undefined && raw.EndOffsetMillis === undefined);
  items.forEach((raw, i) => {
    const path = `Transcript[${i}]`;
    if (!isRecord(raw)) return void issues.push(issue(path, 'must be an object'));
    const text = asString(raw.Content);
    const beginMs = untimed ? 0 : asNumber(raw.BeginOffsetMillis);
    const endMs = untimed ? 0 : asNumber(raw.EndOffsetMillis);
    const participantId = asString(raw.ParticipantId);
    const role = asRole(raw.ParticipantRole) ?? (participantId ? (roleOf(participantId) ?? asRole(participantId)) : undefined);
    if (text === undefined) issues.push(issue(`${path}.Content`, 'must be a string'));
    if (beginMs === undefined) issues.push(issue(`${path}.BeginOffsetMillis`, 'must be a number'));
    if (endMs === undefined) issues.push(issue(`${path}.EndOffsetMillis`, 'must be a number'));
    if (!role) issues.push(issue(`${path}.ParticipantRole`, 'unknown participant role'));
    if (text === undefined || beginMs === undefined || endMs === undefined || !role) return;
    turns.push(withSpans({ id: asString(raw.Id) ?? `turn-${i}`, role, beginMs, endMs, text, sentiment: asSentiment(raw.Sentiment) }, raw, redacted));
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: build(source, 'VOICE', input, contactId, turns, redacted) };
}

/** Shared by Contact Lens post-chat output and the Connect chat transcript Connect writes to S3. */
export function chatTurns(
  input: JsonRecord,
  source: Transcript['source'],
  contactId: string | undefined,
  sentimentById: Map<string, TurnSentiment> = new Map(),
): ParseResult<Transcript> {
  const redacted = isRedactedOutput(input);
  const issues: ValidationIssue[] = [];
  const items = input.Transcript as unknown[];
  const times = items.map((raw) => (isRecord(raw) ? Date.parse(asString(raw.AbsoluteTime) ?? '') : NaN));
  const origin = Math.min(...times.filter((t) => Number.isFinite(t)));
  const turns: TranscriptTurn[] = [];
  items.forEach((raw, i) => {
    const path = `Transcript[${i}]`;
    if (!isRecord(raw)) return void issues.push(issue(path, 'must be an object'));
    // Joins, leaves, typing and attachments carry no words to summarize.
    if (!isChatMessage(raw)) return;
    const text = asString(raw.Content);
    const role = asRole(raw.ParticipantRole);
    if (text === undefined) issues.push(issue(`${path}.Content`, 'must be a string'));
    if (!role) issues.push(issue(`${path}.ParticipantRole`, `unknown participant role ${JSON.stringify(raw.ParticipantRole)}`));
    if (!Number.isFinite(times[i])) issues.push(issue(`${path}.AbsoluteTime`, 'must be an ISO timestamp'));
    if (text === undefined || !role || !Number.isFinite(times[i])) return;
    const id = asString(raw.Id) ?? `message-${i}`;
    const at = times[i] - origin;
    turns.push(withSpans({ id, role, beginMs: at, endMs: at, text, sentiment: sentimentById.get(id) }, raw, redacted));
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: build(source, 'CHAT', input, contactId, turns, redacted) };
}

const CHAT_EVENT_CONTENT = /^application\/vnd\.amazonaws\.connect\.event\./i;

/**
 * Items carry `Type` (MESSAGE, EVENT, ATTACHMENT, …). Where it is missing, an item with words that is
 * not an event by its ContentType (`application/vnd.amazonaws.connect.event.*`) is a message: dropping
 * it would lose the conversation.
 */
function isChatMessage(raw: JsonRecord): boolean {
  if (raw.Type !== undefined) return raw.Type === 'MESSAGE';
  const contentType = asString(raw.ContentType) ?? '';
  return typeof raw.Content === 'string' && raw.Content.trim() !== '' && !CHAT_EVENT_CONTENT.test(contentType);
}

function withSpans(turn: TranscriptTurn, raw: JsonRecord, redacted: boolean): TranscriptTurn {
  const offsets = isRecord(raw.Redaction) ? raw.Redaction.CharacterOffsets : undefined;
  const spans = redacted ? placeholderRedactions(turn.text) : markedSpans(turn.text, offsets);
  const out: TranscriptTurn = { id: turn.id, role: turn.role, beginMs: turn.beginMs, endMs: turn.endMs, text: turn.text };
  if (turn.sentiment) out.sentiment = turn.sentiment;
  if (spans.length > 0) out.redactions = spans;
  return out;
}

function chatSentiments(input: JsonRecord): Map<string, TurnSentiment> {
  const map = new Map<string, TurnSentiment>();
  const groups = isRecord(input.ConversationCharacteristics) && isRecord(input.ConversationCharacteristics.Sentiment)
    ? input.ConversationCharacteristics.Sentiment.DetailsByTranscriptItemGroup
    : undefined;
  if (!Array.isArray(groups)) return map;
  for (const group of groups) {
    if (!isRecord(group) || !Array.isArray(group.TranscriptItems)) continue;
    const sentiment = asSentiment(group.Sentiment);
    for (const item of group.TranscriptItems) {
      const id = isRecord(item) ? asString(item.Id) : undefined;
      if (id && sentiment) map.set(id, sentiment);
    }
  }
  return map;
}

function build(
  source: Transcript['source'],
  channel: Transcript['channel'],
  input: JsonRecord,
  contactId: string | undefined,
  turns: TranscriptTurn[],
  redacted: boolean,
): Transcript {
  const language = asString(input.LanguageCode);
  return {
    ...(contactId ? { contactId } : {}),
    source,
    channel,
    ...(language ? { language } : {}),
    turns: [...turns].sort((a, b) => a.beginMs - b.beginMs),
    redacted,
  };
}
