import type { Transcript, TranscriptTurn } from '@buddie/domain';
import type { ParseResult, ValidationIssue } from '../validation/validation-result';
import { asNumber, asRole, asSentiment, asString, isRecord, issue, type JsonRecord } from './transcript-json.util';

/**
 * Contact Lens real-time segment stream (Kinesis): STARTED, then SEGMENTS events, then COMPLETED or
 * FAILED. Kinesis redelivers, so segments are keyed and deduplicated; a final Transcript segment
 * supersedes the partial Utterances that built it.
 */
export function parseContactLensRealtime(events: unknown): ParseResult<Transcript> {
  const list = Array.isArray(events) ? events : [events];
  const issues: ValidationIssue[] = [];
  const finals = new Map<string, TranscriptTurn>();
  const partials = new Map<string, TranscriptTurn>();
  let contactId: string | undefined;
  let language: string | undefined;
  let order = 0;
  const seenAt = new Map<string, number>();

  list.forEach((event, i) => {
    const path = `[${i}]`;
    if (!isRecord(event)) return void issues.push(issue(path, 'must be an object'));
    contactId ??= asString(event.ContactId);
    language ??= asString(event.LanguageCode);
    switch (event.EventType) {
      case 'STARTED':
      case 'COMPLETED':
        return;
      case 'FAILED':
        return void issues.push(issue(`${path}.EventType`, 'Contact Lens real-time analysis FAILED; the transcript is incomplete'));
      case 'SEGMENTS':
        if (!Array.isArray(event.Segments)) return void issues.push(issue(`${path}.Segments`, 'must be an array'));
        event.Segments.forEach((segment, j) => {
          if (!isRecord(segment)) return;
          if (isRecord(segment.Transcript)) addSegment(segment.Transcript, 'Content', `${path}.Segments[${j}].Transcript`, finals);
          else if (isRecord(segment.Utterance)) addSegment(segment.Utterance, 'PartialContent', `${path}.Segments[${j}].Utterance`, partials);
        });
        return;
      default:
        issues.push(issue(`${path}.EventType`, `unknown event type ${JSON.stringify(event.EventType)}`));
    }
  });

  function addSegment(seg: JsonRecord, field: 'Content' | 'PartialContent', path: string, into: Map<string, TranscriptTurn>): void {
    const text = asString(seg[field]);
    const role = asRole(seg.ParticipantRole) ?? asRole(seg.ParticipantId);
    const beginMs = asNumber(seg.BeginOffsetMillis);
    const endMs = asNumber(seg.EndOffsetMillis);
    if (text === undefined || !role || beginMs === undefined || endMs === undefined) {
      return void issues.push(issue(path, `needs ${field}, ParticipantRole, BeginOffsetMillis and EndOffsetMillis`));
    }
    const participant = asString(seg.ParticipantId) ?? role;
    if (field === 'Content') {
      const id = asString(seg.Id) ?? `${participant}-${beginMs}`;
      const key = `${id}|${participant}|${beginMs}`;
      if (!seenAt.has(key)) seenAt.set(key, order++);
      into.set(key, { id, role, beginMs, endMs, text, ...(asSentiment(seg.Sentiment) ? { sentiment: asSentiment(seg.Sentiment) } : {}) });
      return;
    }
    // Partial utterances are joined per transcript id; they only matter if the final never arrived.
    const transcriptId = asString(seg.TranscriptId) ?? asString(seg.Id) ?? `${participant}-${beginMs}`;
    const key = `${transcriptId}|${participant}`;
    const existing = into.get(key);
    if (!existing) {
      seenAt.set(`partial|${key}`, order++);
      into.set(key, { id: transcriptId, role, beginMs, endMs, text });
    } else if (beginMs >= existing.endMs || !existing.text.includes(text)) {
      existing.text = `${existing.text} ${text}`;
      existing.beginMs = Math.min(existing.beginMs, beginMs);
      existing.endMs = Math.max(existing.endMs, endMs);
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  const turns = [...finals.entries()].map(([key, turn]) => ({ turn, rank: seenAt.get(key) ?? 0 }));
  for (const [key, turn] of partials) {
    const superseded = [...finals.keys()].some((k) => k.startsWith(`${turn.id}|${key.split('|')[1]}|`));
    if (!superseded) turns.push({ turn, rank: seenAt.get(`partial|${key}`) ?? 0 });
  }
  turns.sort((a, b) => a.turn.beginMs - b.turn.beginMs || a.rank - b.rank);
  return {
    ok: true,
    value: {
      ...(contactId ? { contactId } : {}),
      source: 'contact-lens-realtime',
      channel: 'VOICE',
      ...(language ? { language } : {}),
      turns: turns.map((t) => t.turn),
      redacted: false,
    },
  };
}
