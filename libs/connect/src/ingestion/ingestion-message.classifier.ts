import { contactEventDecoder } from '../contact-event/contact-event.parser';
import type { ContactEvent } from '../contact-event/contact-event.types';
import { contactTraceRecordDecoder } from '../ctr/ctr.parser';
import type { ContactTraceRecord } from '../ctr/ctr.types';
import {
  eventBridgeEnvelopeDecoder,
  type EventBridgeEnvelope,
} from '../eventbridge/eventbridge-envelope.parser';
import { describe, isRecord, run } from '../validation/decoder';
import type { ParseResult, ValidationIssue } from '../validation/validation-result';

/** What the EventBridge Pipe from the CTR Kinesis stream stamps on the events it forwards. */
export const CTR_DETAIL_TYPE = 'Amazon Connect Contact Trace Record';
export const CTR_SOURCE = 'buddie.ctr-pipe';
export const CONTACT_EVENT_DETAIL_TYPE = 'Amazon Connect Contact Event';
export const CONTACT_EVENT_SOURCE = 'aws.connect';

export type IngestionItem =
  | { kind: 'ctr'; record: ContactTraceRecord; envelope?: EventBridgeEnvelope }
  | { kind: 'contact-event'; event: ContactEvent; envelope: EventBridgeEnvelope };

const EXPECTED_SOURCE: Record<string, string> = {
  [CONTACT_EVENT_DETAIL_TYPE]: CONTACT_EVENT_SOURCE,
  [CTR_DETAIL_TYPE]: CTR_SOURCE,
};

/**
 * Sorts one message of the ingestion queue (or one POST /ingest/ctr body) into a CTR or a contact event.
 * Accepted: an EventBridge contact event; an EventBridge event from the CTR pipe whose detail is the CTR or
 * the Kinesis record carrying it (base64 `data`); a bare CTR. Anything else comes back with a reason.
 */
export function classifyIngestionMessage(input: unknown): ParseResult<IngestionItem> {
  if (!isRecord(input))
    return rejected('', `expected an EventBridge event or a contact trace record, got ${describe(input)}`);
  if ('detail-type' in input || 'detail' in input || 'source' in input) return classifyEnvelope(input);
  if ('ContactId' in input || 'AWSContactTraceRecordFormatVersion' in input) {
    const record = run(contactTraceRecordDecoder, input);
    return record.ok ? { ok: true, value: { kind: 'ctr', record: record.value } } : record;
  }
  return rejected(
    '',
    'neither an EventBridge event (no detail-type) nor a contact trace record (no ContactId)',
  );
}

/**
 * A contact trace record as a person or an HTTP client hands it over: bare, or in the EventBridge event the
 * CTR pipe delivers (what `buddie parse ctr` and `POST /ingest/ctr` both take). A bare record gets the CTR
 * decoder's field-by-field issues; a contact event is refused for not being a CTR.
 */
export function parseCtrDelivery(input: unknown): ParseResult<ContactTraceRecord> {
  if (!isRecord(input) || !('detail-type' in input || 'detail' in input || 'source' in input)) return run(contactTraceRecordDecoder, input);
  if (input['detail-type'] === CONTACT_EVENT_DETAIL_TYPE) {
    return rejected('detail-type', `is '${CONTACT_EVENT_DETAIL_TYPE}': a contact event, not a contact trace record`);
  }
  const classified = classifyEnvelope(input);
  if (!classified.ok) return classified;
  return classified.value.kind === 'ctr' ? { ok: true, value: classified.value.record } : rejected('detail-type', 'does not carry a contact trace record');
}

function classifyEnvelope(input: Record<string, unknown>): ParseResult<IngestionItem> {
  const detailType = input['detail-type'];
  if (typeof detailType !== 'string')
    return rejected('detail-type', `is required on an EventBridge event, got ${describe(detailType)}`);
  const expectedSource = EXPECTED_SOURCE[detailType];
  if (expectedSource === undefined) {
    return rejected(
      'detail-type',
      `unsupported detail-type '${detailType}' (expected '${CONTACT_EVENT_DETAIL_TYPE}' or '${CTR_DETAIL_TYPE}')`,
    );
  }

  const issues: ValidationIssue[] = [];
  const envelope = eventBridgeEnvelopeDecoder(input, '', issues);
  if (input.source !== undefined && input.source !== expectedSource) {
    issues.push({
      path: 'source',
      message: `must be '${expectedSource}' for detail-type '${detailType}', got ${describe(input.source)}`,
    });
  }
  if (!isRecord(input.detail)) return { ok: false, issues };

  if (detailType === CONTACT_EVENT_DETAIL_TYPE) {
    const event = contactEventDecoder(input.detail, 'detail', issues);
    return issues.length > 0
      ? { ok: false, issues }
      : { ok: true, value: { kind: 'contact-event', event, envelope } };
  }
  const record = decodePipedCtr(input.detail, issues);
  return issues.length > 0 || record === undefined
    ? { ok: false, issues }
    : { ok: true, value: { kind: 'ctr', record, envelope } };
}

/** The pipe forwards either the CTR itself (with an input transformer) or the raw Kinesis record. */
function decodePipedCtr(
  detail: Record<string, unknown>,
  issues: ValidationIssue[],
): ContactTraceRecord | undefined {
  if ('ContactId' in detail || !('data' in detail || 'kinesis' in detail))
    return contactTraceRecordDecoder(detail, 'detail', issues);
  const [data, dataPath] = isRecord(detail.kinesis)
    ? [detail.kinesis.data, 'detail.kinesis.data']
    : [detail.data, 'detail.data'];
  // Pipes hand over `data` already parsed when the payload is JSON and a target input template reads it.
  if (isRecord(data)) return contactTraceRecordDecoder(data, dataPath, issues);
  const json = typeof data === 'string' ? decodeBase64Json(data) : undefined;
  if (json === undefined) {
    issues.push({
      path: dataPath,
      message: `must be the base64 encoding of a contact trace record's JSON, got ${describe(data)}`,
    });
    return undefined;
  }
  return contactTraceRecordDecoder(json, dataPath, issues);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64Json(data: string): unknown {
  const compact = data.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  try {
    return JSON.parse(Buffer.from(compact, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function rejected(path: string, message: string): ParseResult<never> {
  return { ok: false, issues: [{ path, message }] };
}
