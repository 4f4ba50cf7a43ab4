import { EVENT_PRODUCERS, eventSource, type BuddieEventType } from './event-catalog';

/** The AWS-side inputs Buddie subscribes to, next to its own events. */
export const EXTERNAL_EVENTS = {
  connectContactEvent: { source: 'aws.connect', detailType: 'Amazon Connect Contact Event', bus: 'default' },
  /** CTRs arrive on the CTR Kinesis stream; an EventBridge Pipe puts them on the Buddie bus with this source. */
  connectContactTraceRecord: { source: 'buddie.ctr-pipe', detailType: 'Amazon Connect Contact Trace Record', bus: 'buddie' },
  transcribeJobStateChange: { source: 'aws.transcribe', detailType: 'Transcribe Job State Change', bus: 'default' },
  callAnalyticsJobStateChange: { source: 'aws.transcribe', detailType: 'Call Analytics Job State Change', bus: 'default' },
} as const;

export type EventBusKind = 'default' | 'buddie';

/** One SQS queue (with its DLQ) per consuming app. */
export type ConsumerQueue =
  | 'ingestion'
  | 'summarizer'
  | 'ivr-journey'
  | 'escalation'
  | 'salesforce-sync'
  | 'gateway';

export interface Route {
  /** Unique rule name; also the EventBridge rule name suffix in CDK. */
  name: string;
  bus: EventBusKind;
  source: string;
  detailTypes: string[];
  queue: ConsumerQueue;
}

/** Which consumer queues get each Buddie event (the README event table is checked against it). */
export const EVENT_CONSUMERS: Readonly<Record<BuddieEventType, readonly ConsumerQueue[]>> = {
  ContactCompleted: ['summarizer', 'ivr-journey', 'gateway'],
  TranscriptReady: ['summarizer', 'gateway'],
  SummaryCreated: ['salesforce-sync', 'escalation', 'gateway'],
  AgentStateChanged: ['gateway'],
  AgentAlertRaised: ['escalation', 'gateway'],
  AgentAlertCleared: ['escalation', 'gateway'],
  JourneyRecorded: ['escalation', 'gateway'],
  JourneyFailed: ['escalation', 'gateway'],
  EscalationCreated: ['salesforce-sync', 'gateway'],
  EscalationUpdated: ['salesforce-sync', 'gateway'],
  SalesforceSynced: ['gateway'],
  SalesforceSyncFailed: ['gateway'],
};

function buddieRoutes(): Route[] {
  // One rule per (producer source, consumer queue): EventBridge matches on source + detail-type list.
  const grouped = new Map<string, Route>();
  for (const [type, queues] of Object.entries(EVENT_CONSUMERS) as [BuddieEventType, ConsumerQueue[]][]) {
    for (const producer of EVENT_PRODUCERS[type]) {
      for (const queue of queues) {
        const source = eventSource(type, producer);
        const key = `${producer}-to-${queue}`;
        const route = grouped.get(key) ?? { name: key, bus: 'buddie', source, detailTypes: [], queue };
        route.detailTypes.push(type);
        grouped.set(key, route);
      }
    }
  }
  return [...grouped.values()];
}

/**
 * The single routing table (DESIGN.md 2): CDK turns each route into an EventBridge rule with an SQS
 * target; the local router delivers PutEvents entries by the same table.
 */
export const ROUTES: readonly Route[] = [
  {
    name: 'connect-contact-events-to-ingestion',
    bus: EXTERNAL_EVENTS.connectContactEvent.bus,
    source: EXTERNAL_EVENTS.connectContactEvent.source,
    detailTypes: [EXTERNAL_EVENTS.connectContactEvent.detailType],
    queue: 'ingestion',
  },
  {
    name: 'connect-ctrs-to-ingestion',
    bus: EXTERNAL_EVENTS.connectContactTraceRecord.bus,
    source: EXTERNAL_EVENTS.connectContactTraceRecord.source,
    detailTypes: [EXTERNAL_EVENTS.connectContactTraceRecord.detailType],
    queue: 'ingestion',
  },
  {
    name: 'transcribe-jobs-to-summarizer',
    bus: 'default',
    source: 'aws.transcribe',
    detailTypes: [EXTERNAL_EVENTS.transcribeJobStateChange.detailType, EXTERNAL_EVENTS.callAnalyticsJobStateChange.detailType],
    queue: 'summarizer',
  },
  ...buddieRoutes(),
];

export function routesFor(event: { source: string; detailType: string; bus?: string }, routes: readonly Route[] = ROUTES): Route[] {
  return routes.filter(
    (route) =>
      route.source === event.source &&
      route.detailTypes.includes(event.detailType) &&
      (event.bus === undefined || route.bus === event.bus),
  );
}

export const CONSUMER_QUEUES: readonly ConsumerQueue[] = [
  'ingestion',
  'summarizer',
  'ivr-journey',
  'escalation',
  'salesforce-sync',
  'gateway',
];

export function dlqOf(queue: string): string {
  return `${queue}-dlq`;
}
