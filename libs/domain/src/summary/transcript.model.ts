/**
 * Buddie's one normalized transcript. Every source format (Transcribe, Call Analytics, Contact Lens,
 * Connect chat) is parsed into this shape by @buddie/connect, so redaction and summarization never
 * look at a vendor format. It lives in domain because it is Buddie's own model, not AWS's.
 */
export const TRANSCRIPT_SOURCES = [
  'transcribe',
  'transcribe-call-analytics',
  'contact-lens',
  'contact-lens-realtime',
  'connect-chat',
  /** Buddie's local transcription of a recording (no AWS). */
  'pocketsphinx',
] as const;
export type TranscriptSource = (typeof TRANSCRIPT_SOURCES)[number];

export type TranscriptChannel = 'VOICE' | 'CHAT';
/** UNKNOWN: the source does not say who spoke (a Transcribe job run without channel identification or speaker diarization). */
export type TurnRole = 'AGENT' | 'CUSTOMER' | 'SYSTEM' | 'UNKNOWN';
export type TurnSentiment = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED';

/** A span of `text` [begin, end) that holds (or, in a redacted transcript, replaced) sensitive data. */
export interface TurnRedaction {
  type: string;
  begin: number;
  end: number;
}

export interface TranscriptTurn {
  id: string;
  role: TurnRole;
  beginMs: number;
  endMs: number;
  text: string;
  sentiment?: TurnSentiment;
  redactions?: TurnRedaction[];
}

export interface Transcript {
  contactId?: string;
  source: TranscriptSource;
  channel: TranscriptChannel;
  language?: string;
  turns: TranscriptTurn[];
  /** True once the text itself no longer holds the spans listed in `redactions`. */
  redacted: boolean;
}

/** A problem in an input, `path` naming the field ("turns[2].role"); '' is the input itself. */
export interface FieldIssue {
  path: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };
