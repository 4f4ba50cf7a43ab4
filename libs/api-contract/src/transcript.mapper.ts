import type { Transcript } from '@buddie/domain';
import type { TranscriptDto } from './transcript.dto';

/** Turn text and timing only: redaction spans (offsets into the original) and turn ids stay inside. */
export function toTranscriptDto(contactId: string, transcript: Transcript): TranscriptDto {
  return {
    contactId,
    channel: transcript.channel,
    source: transcript.source,
    language: transcript.language,
    turns: transcript.turns.map((turn) => ({ role: turn.role, beginMs: turn.beginMs, endMs: turn.endMs, text: turn.text, sentiment: turn.sentiment })),
  };
}
