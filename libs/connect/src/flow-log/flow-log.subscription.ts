import { gunzipSync } from 'node:zlib';
import { formatIssues } from '../validation/validation-result';
import { parseCloudWatchLogsSubscription, parseFlowLogEntry } from './flow-log.parser';
import type { FlowLogEntry } from './flow-log.types';

/** Why a record or one of its log events was not taken. */
export type FlowLogRejectReason =
  | 'not-gzip'
  | 'not-base64'
  | 'not-json'
  | 'invalid-subscription'
  | 'invalid-message-json'
  | 'invalid-flow-log-entry'
  | 'too-large'
  | 'entry-too-large'
  | 'entry-too-deep';

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
/**
 * One flow-log entry is one block's parameters and results: a few hundred bytes, a few KiB with a Lambda's
 * ExternalResults (Connect caps a Lambda response at 32 KiB). A larger message is not a flow log entry.
 */
export const MAX_FLOW_LOG_ENTRY_CHARS = 64 * 1024;
/**
 * Nesting levels below the entry (Parameters.Parameters.x is 3). Real entries nest two or three deep; the
 * stored journey adds three levels and DynamoDB refuses items nested over 32, and the digit masking
 * walks a bounded depth: a deeper entry is refused here, not stored unmasked or failing every save.
 */
export const MAX_FLOW_LOG_ENTRY_DEPTH = 8;
const SAMPLE = 300;
const decoder = new TextDecoder('utf-8', { fatal: false });

const isGzip = (data: Uint8Array): boolean => data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
/** "H4sI" is the base64 of gzip's magic bytes and method (1f 8b 08): a record forwarded as base64 text (Firehose, a Lambda passing `awslogs.data` on). */
const isBase64Gzip = (data: Uint8Array): boolean => data.length >= 4 && data[0] === 0x48 && data[1] === 0x34 && data[2] === 0x73 && data[3] === 0x49;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Levels below `value` (`{ a: 1 }` is 1, `{ Parameters: { Text: 'x' } }` is 2), counted until past `limit`. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (value === null || typeof value !== 'object' || depth > limit) return depth;
  let max = depth;
  for (const item of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(item, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}

/**
 * What a rejection may quote of the input (its sample, a JSON or validation message) goes to the DLQ, so a
 * card or account number keyed into a malformed line must not: any six or more digits in a row (spaces or
 * dashes between them allowed, as in isLongDigitString) are starred. Dates and epoch times are starred too;
 * the DLQ entry's shard, sequence number and log event id find the record itself.
 */
export function redactDigits(text: string): string {
  return text.replace(/\d(?:[ -]?\d){5,}/g, (run) => run.replace(/\d/g, '*'));
}

const redacted = (rejection: FlowLogRejection): FlowLogRejection => ({
  ...rejection,
  detail: redactDigits(rejection.detail),
  ...(rejection.sample !== undefined ? { sample: redactDigits(rejection.sample) } : {}),
});

export type FlowLogMessageResult = { ok: true; entry: FlowLogEntry } | { ok: false; reason: FlowLogRejectReason; detail: string };

/**
 * One CloudWatch log event's message read as a flow log entry, wherever it came from (the subscription
 * stream or FilterLogEvents): bounded in size and depth, JSON, then the entry's own validation.
 */
export function readFlowLogMessage(text: string): FlowLogMessageResult {
  const read = readUnredacted(text);
  return read.ok ? read : { ...read, detail: redactDigits(read.detail) };
}

function readUnredacted(text: string): FlowLogMessageResult {
  if (text.length > MAX_FLOW_LOG_ENTRY_CHARS) return { ok: false, reason: 'entry-too-large', detail: `a flow log entry is at most ${MAX_FLOW_LOG_ENTRY_CHARS} characters; this one has ${text.length}` };
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'invalid-message-json', detail: message(error) };
  }
  if (depthOf(line, MAX_FLOW_LOG_ENTRY_DEPTH) > MAX_FLOW_LOG_ENTRY_DEPTH)
    return { ok: false, reason: 'entry-too-deep', detail: `a flow log entry nests at most ${MAX_FLOW_LOG_ENTRY_DEPTH} levels below its fields; this one nests deeper` };
  const entry = parseFlowLogEntry(line);
  return entry.ok ? { ok: true, entry: entry.value } : { ok: false, reason: 'invalid-flow-log-entry', detail: formatIssues(entry.issues).slice(0, 1000) };
}

/** The gzip bytes of a record: as Kinesis carries them, or as base64 text of them. */
function gzipBytesOf(data: Uint8Array): { ok: true; bytes: Uint8Array } | { ok: false; rejection: FlowLogRejection } {
  if (isGzip(data)) return { ok: true, bytes: data };
  if (isBase64Gzip(data)) {
    const text = decoder.decode(data).replace(/\s+/g, '');
    if (!BASE64.test(text)) return { ok: false, rejection: { reason: 'not-base64', detail: 'the record starts like base64 of gzip (H4sI) but is not valid base64', sample: text.slice(0, SAMPLE) } };
    return { ok: true, bytes: Buffer.from(text, 'base64') };
  }
  return { ok: false, rejection: { reason: 'not-gzip', detail: 'a CloudWatch Logs subscription record is gzip-compressed (or base64 of gzip); this one is neither', sample: decoder.decode(data.subarray(0, SAMPLE)) } };
}

/**
 * One record of the flow-log Kinesis stream, as a CloudWatch Logs subscription writes it: the gzip of a
 * JSON document (Kinesis carries the bytes; its API base64-encodes them on the wire; a forwarder may put
 * the base64 text itself in the record, which is read too). CONTROL_MESSAGE
 * (the health check sent when a subscription is created) is skipped. In a DATA_MESSAGE each log event's
 * message is one flow log entry: a malformed event is rejected on its own and the others are kept.
 * A rejection quotes no long digit strings (redactDigits).
 */
export function decodeFlowLogRecord(data: Uint8Array): DecodedFlowLogRecord {
  const decoded = decodeUnredacted(data);
  if (decoded.kind === 'rejected') return { kind: 'rejected', rejection: redacted(decoded.rejection) };
  if (decoded.kind === 'data' && decoded.rejected.length) return { ...decoded, rejected: decoded.rejected.map(redacted) };
  return decoded;
}

function decodeUnredacted(data: Uint8Array): DecodedFlowLogRecord {
  const gzip = gzipBytesOf(data);
  if (!gzip.ok) return { kind: 'rejected', rejection: gzip.rejection };
  let text: string;
  try {
    text = gunzipSync(gzip.bytes, { maxOutputLength: MAX_UNZIPPED_BYTES }).toString('utf8');
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
    const read = readFlowLogMessage(event.message);
    if (read.ok) entries.push(read.entry);
    else rejected.push({ reason: read.reason, detail: read.detail, logEventId: event.id, sample: event.message.slice(0, SAMPLE) });
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
