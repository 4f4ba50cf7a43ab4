import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, SalesforceSyncConfig } from '@buddie/config';
import { parseCtr, parseTranscript } from '@buddie/connect';
import { summarizeOffline, type CallSummary, type EscalationRecord } from '@buddie/domain';
import { escalationEventFields, readDeadLetterInfo, summaryCreatedFields } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, EscalationRepository, SalesforceSyncRepository, SummaryRepository, type ContactCtrWrite } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { MemorySink, runSimulation } from '@buddie/simulator';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, SalesforceTestServer, sendBodies, type TestEnvironment } from '@buddie/testing';
// Events and stored contacts are built by their producers' own mappers (the one cross-app import lint allows).
import { toContactWrite } from '../../ingestion/src/contact.mapper';
import { SalesforceSyncModule } from '../src/salesforce-sync.module';

/**
 * The Done-when, in one place: a simulated day (libs/simulator) stored as ingestion stores it,
 * summarized offline, escalated and acknowledged/resolved, delivered to the booted salesforce-sync through
 * its queue, against the Salesforce test server with an outage and a validation rule.
 */
describe('salesforce-sync: a replayed simulator day against the Salesforce test server', () => {
  const server = new SalesforceTestServer();
  let env: TestEnvironment;
  let config: SalesforceSyncConfig;
  let app: NestFastifyApplication | undefined;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let sync: SalesforceSyncRepository;
  let inputUrl: string;
  let dlqUrl: string;

  const legs = new Map<string, ContactCtrWrite>();
  const summaries = new Map<string, CallSummary>();
  const escalations: EscalationRecord[] = [];
  /** Every message of the day, in the order the bus delivered them. */
  const day: string[] = [];
  let badConversation = '';

  const boot = async () => (app = await bootstrapService('salesforce-sync', SalesforceSyncModule.forRoot(config), config));
  /** Messages the running app has finished with (acknowledged or dead-lettered), from its /metrics. */
  const handled = (): number =>
    app!
      .get(MetricsRegistry)
      .render()
      .split('\n')
      .filter((l) => l.startsWith('buddie_queue_processed_total') || l.startsWith('buddie_queue_rejected_total'))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
  const conversations = () => [...new Set([...summaries.keys()].map((id) => legs.get(id)!.conversationId))];
  const expectedKeys = () => [...conversations().map((c) => `case:${c}`), ...escalations.map((e) => `task:${e.escalationId}`)];
  const allSettled = () =>
    eventually(
      () => sync.getMany(expectedKeys()),
      (records) => records.size === expectedKeys().length && [...records.values()].every((r) => r.state !== 'pending'),
      120_000,
    );
  const deliver = async (bodies: string[]) => {
    const before = handled();
    await sendBodies(env.sqs, inputUrl, bodies);
    await eventually(async () => handled(), (n) => n >= before + bodies.length, 60_000);
  };

  beforeAll(async () => {
    const url = await server.listen();
    env = await createTestEnvironment();
    config = loadConfig(SalesforceSyncConfig, {
      ...env.env,
      SALESFORCE_AUTH_FLOW: 'client-credentials',
      SALESFORCE_INSTANCE_URL: url,
      SALESFORCE_CLIENT_ID: server.clientId,
      SALESFORCE_CLIENT_SECRET: server.clientSecret,
      SALESFORCE_BATCH_WINDOW_MS: '200',
      SALESFORCE_RETRY_BASE_MS: '20',
      SALESFORCE_RETRY_MAX_MS: '200',
      SALESFORCE_TIMEOUT_MS: '1000',
      SALESFORCE_LIMIT_PAUSE_MS: '1000',
      SALESFORCE_TASK_CASE_WAIT_MS: '1000',
      SALESFORCE_PENDING_DEADLINE_MS: '1000',
      SALESFORCE_RECONCILE_INTERVAL_MS: '1000',
    });
    dynamo = createDynamoClients(config);
    sync = new SalesforceSyncRepository(dynamo.doc, env.physical('salesforce-sync'));
    inputUrl = await queueUrl(env.sqs, env.physical('salesforce-sync'));
    dlqUrl = await queueUrl(env.sqs, env.physical('salesforce-sync-dlq'));

    // The day: CTRs as ingestion stores them, a summary per contact with a transcript (the offline summarizer).
    const sink = new MemorySink();
    await runSimulation({ seed: 13, agents: 10, hours: 3, rates: { transfer: 0.25 } }, sink, { speed: 'max' });
    const contacts = new ContactRepository(dynamo.doc, env.physical('contacts'));
    const store = new SummaryRepository(dynamo.doc, env.physical('call-summaries'));
    for (const raw of sink.ctrs) {
      const parsed = parseCtr(raw);
      if (!parsed.ok) throw new Error(`simulated CTR ${raw.ContactId} does not parse`);
      const write = toContactWrite(parsed.value);
      await contacts.upsertCtr(write, write.lastUpdateTimestamp);
      legs.set(write.contactId, write);
    }
    for (const [contactId, doc] of sink.transcripts) {
      const transcript = parseTranscript(doc);
      if (!transcript.ok || !legs.has(contactId)) continue;
      const summary = summarizeOffline(transcript.value, { contactId, now: new Date(legs.get(contactId)!.lastUpdateTimestamp) });
      await store.putSummary({ contactId, status: 'summarized', updatedAt: summary.createdAt, summary });
      summaries.set(contactId, summary);
      day.push(deliveredBody({ type: 'SummaryCreated', detail: summaryCreatedFields({ contactId, summary }, `corr-${contactId}`) }));
    }

    // Escalations as the escalation app opens them: on summaries that ask for one, and on calls lost in the IVR
    // (no summary, so no Case: their Tasks stand alone). Some are acknowledged, some resolved.
    const repo = new EscalationRepository(dynamo.doc, env.physical('escalations'));
    const recommended = [...summaries.entries()].filter(([, s]) => s.escalation.recommended).map(([id]) => id);
    const lost = [...legs.values()].filter((l) => l.abandoned && !summaries.has(l.contactId)).map((l) => l.contactId).slice(0, 5);
    for (const [i, contactId] of [...recommended.slice(0, 25), ...lost].entries()) {
      const at = legs.get(contactId)!.lastUpdateTimestamp;
      const { record } = await repo.open(
        { escalationId: `${contactId}:day`, subjectType: 'contact', subjectId: contactId, contactId, agentId: null, cause: summaries.has(contactId) ? 'summary-recommends-escalation' : 'ivr-abandoned', severity: i % 2 ? 'high' : 'medium', reasons: [`Escalated ${contactId}`], trigger: summaries.has(contactId) ? 'summary' : 'journey-failure', correlationId: `corr-esc-${i}`, triggeredAt: at },
        at,
      );
      let current = record;
      day.push(deliveredBody({ type: 'EscalationCreated', detail: escalationEventFields(current, `corr-esc-${i}`) }));
      for (const action of i % 3 === 0 ? (['acknowledge', 'resolve'] as const) : i % 3 === 1 ? (['acknowledge'] as const) : []) {
        const moved = await repo.transition(current.escalationId, { action, at: new Date(Date.parse(current.updatedAt) + 60_000).toISOString(), by: 'supervisor' });
        if (moved.outcome !== 'applied') throw new Error(`${action} ${current.escalationId}: ${moved.outcome}`);
        current = moved.escalation;
        day.push(deliveredBody({ type: 'EscalationUpdated', detail: escalationEventFields(current, `corr-esc-${i}`) }));
      }
      escalations.push(current);
    }
    // One conversation the org's validation rule refuses (a single call with no escalation on it).
    const escalated = new Set(escalations.map((e) => legs.get(e.contactId!)!.conversationId));
    badConversation = conversations().find((c) => !escalated.has(c) && [...summaries.keys()].filter((id) => legs.get(id)!.conversationId === c).length === 1)!;
    server.setValidationRules([{ sobject: 'Case', field: 'Subject', check: (r) => (r.Buddie_Contact_Id__c === badConversation ? 'Cases from this caller need a manager’s review' : undefined) }]);
    await boot();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    dynamo.client.destroy();
    await env.close();
    await server.close();
  });

  it('given the day with an outage, then one Case per conversation (transfer legs on one), one Task per escalation, and the bad record alone rejected', async () => {
    expect(legs.size).toBeGreaterThan(200);
    expect(summaries.size).toBeGreaterThan(80);
    const transferred = conversations().filter((c) => [...summaries.keys()].filter((id) => legs.get(id)!.conversationId === c).length > 1);
    expect(transferred.length).toBeGreaterThan(0);
    expect(escalations.filter((e) => summaries.has(e.contactId!)).length).toBeGreaterThan(3);
    expect(escalations.filter((e) => !summaries.has(e.contactId!)).length).toBeGreaterThan(0);
    expect(new Set(escalations.map((e) => e.status))).toEqual(new Set(['open', 'acknowledged', 'resolved']));
    // An outage while the day arrives: 503s, a time-out after the write, the daily limit.
    server.inject({ kind: 'status-503', times: 3, pathIncludes: '/composite/sobjects' });
    server.inject({ kind: 'timeout-after-write', times: 1, pathIncludes: '/composite/sobjects' });
    server.inject({ kind: 'request-limit', times: 1, pathIncludes: '/composite/sobjects' });
    await deliver(day);
    await allSettled();
    expect(server.counters.faultsServed).toBe(5);

    for (const conversation of conversations()) {
      expect(server.find('Case', 'Buddie_Contact_Id__c', conversation)).toHaveLength(conversation === badConversation ? 0 : 1);
    }
    expect(server.all('Case')).toHaveLength(conversations().length - 1);
    for (const conversation of transferred) expect(String(server.find('Case', 'Buddie_Contact_Id__c', conversation)[0]?.Description)).toMatch(/Leg 2 of \d/);

    const statusOf = { open: 'Not Started', acknowledged: 'In Progress', resolved: 'Completed' } as const;
    for (const escalation of escalations) {
      const tasks = server.find('Task', 'Buddie_Escalation_Id__c', escalation.escalationId);
      expect(tasks).toHaveLength(1);
      const caseRecord = server.find('Case', 'Buddie_Contact_Id__c', legs.get(escalation.contactId!)!.conversationId)[0];
      expect(tasks[0].Status).toBe(statusOf[escalation.status]);
      // On its call's Case; alone when the call has none (lost in the IVR, so never summarized).
      expect(tasks[0].WhatId).toBe(caseRecord?.Id);
      expect(caseRecord === undefined).toBe(!summaries.has(escalation.contactId!));
    }
    expect(server.all('Task')).toHaveLength(escalations.length);

    const bad = await sync.get(`case:${badConversation}`);
    expect(bad).toMatchObject({ state: 'failed', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'Cases from this caller need a manager’s review [Subject]' });
    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 1, quietMs: 1000 });
    expect(dead.map((m) => readDeadLetterInfo(m).reason)).toEqual(['Cases from this caller need a manager’s review [Subject]']);
    const records = await sync.getMany(expectedKeys());
    expect([...records.values()].filter((r) => r.state !== 'synced').map((r) => r.recordKey)).toEqual([`case:${badConversation}`]);
  }, 240_000);

  it('given the whole day replayed, messages redelivered and the app restarted, then nothing is written twice and no call is made', async () => {
    const calls = server.counters.byRoute['collections-upsert'] ?? 0;
    const [cases, tasks] = [server.all('Case').length, server.all('Task').length];
    await deliver([...day, ...day.slice(0, 40)]);
    await app!.close();
    await boot();
    await deliver(day);
    await allSettled();
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.all('Case')).toHaveLength(cases);
    expect(server.all('Task')).toHaveLength(tasks);
    expect(server.counters.byRoute['collections-upsert'] ?? 0).toBe(calls);
    for (const conversation of conversations()) expect(server.find('Case', 'Buddie_Contact_Id__c', conversation).length).toBeLessThanOrEqual(1);
  }, 240_000);
});
