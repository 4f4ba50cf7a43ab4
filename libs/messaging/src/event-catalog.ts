/**
 * Buddie's own events (DESIGN.md 2): the only coupling between apps. Every detail carries the
 * correlation id of the input that caused it, so one contact can be followed through every app's logs.
 */
export interface EventEnvelopeMeta {
  correlationId: string;
  occurredAt: string;
}

export interface ContactCompletedDetail extends EventEnvelopeMeta {
  contactId: string;
  conversationId: string;
  channel: string;
  initiationMethod: string;
  initiationTimestamp: string;
  disconnectTimestamp: string | null;
  lastUpdateTimestamp: string;
  agentUsername: string | null;
  queueName: string | null;
  abandoned: boolean;
  /** S3 locations (bucket/key, no scheme, as Connect writes them) of audio and chat transcripts. */
  recordings: { location: string; mediaStreamType: string | null; status: string | null }[];
  /** True when this contact was already announced and a newer CTR changed it materially. */
  update: boolean;
}

export interface BuddieEventDetails {
  ContactCompleted: ContactCompletedDetail;
  TranscriptReady: EventEnvelopeMeta & { contactId: string; transcriptLocation: string; format: string };
  SummaryCreated: EventEnvelopeMeta & { contactId: string; headline: string; outcome: string; escalationRecommended: boolean };
  AgentStateChanged: EventEnvelopeMeta & { agentId: string; [field: string]: unknown };
  AgentAlertRaised: EventEnvelopeMeta & { alertId: string; agentId: string; ruleId: string; [field: string]: unknown };
  AgentAlertCleared: EventEnvelopeMeta & { alertId: string; agentId: string; ruleId: string; [field: string]: unknown };
  JourneyRecorded: EventEnvelopeMeta & { contactId: string; [field: string]: unknown };
  JourneyFailed: EventEnvelopeMeta & { contactId: string; failures: unknown[]; [field: string]: unknown };
  EscalationCreated: EventEnvelopeMeta & { escalationId: string; [field: string]: unknown };
  EscalationUpdated: EventEnvelopeMeta & { escalationId: string; [field: string]: unknown };
  SalesforceSynced: EventEnvelopeMeta & { recordType: string; recordId: string; [field: string]: unknown };
  SalesforceSyncFailed: EventEnvelopeMeta & { recordType: string; recordId: string; reason: string; [field: string]: unknown };
}

export type BuddieEventType = keyof BuddieEventDetails;

export type BuddieApp =
  | 'ingestion'
  | 'summarizer'
  | 'agent-monitor'
  | 'ivr-journey'
  | 'escalation'
  | 'salesforce-sync'
  | 'gateway';

/** Which app emits each event: its EventBridge source is `buddie.<app>`. */
export const EVENT_PRODUCERS: Record<BuddieEventType, BuddieApp> = {
  ContactCompleted: 'ingestion',
  TranscriptReady: 'summarizer',
  SummaryCreated: 'summarizer',
  AgentStateChanged: 'agent-monitor',
  AgentAlertRaised: 'agent-monitor',
  AgentAlertCleared: 'agent-monitor',
  JourneyRecorded: 'ivr-journey',
  JourneyFailed: 'ivr-journey',
  EscalationCreated: 'escalation',
  EscalationUpdated: 'escalation',
  SalesforceSynced: 'salesforce-sync',
  SalesforceSyncFailed: 'salesforce-sync',
};

export function eventSource(type: BuddieEventType): string {
  return `buddie.${EVENT_PRODUCERS[type]}`;
}

/** The EventBridge envelope as EventBridge delivers it to an SQS target. */
export interface EventBridgeDelivery<TDetail = unknown> {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
}
