import type { BuddieApp, ConsumerQueue } from '@buddie/messaging';
import { STREAMS } from '@buddie/messaging';
import { TABLES, type TableName } from '@buddie/persistence';

export type TableAccess = 'read' | 'readWrite';
export type StreamName = keyof typeof STREAMS;

/**
 * What one app may touch (DESIGN.md 7, least privilege). The stack turns each entry into grants on
 * the specific resources; nothing is granted by wildcard except where the AWS API has no resource
 * level (Transcribe job starts).
 */
export interface AppAccess {
  tables: Partial<Record<TableName, TableAccess>>;
  /** The queue it consumes; it may also dead-letter into that queue's DLQ with a reason. */
  queue?: ConsumerQueue;
  /** Kinesis streams it reads (with checkpoints in the checkpoints table). */
  streams?: StreamName[];
  /** PutEvents on the Buddie bus. */
  publishesEvents: boolean;
  /** Summarizer only: Bedrock, Transcribe and the recordings bucket. */
  transcribesAndSummarizes?: boolean;
  /** Salesforce-sync only: the Salesforce credentials secret. */
  salesforceCredentials?: boolean;
  /** Publishes to the alerts topic (SNS; ALERTS_TOPIC_ARN): agent-monitor its agent alerts, escalation its notices. */
  notifiesAlerts?: boolean;
  /** ivr-journey only: FilterLogEvents on the Connect flow log group, when the deployment turns flowLogSearch on. */
  searchesFlowLogs?: boolean;
  /** Gateway only: public behind the load balancer, with Redis for Socket.IO fan-out and rate limits. */
  publicApi?: boolean;
  /** Buddie's transcript archive: the summarizer writes it, the gateway reads the redacted copies only. */
  transcripts?: 'readWrite' | 'readRedacted';
}

// Every app reads the API keys table: its route guard verifies the keys of /metrics and (ingestion) the intake.
const readAll = Object.fromEntries(Object.keys(TABLES).map((table) => [table, 'read'])) as Record<TableName, TableAccess>;

export const APP_ACCESS: Record<BuddieApp, AppAccess> = {
  ingestion: {
    tables: { contacts: 'readWrite', apiKeys: 'read' },
    queue: 'ingestion',
    publishesEvents: true,
  },
  summarizer: {
    // The contact carries its pipeline status (DESIGN.md 6), so every stage writes it back.
    tables: { contacts: 'readWrite', summaries: 'readWrite', apiKeys: 'read' },
    queue: 'summarizer',
    publishesEvents: true,
    transcribesAndSummarizes: true,
    transcripts: 'readWrite',
  },
  'agent-monitor': {
    tables: {
      agentStates: 'readWrite',
      agentHistory: 'readWrite',
      agentAlerts: 'readWrite',
      alertRules: 'read',
      checkpoints: 'readWrite',
      apiKeys: 'read',
    },
    streams: ['agentEvents'],
    publishesEvents: true,
    // AlertNotifier: each AgentAlertRaised/Cleared also goes to the alerts topic when ALERTS_TOPIC_ARN is set.
    notifiesAlerts: true,
  },
  'ivr-journey': {
    tables: { journeys: 'readWrite', journeyInputs: 'readWrite', contacts: 'readWrite', checkpoints: 'readWrite', apiKeys: 'read' },
    queue: 'ivr-journey',
    streams: ['flowLogs'],
    publishesEvents: true,
    searchesFlowLogs: true,
  },
  escalation: {
    tables: { escalations: 'readWrite', summaries: 'read', journeys: 'read', agentAlerts: 'read', contacts: 'read', apiKeys: 'read' },
    queue: 'escalation',
    publishesEvents: true,
    notifiesAlerts: true,
  },
  'salesforce-sync': {
    tables: { contacts: 'readWrite', summaries: 'read', escalations: 'readWrite', salesforceSync: 'readWrite', apiKeys: 'read' },
    queue: 'salesforce-sync',
    publishesEvents: true,
    salesforceCredentials: true,
  },
  gateway: {
    // A read model over every table; it writes the API keys it issues and revokes, and escalation status.
    // Supervisors acknowledge and resolve escalations through the API, so escalations are written too.
    tables: { ...readAll, apiKeys: 'readWrite', escalations: 'readWrite' },
    queue: 'gateway',
    // EscalationUpdated for a supervisor's acknowledge/resolve (the catalog names the gateway a producer of it).
    publishesEvents: true,
    publicApi: true,
    transcripts: 'readRedacted',
  },
};

export const BUDDIE_APPS = Object.keys(APP_ACCESS) as BuddieApp[];
