import { gunzipSync } from 'node:zlib';
import { contactId } from '../validation/connect-decoders';
import {
  anyObject,
  array,
  nonNegativeInteger,
  object,
  oneOf,
  optional,
  run,
  string,
  timestamp,
} from '../validation/decoder';
import type { ParseResult } from '../validation/validation-result';
import {
  CLOUDWATCH_MESSAGE_TYPES,
  type CloudWatchLogEvent,
  type CloudWatchLogsSubscription,
  type FlowLogEntry,
} from './flow-log.types';

export const flowLogEntryDecoder = object<FlowLogEntry>({
  ContactId: contactId,
  ContactFlowModuleType: string({ min: 1 }),
  Timestamp: timestamp,
  ContactFlowId: optional(string()),
  ContactFlowName: optional(string()),
  Identifier: optional(string()),
  Parameters: optional(anyObject),
  Results: optional(string()),
  ExternalResults: optional(anyObject),
});

export function parseFlowLogEntry(input: unknown): ParseResult<FlowLogEntry> {
  return run(flowLogEntryDecoder, input);
}

const logEvent = object<CloudWatchLogEvent>({
  id: string({ min: 1 }),
  timestamp: nonNegativeInteger,
  message: string(),
});

const subscriptionDecoder = object<CloudWatchLogsSubscription>({
  logGroup: string(),
  logStream: string(),
  messageType: oneOf(CLOUDWATCH_MESSAGE_TYPES),
  logEvents: array(logEvent),
  owner: optional(string()),
  subscriptionFilters: optional(array(string())),
});

/** Each log event's `message` is still a string: parse it with parseFlowLogEntry after JSON.parse. */
export function parseCloudWatchLogsSubscription(input: unknown): ParseResult<CloudWatchLogsSubscription> {
  return run(subscriptionDecoder, input);
}

/**
 * CloudWatch Logs delivers subscription data base64-encoded and gzipped (Kinesis `data`, Lambda `awslogs.data`).
 * Throws on bytes that are not gzip or not JSON; callers treat that as a poison message.
 */
export function decodeCloudWatchLogsData(base64: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(base64, 'base64')).toString('utf8'));
}
