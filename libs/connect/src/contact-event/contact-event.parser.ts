import { arn, channel, contactId, initiationMethod } from '../validation/connect-decoders';
import { object, oneOf, optional, preprocess, run, string, timestamp } from '../validation/decoder';
import type { ParseResult } from '../validation/validation-result';
import {
  CONTACT_EVENT_TYPES,
  type ContactEvent,
  type ContactEventAgentInfo,
  type ContactEventCustomerVoiceActivity,
  type ContactEventQueueInfo,
} from './contact-event.types';

// The model table is PascalCase, the samples camelCase, and one sample mixes both (AgentInfo.AgentArn).
const caseInsensitive = { caseInsensitiveKeys: true } as const;
const ts = optional(timestamp);

const queueInfo = object<ContactEventQueueInfo>(
  { queueArn: optional(string()), queueType: optional(string()), enqueueTimestamp: ts },
  caseInsensitive,
);

const agentInfo = object<ContactEventAgentInfo>(
  { agentArn: optional(string()), connectedToAgentTimestamp: ts },
  caseInsensitive,
);

const customerVoiceActivity = object<ContactEventCustomerVoiceActivity>(
  { greetingStartTimestamp: ts, greetingEndTimestamp: ts },
  caseInsensitive,
);

export const contactEventDecoder = object<ContactEvent>(
  {
    eventType: oneOf(CONTACT_EVENT_TYPES),
    contactId,
    initialContactId: optional(contactId),
    previousContactId: optional(contactId),
    relatedContactId: optional(contactId),
    instanceArn: arn,
    channel: preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), channel),
    initiationMethod,
    initiationTimestamp: ts,
    connectedToSystemTimestamp: ts,
    disconnectTimestamp: ts,
    scheduledTimestamp: ts,
    queueInfo: optional(queueInfo),
    agentInfo: optional(agentInfo),
    customerVoiceActivity: optional(customerVoiceActivity),
    connectedToSystemStatus: optional(string({ min: 1 })),
  },
  caseInsensitive,
);

/** Parses the `detail` of an "Amazon Connect Contact Event"; see parseEventBridgeEnvelope for the envelope. */
export function parseContactEvent(detail: unknown): ParseResult<ContactEvent> {
  return run(contactEventDecoder, detail);
}
