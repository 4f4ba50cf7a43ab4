import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, SalesforceSyncConfig } from '@buddie/config';
import type { CallSummary } from '@buddie/domain';
import { EVENT_CONSUMERS, escalationEventFields, readDeadLetterInfo, summaryCreatedFields, type BuddieEventType } from '@buddie/messaging';
import { ContactRepository, createDynamoClients, EscalationRepository, SalesforceSyncRepository, SummaryRepository } from '@buddie/persistence';
import { bootstrapService, findEventTransport } from '@buddie/runtime';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, SalesforceTestServer, sendBodies, type TestEnvironment } from '@buddie/testing';
import { SalesforceSyncModule } from '../src/salesforce-sync.module';

const summary = (contactId: string): CallSummary => ({
  contactId,
  headline: 'Customer disputes a late fee',
  reason: 'A late fee after an on-time payment',
  actionsTaken: ['Waived the fee'],
  outcome: 'resolved',
  followUps: [],
  sentiment: { start: 'negative', end: 'neutral' },
  agentNotes: [],
  topics: ['billing'],
  escalation: { recommended: false },
  provider: 'offline',
  createdAt: '2026-12-01T10:00:00.000Z',
});

/** The booted app: its queue, through the SqsEventTransport and one @EventPattern handler per routed event type. */
describe('salesforce-sync consumer (SqsEventTransport on fauxqs, DynamoDB Local, Salesforce test server)', () => {
  const server = new SalesforceTestServer();
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let module: ReturnType<typeof SalesforceSyncModule.forRoot>;
  let inputUrl: string;
  let dlqUrl: string;
  let dynamo: ReturnType<typeof createDynamoClients>;

  beforeAll(async () => {
    const url = await server.listen();
    env = await createTestEnvironment();
    const config = loadConfig(SalesforceSyncConfig, {
      ...env.env,
      SALESFORCE_AUTH_FLOW: 'client-credentials',
      SALESFORCE_INSTANCE_URL: url,
      SALESFORCE_CLIENT_ID: server.clientId,
      SALESFORCE_CLIENT_SECRET: server.clientSecret,
      SALESFORCE_BATCH_WINDOW_MS: '50',
    });
    dynamo = createDynamoClients(config);
    inputUrl = await queueUrl(env.sqs, env.physical('salesforce-sync'));
    dlqUrl = await queueUrl(env.sqs, env.physical('salesforce-sync-dlq'));
    module = SalesforceSyncModule.forRoot(config);
    app = await bootstrapService('salesforce-sync', module, config);
  });

  afterAll(async () => {
    await app?.close();
    dynamo.client.destroy();
    await env.close();
    await server.close();
  });

  it('declares one handler for every event type the routing table sends to its queue, and no other', () => {
    const routed = (Object.entries(EVENT_CONSUMERS) as [BuddieEventType, readonly string[]][]).filter(([, queues]) => queues.includes('salesforce-sync')).map(([type]) => type);
    expect(findEventTransport(module)?.patterns().sort()).toEqual(routed.sort());
  });

  it('given a SummaryCreated on the queue, then its Case is written; given malformed details, then each goes to the DLQ with its field path and the rest is not held up', async () => {
    const contacts = new ContactRepository(dynamo.doc, env.physical('contacts'));
    const summaries = new SummaryRepository(dynamo.doc, env.physical('call-summaries'));
    const escalations = new EscalationRepository(dynamo.doc, env.physical('escalations'));
    const at = '2026-12-01T10:00:00.000Z';
    await contacts.upsertCtr({ contactId: 'evt-1', conversationId: 'evt-1', channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: at, disconnectTimestamp: at, lastUpdateTimestamp: at, agentUsername: 'alice', queueName: 'Billing', abandoned: false, fingerprint: 'evt-1', ctr: {} }, at);
    await summaries.putSummary({ contactId: 'evt-1', status: 'summarized', updatedAt: at, summary: summary('evt-1') });
    const { record } = await escalations.open(
      { escalationId: 'evt-esc-1', subjectType: 'contact', subjectId: 'evt-1', contactId: 'evt-1', agentId: null, cause: 'summary-recommends-escalation', severity: 'high', reasons: ['Asked for a supervisor'], trigger: 'summary', correlationId: 'corr-evt', triggeredAt: at },
      at,
    );

    const badSummary = JSON.parse(deliveredBody({ type: 'SummaryCreated', detail: summaryCreatedFields({ contactId: 'evt-2', summary: summary('evt-2') }, 'corr-evt-2') })) as { detail: Record<string, unknown> };
    badSummary.detail.outcome = 'maybe';
    const badUpdate = JSON.parse(deliveredBody({ type: 'EscalationUpdated', detail: escalationEventFields(record, 'corr-evt') })) as { detail: Record<string, unknown> };
    delete badUpdate.detail.escalationId;
    await sendBodies(env.sqs, inputUrl, [
      JSON.stringify(badSummary),
      deliveredBody({ type: 'SummaryCreated', detail: summaryCreatedFields({ contactId: 'evt-1', summary: summary('evt-1') }, 'corr-evt-1') }),
      JSON.stringify(badUpdate),
      deliveredBody({ type: 'EscalationCreated', detail: escalationEventFields(record, 'corr-evt') }),
    ]);

    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 2, timeoutMs: 20000 });
    const reasons = dead.map((m) => readDeadLetterInfo(m).reason).sort();
    expect(reasons).toEqual([expect.stringMatching(/^EscalationUpdated detail is invalid: detail\.escalationId: Required/), expect.stringMatching(/^SummaryCreated detail is invalid: detail\.outcome: /)]);

    const sync = new SalesforceSyncRepository(dynamo.doc, env.physical('salesforce-sync'));
    await eventually(() => sync.get('task:evt-esc-1'), (r) => r?.state === 'synced', 20000);
    const cases = server.find('Case', 'Buddie_Contact_Id__c', 'evt-1');
    expect(cases).toHaveLength(1);
    expect(server.find('Task', 'Buddie_Escalation_Id__c', 'evt-esc-1')).toEqual([expect.objectContaining({ WhatId: cases[0].Id })]);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'evt-2')).toHaveLength(0);
  });
});
