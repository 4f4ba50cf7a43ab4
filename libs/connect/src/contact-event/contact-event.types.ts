import type { Channel, InitiationMethod } from '../connect-enums';
import type { OpenString } from '../validation/decoder';

export const CONTACT_EVENT_TYPES = [
  'INITIATED',
  'CONNECTED_TO_SYSTEM',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
] as const;
export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

/**
 * The `detail` of an "Amazon Connect Contact Event" (CONNECT-FORMATS.md section d), keys normalized to camelCase
 * whatever casing arrived. No attributes, durations or disconnect reason here: those are only in the CTR.
 */
export interface ContactEvent {
  eventType: ContactEventType;
  contactId: string;
  initialContactId?: string | null;
  previousContactId?: string | null;
  relatedContactId?: string | null;
  instanceArn: string;
  /** Upper-cased: one AWS sample sends "Voice". */
  channel: Channel;
  initiationMethod: InitiationMethod;
  initiationTimestamp?: string | null;
  connectedToSystemTimestamp?: string | null;
  disconnectTimestamp?: string | null;
  scheduledTimestamp?: string | null;
  queueInfo?: ContactEventQueueInfo | null;
  agentInfo?: ContactEventAgentInfo | null;
  customerVoiceActivity?: ContactEventCustomerVoiceActivity | null;
  /** CONNECTED_TO_SYSTEM on outbound campaign calls with answering-machine detection. */
  connectedToSystemStatus?: OpenString<
    | 'HUMAN_ANSWERED'
    | 'SIT_TONE-DETECTED'
    | 'FAX_MACHINE_DETECTED'
    | 'VOICEMAIL_BEEP'
    | 'VOICEMAIL_NO_BEEP'
    | 'AMD_UNANSWERED'
    | 'AMD_UNRESOLVED'
    | 'AMD_ERROR'
  > | null;
}

export interface ContactEventQueueInfo {
  queueArn?: string | null;
  queueType?: string | null;
  enqueueTimestamp?: string | null;
}

export interface ContactEventAgentInfo {
  agentArn?: string | null;
  connectedToAgentTimestamp?: string | null;
}

export interface ContactEventCustomerVoiceActivity {
  greetingStartTimestamp?: string | null;
  greetingEndTimestamp?: string | null;
}
