import type { Transcript } from '@buddie/domain';
import type { ParseResult } from '../validation/validation-result';
import { parseCallAnalytics, parseContactLens } from './analytics-transcript.parser';
import { parseConnectChatTranscript } from './connect-chat-transcript.parser';
import { parseContactLensRealtime } from './contact-lens-realtime.parser';
import { parsePcaOutput } from './pca-output.parser';
import { parseTranscribeBatch, type TranscribeBatchOptions } from './transcribe-batch.parser';
import { asString, isRecord } from './transcript-json.util';

export type TranscriptFormat =
  | 'transcribe'
  | 'transcribe-call-analytics'
  | 'contact-lens'
  | 'contact-lens-realtime'
  | 'connect-chat'
  | 'pca';

const REALTIME_EVENTS = ['STARTED', 'SEGMENTS', 'COMPLETED', 'FAILED'];

/** Which transcript format a parsed JSON document is, from its distinguishing keys; undefined if none. */
export function detectTranscriptFormat(json: unknown): TranscriptFormat | undefined {
  if (Array.isArray(json)) {
    return json.length > 0 && json.every((e) => isRecord(e) && REALTIME_EVENTS.includes(String(e.EventType))) ? 'contact-lens-realtime' : undefined;
  }
  if (!isRecord(json)) return undefined;
  if (isRecord(json.results) && Array.isArray(json.results.items)) return 'transcribe';
  if (typeof json.EventType === 'string' && REALTIME_EVENTS.includes(json.EventType)) return 'contact-lens-realtime';
  if (isRecord(json.ConversationAnalytics) && Array.isArray(json.SpeechSegments)) return 'pca';
  if (!Array.isArray(json.Transcript)) return undefined;
  if (isContactLensVersion(asString(json.Version))) return 'contact-lens';
  if (typeof json.ContactId === 'string' && ('InitialContactId' in json || 'InstanceId' in json)) return 'connect-chat';
  if (json.Transcript.some((t) => isRecord(t) && 'ParticipantRole' in t && 'BeginOffsetMillis' in t)) return 'transcribe-call-analytics';
  return undefined;
}

/**
 * Contact Lens has versioned its output `1.1.0` (files written until late 2022, and the shape Amazon Lex
 * takes as input) and `VOICE-2022-11-30` / `CHAT-2022-11-30` since; a Connect chat transcript's Version is a
 * plain date (`2019-08-26`) and Call Analytics output has none.
 */
function isContactLensVersion(version: string | undefined): boolean {
  return version !== undefined && (/^(VOICE|CHAT)-/.test(version) || /^\d+\.\d+(\.\d+)?$/.test(version));
}

export type ParseTranscriptOptions = TranscribeBatchOptions;

/** Detects the format and parses into Buddie's Transcript; unknown formats are rejected, never guessed. */
export function parseTranscript(json: unknown, options: ParseTranscriptOptions = {}): ParseResult<Transcript> {
  const format = detectTranscriptFormat(json);
  const withContact = (r: ParseResult<Transcript>): ParseResult<Transcript> =>
    r.ok && options.contactId && !r.value.contactId ? { ok: true, value: { ...r.value, contactId: options.contactId } } : r;
  switch (format) {
    case 'transcribe':
      return parseTranscribeBatch(json, options);
    case 'transcribe-call-analytics':
      return parseCallAnalytics(json, { contactId: options.contactId });
    case 'contact-lens':
      return withContact(parseContactLens(json));
    case 'contact-lens-realtime':
      return withContact(parseContactLensRealtime(json));
    case 'connect-chat':
      return parseConnectChatTranscript(json);
    case 'pca':
      return withContact(parsePcaOutput(json));
    default:
      return {
        ok: false,
        issues: [{ path: '', message: 'unrecognized transcript format (expected Transcribe, Call Analytics, Contact Lens, Contact Lens real-time, Connect chat or PCA output)' }],
      };
  }
}
