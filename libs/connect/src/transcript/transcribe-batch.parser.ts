import type { Transcript, TranscriptTurn, TurnRole } from '@buddie/domain';
import type { ParseResult, ValidationIssue } from '../validation/validation-result';
import { asString, isRecord, issue, secondsToMs, type JsonRecord } from './transcript-json.util';

export interface TranscribeBatchOptions {
  /** Channel identification: which channel carries whom. Connect records the agent on the first channel. */
  channelRoles?: Record<string, TurnRole>;
  /** Speaker diarization: spk_N has no fixed meaning; by default the first speaker is assumed to be the agent. */
  speakerRoles?: Record<string, TurnRole>;
  contactId?: string;
}

export const DEFAULT_CHANNEL_ROLES: Record<string, TurnRole> = { ch_0: 'AGENT', ch_1: 'CUSTOMER' };
export const DEFAULT_SPEAKER_ROLES: Record<string, TurnRole> = { spk_0: 'AGENT', spk_1: 'CUSTOMER' };

interface LabelledItem {
  label: string | undefined;
  startMs?: number;
  endMs?: number;
  content: string;
  punctuation: boolean;
}

/** Amazon Transcribe batch job output (`results.items`), with channel identification or speaker diarization. */
export function parseTranscribeBatch(input: unknown, options: TranscribeBatchOptions = {}): ParseResult<Transcript> {
  const issues: ValidationIssue[] = [];
  if (!isRecord(input) || !isRecord(input.results)) return { ok: false, issues: [issue('results', 'missing Transcribe results object')] };
  if (input.status !== undefined && input.status !== 'COMPLETED') {
    return { ok: false, issues: [issue('status', `transcription job is ${String(input.status)}, not COMPLETED`)] };
  }
  const results = input.results;
  if (!Array.isArray(results.items)) return { ok: false, issues: [issue('results.items', 'must be an array')] };

  const byChannel = isRecord(results.channel_labels);
  const mode: 'channel' | 'speaker' = byChannel ? 'channel' : 'speaker';
  // A job run without channel identification or speaker diarization labels nothing: nobody can tell
  // who spoke, so its sentences become turns of an UNKNOWN speaker instead of being refused.
  const unlabelled = !byChannel && !isRecord(results.speaker_labels) && !results.items.some((raw) => isRecord(raw) && raw.speaker_label !== undefined);
  const roles = mode === 'channel' ? { ...DEFAULT_CHANNEL_ROLES, ...options.channelRoles } : { ...DEFAULT_SPEAKER_ROLES, ...options.speakerRoles };
  const labelAt = mode === 'channel' ? channelLookup(results) : speakerLookup(results);

  const items: LabelledItem[] = [];
  results.items.forEach((raw, i) => {
    if (!isRecord(raw)) return void issues.push(issue(`results.items[${i}]`, 'must be an object'));
    const alt = Array.isArray(raw.alternatives) && isRecord(raw.alternatives[0]) ? raw.alternatives[0] : undefined;
    const content = asString(alt?.content);
    if (content === undefined) return void issues.push(issue(`results.items[${i}].alternatives[0].content`, 'must be a string'));
    const punctuation = raw.type === 'punctuation';
    const startMs = secondsToMs(raw.start_time);
    const endMs = secondsToMs(raw.end_time);
    if (!punctuation && (startMs === undefined || endMs === undefined)) {
      return void issues.push(issue(`results.items[${i}].start_time`, 'pronunciation items need start_time and end_time'));
    }
    const ownLabel = asString(mode === 'channel' ? raw.channel_label : raw.speaker_label);
    items.push({ label: ownLabel ?? (startMs !== undefined ? labelAt(startMs) : undefined), startMs, endMs, content, punctuation });
  });
  if (issues.length > 0) return { ok: false, issues };

  const turns: TranscriptTurn[] = unlabelled ? sentenceTurns(items) : [];
  let current: (TranscriptTurn & { label: string }) | undefined;
  for (const item of unlabelled ? [] : items) {
    // Older outputs leave punctuation unlabelled; it belongs to the word before it.
    const label = item.label ?? (item.punctuation ? current?.label : undefined) ?? 'unknown';
    if (item.punctuation && current) {
      current.text += item.content;
      continue;
    }
    if (!current || current.label !== label) {
      const role = roles[label];
      if (!role) return { ok: false, issues: [issue('results.items', `no role configured for ${mode} label "${label}"`)] };
      current = { id: `${label}-${turns.length}`, role, beginMs: item.startMs ?? 0, endMs: item.endMs ?? 0, text: item.content, label };
      turns.push(current);
      continue;
    }
    current.text += (current.text ? ' ' : '') + item.content;
    current.endMs = item.endMs ?? current.endMs;
  }

  return {
    ok: true,
    value: {
      ...(options.contactId ? { contactId: options.contactId } : {}),
      source: 'transcribe',
      channel: 'VOICE',
      ...(asString(results.language_code) ? { language: asString(results.language_code) } : {}),
      turns: turns.map(({ id, role, beginMs, endMs, text }) => ({ id, role, beginMs, endMs, text })),
      redacted: false,
    },
  };
}

const SENTENCE_END = /[.?!]$/;

/** One turn per sentence: the only structure an unlabelled transcript has. */
function sentenceTurns(items: LabelledItem[]): TranscriptTurn[] {
  const turns: TranscriptTurn[] = [];
  let current: TranscriptTurn | undefined;
  for (const item of items) {
    if (item.punctuation) {
      if (current) {
        current.text += item.content;
        if (SENTENCE_END.test(item.content)) current = undefined;
      }
      continue;
    }
    if (!current) {
      current = { id: `sentence-${turns.length}`, role: 'UNKNOWN', beginMs: item.startMs ?? 0, endMs: item.endMs ?? 0, text: item.content };
      turns.push(current);
      continue;
    }
    current.text += ` ${item.content}`;
    current.endMs = item.endMs ?? current.endMs;
  }
  return turns;
}

type LabelLookup = (startMs: number) => string | undefined;

function channelLookup(results: JsonRecord): LabelLookup {
  const map = new Map<number, string>();
  const channels = isRecord(results.channel_labels) && Array.isArray(results.channel_labels.channels) ? results.channel_labels.channels : [];
  for (const channel of channels) {
    if (!isRecord(channel) || !Array.isArray(channel.items)) continue;
    const label = asString(channel.channel_label);
    for (const item of channel.items) {
      const start = isRecord(item) ? secondsToMs(item.start_time) : undefined;
      if (label && start !== undefined) map.set(start, label);
    }
  }
  return (startMs) => map.get(startMs);
}

function speakerLookup(results: JsonRecord): LabelLookup {
  const segments = isRecord(results.speaker_labels) && Array.isArray(results.speaker_labels.segments) ? results.speaker_labels.segments : [];
  const ranges: { start: number; end: number; label: string }[] = [];
  for (const segment of segments) {
    if (!isRecord(segment)) continue;
    const start = secondsToMs(segment.start_time);
    const end = secondsToMs(segment.end_time);
    const label = asString(segment.speaker_label);
    if (start !== undefined && end !== undefined && label) ranges.push({ start, end, label });
  }
  return (startMs) => ranges.find((r) => startMs >= r.start && startMs < r.end)?.label;
}
