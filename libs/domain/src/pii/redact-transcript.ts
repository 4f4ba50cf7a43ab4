import type { Transcript, TranscriptTurn, TurnRedaction } from '../summary/transcript.model';
import { redactPii, type PiiSpan } from './pii-redactor';

export interface RedactTranscriptOptions {
  names?: readonly string[];
}

const MARKER = /\[(PII|[A-Z][A-Z_]{2,})\]/g;

/**
 * Redacts every turn. Spans the source marked (Contact Lens `Redaction` offsets) are trusted: a
 * marked span without digits is a name, so its capitalized words are redacted as [NAME] wherever
 * they recur; one with digits (addresses, card digits) is replaced as [PII].
 */
export function redactTranscript(transcript: Transcript, opts: RedactTranscriptOptions = {}): Transcript {
  const names = new Set(opts.names ?? []);
  const markedByTurn = new Map<string, PiiSpan[]>();
  if (!transcript.redacted) {
    for (const turn of transcript.turns) {
      const marked: PiiSpan[] = [];
      for (const r of turn.redactions ?? []) {
        const span = turn.text.slice(r.begin, r.end);
        if (/\d/.test(span)) marked.push({ type: r.type === 'PII' ? 'PII' : r.type, start: r.begin, end: r.end });
        else for (const w of span.match(/\b[A-Z][\p{L}'-]+/gu) ?? []) names.add(w);
      }
      markedByTurn.set(turn.id, marked);
    }
  }
  const turns: TranscriptTurn[] = transcript.turns.map((turn) => {
    const { text } = redactPii(turn.text, { names: [...names], marked: markedByTurn.get(turn.id) ?? [] });
    const redactions: TurnRedaction[] = [...text.matchAll(MARKER)].map((m) => ({ type: m[1], begin: m.index, end: m.index + m[0].length }));
    const { redactions: _old, ...rest } = turn;
    return redactions.length > 0 ? { ...rest, text, redactions } : { ...rest, text };
  });
  return { ...transcript, turns, redacted: true };
}
