import { anyObject, array, object, run, string, timestamp } from '../validation/decoder';
import type { ParseResult } from '../validation/validation-result';

/** An EventBridge event as a rule target receives it. Keys keep their wire spelling (`detail-type`). */
export interface EventBridgeEnvelope<D = unknown> {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}

/** EventBridge only accepts a JSON object as detail, so anything else is a producer bug worth naming. */
export const eventBridgeEnvelopeDecoder = object<EventBridgeEnvelope>({
  version: string(),
  id: string({ min: 1 }),
  'detail-type': string({ min: 1 }),
  source: string({ min: 1 }),
  account: string(),
  time: timestamp,
  region: string(),
  resources: array(string()),
  detail: anyObject,
});

export function parseEventBridgeEnvelope(input: unknown): ParseResult<EventBridgeEnvelope> {
  return run(eventBridgeEnvelopeDecoder, input);
}
