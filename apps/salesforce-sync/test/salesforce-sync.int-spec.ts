import { loadConfig, physicalName, SalesforceSyncConfig } from '@buddie/config';
import { systemClock, type CallSummary } from '@buddie/domain';
import { escalationEventFields, EventPublisher, summaryCreatedFields } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, EscalationRepository, SalesforceSyncRepository, SummaryRepository, SyncStatusRepository, TABLES } from '@buddie/persistence';
import { createEventBridgeClient } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, queueUrl, SalesforceTestServer, type TestEnvironment } from '@buddie/testing';
import { SalesforceSyncRuntime } from '../src/salesforce-sync.runtime';

function summary(contactId: string, headline: string): CallSummary {
  return {
    contactId,
    headline,
    reason: 'The customer was charged twice',
    actionsTaken: ['Refunded the duplicate charge'],
    outcome: 'resolved',
    followUps: [],
    sentiment: { start: 'negative', end: 'positive' },
    agentNotes: [],
    topics: ['billing'],
    escalation: { recommended: false },
    provider: 'offline',
    createdAt: '2026-12-01T10:00:00.000Z',
  };
}

/** SummaryCreated as the summarizer builds it (summaryCreatedFields over the stored summary). */
const summaryCreatedOf = (contactId: string, stored: CallSummary = summary(contactId, 'h')) => summaryCreatedFields({ contactId, summary: stored }, `corr-${contactId}`);

