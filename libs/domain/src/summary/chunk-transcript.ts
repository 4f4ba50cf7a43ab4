import type { Transcript, TranscriptTurn } from './transcript.model';
import { splitSentences } from './offline-summarizer';

/** The line format prompts and chunk budgets are measured in. */
export function renderTurn(turn: TranscriptTurn): string {
  return `${turn.role}: ${turn.text}`;
}

export function renderTranscript(transcript: Transcript): string {
  return transcript.turns.map(renderTurn).join('\n');
}

/**
 * Splits a transcript into consecutive chunks whose rendered text fits `maxChars`, for
 * hierarchical (map-reduce) summarization of calls longer than a model's context. Turns are never
 * reordered; a turn longer than the budget is split at sentence ends, and as a last resort at
 * word boundaries, with the parts keeping the turn's id suffixed `#n`.
 */
export function chunkTranscript(transcript: Transcript, maxChars: number): Transcript[] {
  if (!Number.isInteger(maxChars) || maxChars < 40) throw new RangeError('maxChars must be an integer of at least 40');
  const chunks: TranscriptTurn[][] = [];
  let current: TranscriptTurn[] = [];
  let size = 0;
  const flush = () => {
    if (current.length > 0) chunks.push(current);
    current = [];
    size = 0;
  };
  for (const turn of transcript.turns.flatMap((t) => fitTurn(t, maxChars))) {
    const cost = renderTurn(turn).length + (current.length > 0 ? 1 : 0);
    if (size + cost > maxChars) flush();
    current.push(turn);
    size += renderTurn(turn).length + (current.length > 1 ? 1 : 0);
  }
  flush();
  return chunks.map((turns) => ({ ...transcript, turns }));
}

function fitTurn(turn: TranscriptTurn, maxChars: number): TranscriptTurn[] {
  const budget = maxChars - `${turn.role}: `.length;
  if (turn.text.length <= budget) return [turn];
  const pieces: string[] = [];
  let piece = '';
  for (const sentence of splitSentences(turn.text).flatMap((s) => (s.length <= budget ? [s] : hardSplit(s, budget)))) {
    if (piece && piece.length + 1 + sentence.length > budget) {
      pieces.push(piece);
      piece = '';
    }
    piece = piece ? `${piece} ${sentence}` : sentence;
  }
  if (piece) pieces.push(piece);
  const span = turn.endMs - turn.beginMs;
  // Redaction offsets would not survive the split, and the redacted text already carries markers.
  const { redactions: _r, ...rest } = turn;
  return pieces.map((text, i) => ({
    ...rest,
    id: `${turn.id}#${i + 1}`,
    text,
    beginMs: turn.beginMs + Math.round((span * i) / pieces.length),
    endMs: turn.beginMs + Math.round((span * (i + 1)) / pieces.length),
  }));
}

function hardSplit(text: string, budget: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > budget) {
    let cut = rest.lastIndexOf(' ', budget);
    if (cut <= 0) cut = budget;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}
