import { assembleJourney, boardActivityOf, type AgentAlert, type AgentView, type Journey } from '@buddie/domain';
import type { AgentOutboxEvent } from '@buddie/messaging';
import type { AgentStateRecord, ContactItem, EscalationRecord, JourneyRecord, SummaryRecord, SyncStatusRecord } from '@buddie/persistence';

/**
 * Stored records as the owning apps write them, each carrying internal attributes no response may
 * show (fingerprints, outbox, token usage, S3 locations...). Tests of the DTO mappings and the
 * allow-list e2e test build their data from these.
 */
export const INTERNAL_ATTRIBUTES = [
  'fingerprint',
  'publishedFingerprint',
  'ctrUpdatedAtMs',
  'listPartition',
  'listSort',
  'previousFingerprint',
  'outbox',
  'openAlertItems',
  'publishedVersion',
  'shardId',
  'queueArns',
  'routingProfileArn',
  'missedOffers',
  'stateEventId',
  'usage',
  'transcriptLocation',
  'transcriptionJobName',
  'mediaLocation',
  'alertId',
  'internalNote',
  'outboxPending',
  'outboxSince',
] as const;

export function agentView(agentId: string, at = '2026-12-01T10:00:00.000Z'): AgentView {
  return {
    agentId,
    agentArn: `arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/${agentId}`,
    username: agentId,
    name: `Agent ${agentId}`,
    routingProfile: { arn: 'arn:rp/basic', name: 'Basic' },
    queues: [{ arn: 'arn:q/billing', name: 'Billing' }],
    hierarchy: [],
    status: { name: 'Available', type: 'ROUTABLE', since: at, arn: 'arn:status/available' },
    activity: 'Idle',
    activitySince: at,
    contacts: [{ contactId: 'c-1', channel: 'VOICE', state: 'CONNECTED', since: at, queue: { arn: 'arn:q/billing', name: 'Billing' }, initiationMethod: 'INBOUND' }],
    concurrency: [],
    loggedIn: true,
    lastEventAt: at,
    lastEventId: 'ev-1',
    firstEventAt: at,
    stateEventId: 'ev-1',
    missedOffers: [],
    missedInARow: 0,
  } as unknown as AgentView;
}

export function storedAgent(agentId: string): AgentStateRecord & Record<string, unknown> {
  const view = agentView(agentId);
  const board = boardActivityOf(view);
  return {
    agentId,
    version: 3,
    view,
    username: view.username,
    statusName: view.status.name,
    activity: view.activity,
    boardActivity: board.activity,
    boardActivityLabel: board.label,
    boardActivitySince: board.since,
    routingProfileName: view.routingProfile.name,
    routingProfileArn: view.routingProfile.arn,
    queueNames: view.queues.map((q) => q.name),
    queueArns: view.queues.map((q) => q.arn),
    loggedIn: true,
    openAlerts: 1,
    alerting: true,
    lastEventAt: view.lastEventAt,
    shardId: 'shardId-000000000000',
    updatedAt: view.lastEventAt,
    listPartition: 'AGENT',
    openAlertItems: [storedAlert(agentId)],
    outbox: [storedOutboxEvent(agentId)],
    publishedVersion: 2,
  };
}

/** An outbox entry as agent-monitor stores it: the AgentAlertRaised of storedAlert. */
export function storedOutboxEvent(agentId: string): AgentOutboxEvent {
  const { id, alertId: _key, clearedAt: _cleared, ...alert } = storedAlert(agentId);
  return { type: 'AgentAlertRaised', detail: { ...alert, alertId: id, correlationId: id, clearedAt: null } };
}

export function storedAlert(agentId: string): AgentAlert & { alertId: string } {
  const id = `${agentId}:acw-60:2026-12-01T10:00:00.000Z`;
  return { id, alertId: id, agentId, ruleId: 'acw-60', severity: 'warning', message: 'in ACW for more than 60 s', startedAt: '2026-12-01T10:00:00.000Z', raisedAt: '2026-12-01T10:01:00.000Z', lastValue: 61, status: 'open' };
}

export function storedContact(contactId: string): ContactItem & Record<string, unknown> {
  return {
    contactId,
    conversationId: contactId,
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    initiationTimestamp: '2026-12-01T10:00:00Z',
    disconnectTimestamp: '2026-12-01T10:05:00Z',
    lastUpdateTimestamp: '2026-12-01T10:06:00Z',
    agentUsername: 'jdoe',
    queueName: 'Billing',
    abandoned: false,
    fingerprint: 'fp',
    publishedFingerprint: 'fp',
    ctrUpdatedAtMs: 1,
    ctr: { ContactId: contactId },
    status: 'completed',
    pipeline: { ingested: '2026-12-01T10:06:01Z', summarized: '2026-12-01T10:07:00Z' },
    listPartition: 'CONTACT',
    listSort: `2026-12-01T10:00:00Z#${contactId}`,
  };
}

