import { gunzipSync } from 'node:zlib';
import { formatIssues } from '../validation/validation-result';
import { parseCloudWatchLogsSubscription, parseFlowLogEntry } from './flow-log.parser';
import type { FlowLogEntry } from './flow-log.types';

/** Why a record or one of its log events was not taken. */
export type FlowLogRejectReason = 'not-gzip' | 'not-json' | 'invalid-subscription' | 'invalid-message-json' | 'invalid-flow-log-entry' | 'too-large';

export interface FlowLogRejection {
  reason: FlowLogRejectReason;
  detail: string;
  /** The CloudWatch log event id, when the problem is one event and not the whole record. */
  logEventId?: string;
  /** The offending text, clipped, for the dead-letter entry. */
  sample?: string;
}

export type DecodedFlowLogRecord =
  | { kind: 'control' }
  | { kind: 'data'; logGroup: string; logStream: string; entries: FlowLogEntry[]; rejected: FlowLogRejection[] }
  | { kind: 'rejected'; rejection: FlowLogRejection };

/** CloudWatch caps a log event at 256 KiB and a subscription delivery at ~1 MB; more than this unpacked is not a log. */
const MAX_UNZIPPED_BYTES = 8 * 1024 * 1024;
const SAMPLE = 300;
const decoder = new TextDecoder('utf-8', { fatal: false });

const isGzip = (data: Uint8Array): boolean => data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One record of the flow-log Kinesis stream, as a CloudWatch Logs subscription writes it: the gzip of a
 * JSON document (Kinesis carries the bytes; its API base64-encodes them on the wire). CONTROL_MESSAGE
 * (the health check sent when a subscription is created) is skipped. In a DATA_MESSAGE each log event's
 * message is one flow log entry: a malformed event is rejected on its own and the others are kept.
 */
export function decodeFlowLogRecord(data: Uint8Array): DecodedFlowLogRecord {
  if (!isGzip(data)) return { kind: 'rejected', rejection: { reason: 'not-gzip', detail: 'a CloudWatch Logs subscription record is gzip-compressed; this one is not', sample: decoder.decode(data.subarray(0, SAMPLE)) } };
  let text: string;
  try {
    text = gunzipSync(data, { maxOutputLength: MAX_UNZIPPED_BYTES }).toString('utf8');
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    return { kind: 'rejected', rejection: { reason: tooLarge ? 'too-large' : 'not-gzip', detail: tooLarge ? `unpacks to more than ${MAX_UNZIPPED_BYTES} bytes` : `gunzip failed: ${message(error)}` } };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { kind: 'rejected', rejection: { reason: 'not-json', detail: message(error), sample: text.slice(0, SAMPLE) } };
  }
  if ((document as { messageType?: unknown } | null)?.messageType === 'CONTROL_MESSAGE') return { kind: 'control' };
  const parsed = parseCloudWatchLogsSubscription(document);
  if (!parsed.ok) return { kind: 'rejected', rejection: { reason: 'invalid-subscription', detail: formatIssues(parsed.issues).slice(0, 1000), sample: text.slice(0, SAMPLE) } };
  const entries: FlowLogEntry[] = [];
  const rejected: FlowLogRejection[] = [];
  for (const event of parsed.value.logEvents) {
    let line: unknown;
    try {
      line = JSON.parse(event.message);
    } catch (error) {
      rejected.push({ reason: 'invalid-message-json', detail: message(error), logEventId: event.id, sample: event.message.slice(0, SAMPLE) });
      continue;
    }
    const entry = parseFlowLogEntry(line);
    if (entry.ok) entries.push(entry.value);
    else rejected.push({ reason: 'invalid-flow-log-entry', detail: formatIssues(entry.issues).slice(0, 1000), logEventId: event.id, sample: event.message.slice(0, SAMPLE) });
  }
  return { kind: 'data', logGroup: parsed.value.logGroup, logStream: parsed.value.logStream, entries, rejected };
}

/** What a CloudWatch Logs subscription filter writes for these entries (used by `buddie replay`, the simulator and tests). */
export function flowLogSubscriptionDocument(entries: readonly FlowLogEntry[], options: { logGroup?: string; logStream?: string; owner?: string; filterName?: string } = {}): Record<string, unknown> {
  return {
    messageType: 'DATA_MESSAGE',
    owner: options.owner ?? '111122223333',
    logGroup: options.logGroup ?? '/aws/connect/buddie',
    logStream: options.logStream ?? entries[0]?.ContactId ?? 'flow-logs',
    subscriptionFilters: [options.filterName ?? 'buddie-flow-logs'],
    // CloudWatch event ids are 56-digit strings unique in the group; this keeps them unique per delivery.
    logEvents: entries.map((entry, index) => ({ id: `${Date.parse(entry.Timestamp)}${String(index).padStart(6, '0')}`, timestamp: Date.parse(entry.Timestamp), message: JSON.stringify(entry) })),
  };
}
