export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexDefinition {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}

export interface TableDefinition {
  /** Logical name; the physical one is `${RESOURCE_PREFIX}-${logicalName}`. */
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  indexes?: IndexDefinition[];
  ttlAttribute?: string;
}

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

/**
 * Every table, in one place: the local boot creates them from this list and the CDK stack declares
 * them from it, so the two worlds cannot drift.
 */
export const TABLES = {
  contacts: {
    logicalName: 'contacts',
    partitionKey: S('contactId'),
    indexes: [
      // Newest-first listing. One partition is ample for a single contact center's CTR rate
      // (thousands per hour against DynamoDB's ~1,000 writes/s per partition).
      { indexName: 'byRecency', partitionKey: S('listPartition'), sortKey: S('listSort') },
      // All legs of one customer conversation (transfers, callbacks) share InitialContactId.
      { indexName: 'byConversation', partitionKey: S('conversationId'), sortKey: S('listSort') },
    ],
  },
  summaries: { logicalName: 'call-summaries', partitionKey: S('contactId') },
  agentStates: {
    logicalName: 'agent-states',
    partitionKey: S('agentId'),
    // The supervisor board lists agents by username; a few thousand agents fit one partition easily.
    indexes: [{ indexName: 'byUsername', partitionKey: S('listPartition'), sortKey: S('username') }],
  },
  agentHistory: {
    logicalName: 'agent-history',
    partitionKey: S('agentId'),
    sortKey: S('at'),
    ttlAttribute: 'expiresAt',
  },
  agentAlerts: {
    logicalName: 'agent-alerts',
    partitionKey: S('alertId'),
    indexes: [
      { indexName: 'byStatus', partitionKey: S('status'), sortKey: S('raisedAt') },
      // An agent's open alerts, loaded when a monitor instance takes over the agent's shard.
      { indexName: 'byAgent', partitionKey: S('agentId'), sortKey: S('raisedAt') },
    ],
  },
  alertRules: { logicalName: 'alert-rules', partitionKey: S('ruleId') },
  journeys: {
    logicalName: 'journeys',
    partitionKey: S('contactId'),
    // listSort = `${startedAt}#${contactId}`: newest first, time ranges, per outcome and per entry flow.
    indexes: [
      { indexName: 'byRecency', partitionKey: S('listPartition'), sortKey: S('listSort') },
      { indexName: 'byOutcome', partitionKey: S('outcome'), sortKey: S('listSort') },
      { indexName: 'byFlow', partitionKey: S('flowKey'), sortKey: S('listSort') },
      // Repeat callers: a keyed hash of the customer number, never the number.
      { indexName: 'byCaller', partitionKey: S('callerKey'), sortKey: S('listSort') },
    ],
  },
  /** What ivr-journey has received per contact before (and after) assembling it: flow log entries and its state. */
  journeyInputs: {
    logicalName: 'journey-inputs',
    partitionKey: S('contactId'),
    sortKey: S('itemKey'),
    // Sparse: only contacts waiting to be (re-)assembled carry `pending`.
    indexes: [{ indexName: 'byDue', partitionKey: S('pending'), sortKey: S('dueAt') }],
    ttlAttribute: 'expiresAt',
  },
  escalations: {
    logicalName: 'escalations',
    partitionKey: S('escalationId'),
    indexes: [
      { indexName: 'byStatus', partitionKey: S('status'), sortKey: S('createdAt') },
      { indexName: 'byContact', partitionKey: S('contactId'), sortKey: S('createdAt') },
      // Sparse: only changes whose event is not yet known published (the outbox marker); the reconciler's query.
      { indexName: 'byOutbox', partitionKey: S('outboxPending'), sortKey: S('outboxSince') },
    ],
  },
  salesforceSync: {
    logicalName: 'salesforce-sync',
    partitionKey: S('recordKey'),
    // Pending records past their deadline (the reconciler) and per-state listings (the sync view).
    indexes: [{ indexName: 'byState', partitionKey: S('state'), sortKey: S('updatedAt') }],
    // Only the `waiting:<case>` markers carry it: one left by a Task whose Case never came expires.
    ttlAttribute: 'expiresAt',
  },
  apiKeys: {
    logicalName: 'api-keys',
    partitionKey: S('keyId'),
  },
  checkpoints: { logicalName: 'stream-checkpoints', partitionKey: S('streamName'), sortKey: S('shardId') },
} satisfies Record<string, TableDefinition>;

export type TableName = keyof typeof TABLES;