export function storedSummary(contactId: string): SummaryRecord & Record<string, unknown> {
  return {
    contactId,
    status: 'summarized',
    updatedAt: '2026-12-01T10:07:00Z',
    summary: {
      contactId,
      headline: 'Billing question answered',
      reason: 'double charge',
      actionsTaken: ['refunded'],
      outcome: 'resolved',
      followUps: [{ action: 'email receipt', owner: 'agent' }],
      sentiment: { start: 'negative', end: 'positive' },
      agentNotes: [],
      topics: ['billing'],
      escalation: { recommended: false },
      provider: 'offline',
      createdAt: '2026-12-01T10:07:00Z',
    },
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2, calls: 1 },
    transcriptLocation: 's3://bucket/redacted.json',
    transcriptFormat: 'contact-lens',
    transcriptionJobName: 'job-1',
    mediaLocation: 's3://bucket/audio.wav',
    correlationId: 'corr-1',
  } as SummaryRecord & Record<string, unknown>;
}

/** A journey as ivr-journey assembles it (assembleJourney): a welcome prompt, then a Lambda whose parameters carry a secret and that timed out. */
export function journeyOf(contactId: string): Journey {
  const journey = assembleJourney({
    contactId,
    entries: [
      { ContactId: contactId, ContactFlowName: 'Main IVR', ContactFlowModuleType: 'PlayPrompt', Identifier: 'welcome', Timestamp: '2026-12-01T10:00:01.000Z', Parameters: { Text: 'Welcome' } },
      { ContactId: contactId, ContactFlowName: 'Main IVR', ContactFlowModuleType: 'InvokeExternalResource', Identifier: 'lookup', Timestamp: '2026-12-01T10:00:05.000Z', Parameters: { FunctionArn: 'arn:aws:lambda:us-east-1:1:function:lookup', apiToken: 'secret' }, Results: 'Timeout' },
    ],
  });
  return { ...journey, callerKey: 'caller-key' };
}

export function storedJourney(contactId: string): JourneyRecord & Record<string, unknown> {
  return { ...journeyOf(contactId), assembledAt: '2026-12-01T10:01:00Z', version: 1, correlationId: 'corr-1', listPartition: 'JOURNEY', listSort: 'x', flowKey: 'Main IVR', fingerprint: 'fp', internalNote: 'not for the API' };
}

export function storedEscalation(escalationId: string, status: EscalationRecord['status'] = 'open'): EscalationRecord & Record<string, unknown> {
  return {
    escalationId, status, subjectType: 'contact', subjectId: 'c-1', contactId: 'c-1', agentId: null, cause: 'ivr-system-failure', trigger: 'journey-failure', severity: 'high', reasons: ['caller stuck'],
    correlationId: 'corr-1', triggeredAt: '2026-12-01T10:08:00Z', createdAt: '2026-12-01T10:08:00Z', updatedAt: '2026-12-01T10:08:00Z', version: 1, outboxPending: 'pending', outboxSince: '2026-12-01T10:08:00Z', internalNote: 'not for the API',
  };
}

export function syncRecord(contactId: string): SyncStatusRecord {
  return { contactId, state: 'pending', summarizedAt: '2026-12-01T10:07:00Z', syncedAt: null, agentUsername: 'jdoe', queueName: 'Billing', initiationTimestamp: '2026-12-01T10:00:00Z', salesforceId: null, errorCode: null, reason: null, lastError: null, voiceCall: null };
}

/**
 * An AgentStateChanged detail with exactly the catalog's fields, as agent-monitor's stateChangedEvent
 * writes them from a view (libs cannot import that mapper; this mirrors it field for field, and
 * apps/agent-monitor/src/agent-monitor.mapper.spec.ts proves the two equal over a real shift).
 */
export function agentStateChangedDetail(view: AgentView, version: number, openAlerts: number, correlationId: string) {
  const board = boardActivityOf(view);
  return {
    schemaVersion: 1 as const,
    correlationId,
    occurredAt: view.lastEventAt,
    agentId: view.agentId,
    version,
    agentArn: view.agentArn,
    username: view.username,
    name: view.name,
    eventId: correlationId,
    eventType: 'STATE_CHANGE',
    status: view.status,
    nextStatus: view.nextStatus ?? null,
    activity: view.activity,
    activitySince: view.activitySince,
    boardActivity: board.activity,
    boardActivityLabel: board.label,
    boardActivitySince: board.since,
    loggedIn: view.loggedIn,
    routingProfile: view.routingProfile,
    queues: view.queues,
    contacts: view.contacts,
    concurrency: view.concurrency,
    missedInARow: view.missedInARow,
    lastEventAt: view.lastEventAt,
    openAlerts,
  };
}

/** The view of an agent in a given status at a given time. */
export function agentInStatus(agentId: string, statusName: string, at: string): AgentView {
  const view = agentView(agentId, at);
  return { ...view, status: { ...view.status, name: statusName, type: statusName === 'Available' ? 'ROUTABLE' : 'CUSTOM', since: at } };
}