describe('salesforce-sync against the Salesforce test server and the emulators', () => {
  const server = new SalesforceTestServer();
  let env: TestEnvironment;
  let config: SalesforceSyncConfig;
  let runtime: SalesforceSyncRuntime;
  let contacts: ContactRepository;
  let summaries: SummaryRepository;
  let sync: SalesforceSyncRepository;
  let dynamo: ReturnType<typeof createDynamoClients>;

  async function contactWithSummary(contactId: string, conversationId: string, at: string, headline = 'Double charge'): Promise<void> {
    await contacts.upsertCtr(
      { contactId, conversationId, channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: at, disconnectTimestamp: at, lastUpdateTimestamp: at, agentUsername: 'alice', queueName: 'Billing', abandoned: false, fingerprint: contactId, ctr: {} },
      at,
    );
    await summaries.putSummary({ contactId, status: 'summarized', updatedAt: at, summary: summary(contactId, headline) });
    await contacts.markStage(contactId, 'summarized', at);
  }

  beforeAll(async () => {
    const url = await server.listen();
    env = await createTestEnvironment();
    config = loadConfig(SalesforceSyncConfig, {
      ...env.env,
      SALESFORCE_AUTH_FLOW: 'client-credentials',
      SALESFORCE_INSTANCE_URL: url,
      SALESFORCE_CLIENT_ID: server.clientId,
      SALESFORCE_CLIENT_SECRET: server.clientSecret,
      SALESFORCE_BATCH_WINDOW_MS: '50',
      SALESFORCE_RETRY_BASE_MS: '10',
      SALESFORCE_RETRY_MAX_MS: '50',
      SALESFORCE_TIMEOUT_MS: '500',
      SALESFORCE_LIMIT_PAUSE_MS: '1000',
      SALESFORCE_TASK_CASE_WAIT_MS: '1500',
    });
    dynamo = createDynamoClients(config);
    contacts = new ContactRepository(dynamo.doc, physicalName(config, TABLES.contacts.logicalName));
    summaries = new SummaryRepository(dynamo.doc, physicalName(config, TABLES.summaries.logicalName));
    sync = new SalesforceSyncRepository(dynamo.doc, physicalName(config, TABLES.salesforceSync.logicalName));
    runtime = new SalesforceSyncRuntime(config, {
      doc: dynamo.doc,
      sqs: env.sqs,
      events: new EventPublisher(createEventBridgeClient(config), { busName: config.EVENT_BUS_NAME }),
      clock: systemClock,
      registry: new MetricsRegistry(),
    });
    await runtime.onApplicationBootstrap();
  });

  afterAll(async () => {
    await runtime.beforeApplicationShutdown();
    dynamo.client.destroy();
    await env.close();
    await server.close();
  });

  const settle = async () => {
    // The batcher re-queues with short delays; wait until nothing is due or in flight.
    for (let i = 0; i < 50; i++) {
      await runtime.batcher.drain();
      await new Promise((r) => setTimeout(r, 100));
      if (runtime.batcher.pending === 0) {
        await runtime.batcher.drain();
        return;
      }
    }
  };

  it('given a transfer and two single calls, then one Case per conversation; replays change nothing and call nothing', async () => {
    await contactWithSummary('leg-1', 'leg-1', '2026-12-01T09:00:00Z', 'Wants to cancel');
    await contactWithSummary('leg-2', 'leg-1', '2026-12-01T09:10:00Z', 'Transferred to retention');
    await contactWithSummary('solo-1', 'solo-1', '2026-12-01T09:20:00Z');
    await contactWithSummary('solo-2', 'solo-2', '2026-12-01T09:30:00Z');
    const callsBefore = server.counters.byRoute['collections-upsert'] ?? 0;
    for (const id of ['leg-1', 'leg-2', 'solo-1', 'solo-2']) await runtime.service.summaryCreated(summaryCreatedOf(id));
    await settle();
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')).toHaveLength(1);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')[0].Subject).toBe('Wants to cancel');
    expect(String(server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')[0].Description)).toContain('Leg 2 of 2');
    expect(server.all('Case')).toHaveLength(3);
    // However the window split them, never more calls than records (the benchmark measures the ratio).
    expect((server.counters.byRoute['collections-upsert'] ?? 0) - callsBefore).toBeLessThanOrEqual(4);
    const record = await sync.get('case:leg-1');
    expect(record).toMatchObject({ state: 'synced', salesforceId: server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')[0].Id, contactIds: expect.arrayContaining(['leg-1', 'leg-2']) });
    expect((await contacts.get('leg-2'))?.pipeline.synced).toBeDefined();

    const apiCalls = server.counters.apiCalls;
    for (const id of ['leg-1', 'leg-2', 'solo-1']) await runtime.service.summaryCreated(summaryCreatedOf(id));
    await settle();
    expect(server.counters.apiCalls).toBe(apiCalls);
    expect(server.all('Case')).toHaveLength(3);
  });

  it('given an outage (503 twice, then a time-out after the write), then the records are delayed but written once', async () => {
    await contactWithSummary('out-1', 'out-1', '2026-12-01T10:00:00Z');
    await contactWithSummary('out-2', 'out-2', '2026-12-01T10:01:00Z');
    server.inject({ kind: 'status-503', times: 2, pathIncludes: '/composite/sobjects' });
    server.inject({ kind: 'timeout-after-write', times: 1, pathIncludes: '/composite/sobjects' });
    for (const id of ['out-1', 'out-2']) await runtime.service.summaryCreated(summaryCreatedOf(id));
    await settle();
    expect(await sync.get('case:out-1')).toMatchObject({ state: 'synced' });
    expect(await sync.get('case:out-2')).toMatchObject({ state: 'synced' });
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'out-1')).toHaveLength(1);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'out-2')).toHaveLength(1);
  });

  it('given REQUEST_LIMIT_EXCEEDED, then the record waits and is written after the pause', async () => {
    await contactWithSummary('lim-1', 'lim-1', '2026-12-01T10:05:00Z');
    server.inject({ kind: 'request-limit', times: 1, pathIncludes: '/composite/sobjects' });
    await runtime.service.summaryCreated(summaryCreatedOf('lim-1'));
    await runtime.batcher.drain();
    expect(await sync.get('case:lim-1')).toMatchObject({ state: 'pending', lastError: expect.stringContaining('REQUEST_LIMIT_EXCEEDED') });
    await new Promise((r) => setTimeout(r, 1200));
    await settle();
    expect(await sync.get('case:lim-1')).toMatchObject({ state: 'synced' });
  });

  it('given a record a validation rule rejects, then it alone fails with Salesforce’s message and goes to the DLQ; the rest sync', async () => {
    server.setValidationRules([{ sobject: 'Case', check: (r) => (r.Subject === 'Forbidden subject' ? 'Subject is not allowed by the org' : undefined), field: 'Subject' }]);
    await contactWithSummary('bad-1', 'bad-1', '2026-12-01T11:00:00Z', 'Forbidden subject');
    await contactWithSummary('good-1', 'good-1', '2026-12-01T11:01:00Z');
    for (const id of ['bad-1', 'good-1']) await runtime.service.summaryCreated(summaryCreatedOf(id));
    await settle();
    server.setValidationRules([]);
    expect(await sync.get('case:bad-1')).toMatchObject({ state: 'failed', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'Subject is not allowed by the org [Subject]' });
    expect(await sync.get('case:good-1')).toMatchObject({ state: 'synced' });
    const dlq = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('salesforce-sync-dlq')), { expect: 1 });
    expect(dlq).toHaveLength(1);
    expect(dlq[0].MessageAttributes?.['buddie.error.reason']?.StringValue).toBe('Subject is not allowed by the org [Subject]');

    // The API's sync status (the gateway's repository) shows each contact's state with the reason or the Case id.
    const status = new SyncStatusRepository(contacts, sync);
    expect(await status.get('bad-1')).toMatchObject({ state: 'failed', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'Subject is not allowed by the org [Subject]', salesforceId: null });
    expect(await status.get('leg-2')).toMatchObject({ state: 'synced', salesforceId: server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')[0].Id });
  });

  it('given an escalation on a synced call, then one Task on its Case whose status follows acknowledge; replays write nothing', async () => {
    const escalations = new EscalationRepository(dynamo.doc, physicalName(config, TABLES.escalations.logicalName));
    const { record: opened } = await escalations.open(
      { escalationId: 'esc-1', subjectType: 'contact', subjectId: 'leg-2', contactId: 'leg-2', agentId: null, cause: 'ivr-input-loop', severity: 'high', reasons: ['Caller stuck at the PIN prompt'], trigger: 'journey-failure', correlationId: 'corr-esc-1', triggeredAt: '2026-12-01T09:30:00.000Z' },
      '2026-12-01T09:30:00.000Z',
    );
    await runtime.service.escalationChanged(escalationEventFields(opened, `corr-${opened.escalationId}`));
    await settle();
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'leg-1')[0].Id;
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-1')).toEqual([expect.objectContaining({ WhatId: caseId, Status: 'Not Started', Priority: 'High', ActivityDate: '2026-12-02', Subject: 'Caller stuck at the PIN prompt' })]);

    const acknowledged = await escalations.transition('esc-1', { action: 'acknowledge', at: '2026-12-01T09:40:00.000Z', by: 'supervisor' });
    if (acknowledged.outcome !== 'applied') throw new Error(`acknowledge: ${acknowledged.outcome}`);
    await runtime.service.escalationChanged(escalationEventFields(acknowledged.escalation, `corr-${acknowledged.escalation.escalationId}`));
    await settle();
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-1')).toEqual([expect.objectContaining({ Status: 'In Progress' })]);

    const apiCalls = server.counters.apiCalls;
    await runtime.service.escalationChanged(escalationEventFields(acknowledged.escalation, `corr-${acknowledged.escalation.escalationId}`));
    await settle();
    expect(server.counters.apiCalls).toBe(apiCalls);
    expect(await sync.get('task:esc-1')).toMatchObject({ state: 'synced', salesforceId: server.find('Task', 'Buddie_Escalation_Id__c', 'esc-1')[0].Id });
  });

  const openEscalation = (escalationId: string, contactId: string, at: string) =>
    new EscalationRepository(dynamo.doc, physicalName(config, TABLES.escalations.logicalName)).open(
      { escalationId, subjectType: 'contact', subjectId: contactId, contactId, agentId: null, cause: 'ivr-input-loop', severity: 'medium', reasons: [`Caller ${contactId} looped in the IVR`], trigger: 'journey-failure', correlationId: `corr-${escalationId}`, triggeredAt: at },
      at,
    );

  it('given an escalation resolved before its events arrive, then EscalationUpdated first and EscalationCreated last leave one Completed Task on the Case', async () => {
    const escalations = new EscalationRepository(dynamo.doc, physicalName(config, TABLES.escalations.logicalName));
    await contactWithSummary('life-1', 'life-1', '2026-12-01T13:00:00Z');
    await runtime.service.summaryCreated(summaryCreatedOf('life-1'));
    await settle();
    const { record: opened } = await openEscalation('esc-life-1', 'life-1', '2026-12-01T13:05:00.000Z');
    const acknowledged = await escalations.transition('esc-life-1', { action: 'acknowledge', at: '2026-12-01T13:06:00.000Z', by: 'supervisor' });
    const resolved = await escalations.transition('esc-life-1', { action: 'resolve', at: '2026-12-01T13:07:00.000Z', by: 'supervisor' });
    if (acknowledged.outcome !== 'applied' || resolved.outcome !== 'applied') throw new Error('transitions not applied');
    // Delivered newest first, as an at-least-once bus may: each handler reads the stored escalation.
    await runtime.service.escalationChanged(escalationEventFields(resolved.escalation, 'corr-life'));
    await runtime.service.escalationChanged(escalationEventFields(acknowledged.escalation, 'corr-life'));
    await settle();
    await runtime.service.escalationChanged(escalationEventFields(opened, 'corr-life'));
    await settle();
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'life-1')[0].Id;
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-life-1')).toEqual([expect.objectContaining({ Status: 'Completed', WhatId: caseId })]);
  });

  it('given an escalation whose call is summarized later, then its Task waits for the Case and is written once, on it', async () => {
    await runtime.service.escalationChanged(escalationEventFields((await openEscalation('esc-wait-1', 'wait-1', '2026-12-01T14:00:00.000Z')).record, 'corr-wait-1'));
    await settle();
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-wait-1')).toHaveLength(0);
    expect(await sync.get('task:esc-wait-1')).toMatchObject({ state: 'pending', lastError: expect.stringContaining('waiting for the Case') });
    expect(await sync.waitingMarker('case:wait-1')).toMatchObject({ taskKeys: ['task:esc-wait-1'] });
    await contactWithSummary('wait-1', 'wait-1', '2026-12-01T14:00:00Z');
    await runtime.service.summaryCreated(summaryCreatedOf('wait-1'));
    await settle();
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'wait-1')[0].Id;
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-wait-1')).toEqual([expect.objectContaining({ WhatId: caseId })]);
    // Written with WhatId: it waits no more, and its marker is gone from the table.
    expect(await sync.waitingMarker('case:wait-1')).toBeUndefined();
  });

  it('given an escalation whose call has no Case within the wait, then its Task is written alone and linked to the Case when the summary comes', async () => {
    await runtime.service.escalationChanged(escalationEventFields((await openEscalation('esc-alone-1', 'alone-1', '2026-12-01T15:00:00.000Z')).record, 'corr-alone-1'));
    await settle();
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-alone-1')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 1700));
    await settle();
    const alone = server.find('Task', 'Buddie_Escalation_Id__c', 'esc-alone-1');
    expect(alone).toHaveLength(1);
    expect(alone[0].WhatId).toBeUndefined();
    expect(await sync.get('task:esc-alone-1')).toMatchObject({ state: 'synced', salesforceId: alone[0].Id });
    // Written alone, the marker stays so a late Case can still link it, until its TTL (SALESFORCE_TASK_LINK_RETENTION_MS after the note).
    const marker = await sync.waitingMarker('case:alone-1');
    expect(marker).toMatchObject({ taskKeys: ['task:esc-alone-1'] });
    expect(marker!.expiresAt).toBe(Math.ceil((Date.parse(marker!.updatedAt) + config.SALESFORCE_TASK_LINK_RETENTION_MS) / 1000));

    await contactWithSummary('alone-1', 'alone-1', '2026-12-01T15:00:00Z');
    await runtime.service.summaryCreated(summaryCreatedOf('alone-1'));
    await settle();
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'alone-1')[0].Id;
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'esc-alone-1')).toEqual([expect.objectContaining({ Id: alone[0].Id, WhatId: caseId })]);
    expect(await sync.get('task:esc-alone-1')).toMatchObject({ state: 'synced' });
    expect(await sync.waitingMarker('case:alone-1')).toBeUndefined();
  });

  it('given a restart with records left pending, then the reconciler sends them', async () => {
    await contactWithSummary('late-1', 'late-1', '2026-12-01T12:00:00Z');
    await sync.markPending({ kind: 'case', sourceId: 'late-1', version: 'late-1', contactId: 'late-1', conversationId: 'late-1' }, '2026-12-01T12:00:00.000Z');
    const found = await runtime.reconciler.runOnce();
    expect(found).toBeGreaterThanOrEqual(1);
    await settle();
    expect(await sync.get('case:late-1')).toMatchObject({ state: 'synced' });
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'late-1')).toHaveLength(1);
  });
});
