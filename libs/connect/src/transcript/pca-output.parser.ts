import type { Transcript, TranscriptTurn, TurnRole } from '@buddie/domain';
import type { ParseResult, ValidationIssue } from '../validation/validation-result';
import { asNumber, asRole, asString, isRecord, issue, secondsToMs } from './transcript-json.util';

/**
 * The document AWS's Post-Call Analytics sample (aws-samples/amazon-transcribe-post-call-analytics)
 * writes: ConversationAnalytics + SpeechSegments. Several of its fields are Python reprs in strings,
 * so only the speaker map is read from them.
 */
export function parsePcaOutput(input: unknown): ParseResult<Transcript> {
  if (!isRecord(input) || !isRecord(input.ConversationAnalytics) || !Array.isArray(input.SpeechSegments)) {
    return { ok: false, issues: [issue('', 'not a PCA document (needs ConversationAnalytics and SpeechSegments)')] };
  }
  const analytics = input.ConversationAnalytics;
  const roles = speakerRoles(analytics.SpeakerLabels);
  const issues: ValidationIssue[] = [];
  const turns: TranscriptTurn[] = [];
  input.SpeechSegments.forEach((raw, i) => {
    const path = `SpeechSegments[${i}]`;
    if (!isRecord(raw)) return void issues.push(issue(path, 'must be an object'));
    const speaker = asString(raw.SegmentSpeaker);
    const role = speaker ? (roles.get(speaker) ?? asRole(speaker)) : undefined;
    const text = asString(raw.DisplayText) ?? asString(raw.OriginalText);
    const beginMs = secondsToMs(raw.SegmentStartTime);
    const endMs = secondsToMs(raw.SegmentEndTime);
    if (!role) issues.push(issue(`${path}.SegmentSpeaker`, `speaker ${JSON.stringify(speaker)} has no Agent/Customer label in SpeakerLabels`));
    if (text === undefined) issues.push(issue(`${path}.DisplayText`, 'must be a string'));
    if (beginMs === undefined || endMs === undefined) issues.push(issue(`${path}.SegmentStartTime`, 'needs SegmentStartTime and SegmentEndTime'));
    if (!role || text === undefined || beginMs === undefined || endMs === undefined) return;
    const score = asNumber(raw.SentimentScore) ?? 0;
    const sentiment = raw.SentimentIsPositive === 1 ? 'POSITIVE' : raw.SentimentIsNegative === 1 ? 'NEGATIVE' : score === 0 ? 'NEUTRAL' : undefined;
    turns.push({ id: `segment-${i}`, role, beginMs, endMs, text, ...(sentiment ? { sentiment } : {}) });
  });
  if (issues.length > 0) return { ok: false, issues };
  const sourceInfo = asString(analytics.SourceInformation) ?? JSON.stringify(analytics.SourceInformation ?? '');
  const apiType = /['"]TranscribeApiType['"]:\s*['"](\w+)['"]/.exec(sourceInfo)?.[1];
  const language = asString(analytics.LanguageCode);
  const guid = asString(analytics.GUID);
  return {
    ok: true,
    value: {
      ...(guid && guid !== 'None' ? { contactId: guid } : {}),
      source: apiType === 'analytics' ? 'transcribe-call-analytics' : 'transcribe',
      channel: 'VOICE',
      ...(language ? { language } : {}),
      turns,
      redacted: false,
    },
  };
}

function speakerRoles(labels: unknown): Map<string, TurnRole> {
  const map = new Map<string, TurnRole>();
  const text = typeof labels === 'string' ? labels : JSON.stringify(labels ?? '');
  for (const m of text.matchAll(/['"]Speaker['"]:\s*['"](\w+)['"],\s*['"]DisplayText['"]:\s*['"](\w+)['"]/g)) {
    const role = asRole(m[2]);
    if (role) map.set(m[1], role);
  }
  return map;
}
