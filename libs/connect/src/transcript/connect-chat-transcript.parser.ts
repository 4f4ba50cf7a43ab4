import type { Transcript } from '@buddie/domain';
import type { ParseResult } from '../validation/validation-result';
import { chatTurns } from './analytics-transcript.parser';
import { asString, isRecord, issue } from './transcript-json.util';

/**
 * The chat transcript Amazon Connect writes to S3 when a chat ends:
 * {Version, AWSAccountId, InstanceId, InitialContactId, ContactId, Participants, Transcript[]},
 * each item {AbsoluteTime, Content, ContentType, Id, Type, ParticipantId, DisplayName, ParticipantRole}.
 */
export function parseConnectChatTranscript(input: unknown): ParseResult<Transcript> {
  if (!isRecord(input)) return { ok: false, issues: [issue('', 'must be an object')] };
  if (!Array.isArray(input.Transcript)) return { ok: false, issues: [issue('Transcript', 'must be an array')] };
  const contactId = asString(input.ContactId);
  if (!contactId) return { ok: false, issues: [issue('ContactId', 'must be a string')] };
  return chatTurns(input, 'connect-chat', contactId);
}
