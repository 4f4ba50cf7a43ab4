import type { Message } from '@aws-sdk/client-sqs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EscalationConfig, loadConfig } from '@buddie/config';
import { MetricsRegistry } from '@buddie/observability';
import { readDeadLetterInfo, type EventBridgeEnvelope, type PublishableEvent } from '@buddie/messaging';
import { createDynamoClients, EscalationRepository } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { EscalationModule } from '../src/escalation.module';
import { journeyFailed } from './escalation-events';

type Envelope = EventBridgeEnvelope<Record<string, unknown>>;

describe('escalation on fauxqs (SQS) + DynamoDB Local', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let escalations: EscalationRepository;
  let inputUrl: string;
  let dlqUrl: string;
  let gatewayUrl: string;

  /** Messages the consumer has finished with (acked or dead-lettered), from its /metrics gauge. */
  const handled = (): number => {
    const render = app!.get(MetricsRegistry).render();
    const line = render.split('\n').find((l) => l.startsWith('buddie_queue_processed_total'));
    const rejected = render.split('\n').find((l) => l.startsWith('buddie_queue_rejected_total'));
    return Number(line?.split(' ').pop() ?? 0) + Number(rejected?.split(' ').pop() ?? 0);
  };
  const createdEvents = async (expect?: number): Promise<Envelope[]> =>
    (await drainQueue(env.sqs, gatewayUrl, { expect, timeoutMs: 8000, quietMs: 1500 })).map((m: Message) => JSON.parse(m.Body!) as Envelope).filter((e) => e['detail-type'] === 'EscalationCreated');

  beforeAll(async () => {
    env = await createTestEnvironment();
    const config = loadConfig(EscalationConfig, env.env);
    escalations = new EscalationRepository(createDynamoClients(env.config).doc, env.physical('escalations'));
    inputUrl = await queueUrl(env.sqs, env.physical('escalation'));
    dlqUrl = await queueUrl(env.sqs, env.physical('escalation-dlq'));
    gatewayUrl = await queueUrl(env.sqs, env.physical('gateway'));
    app = await bootstrapService('escalation', EscalationModule.forRoot(config), config);
  });

  afterAll(async () => {
    await app?.close();
    await env.close();
  });

  it('given a JourneyFailed delivered twice and replayed later, then exactly one escalation record and one EscalationCreated', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-000000000001';
    const escalationId = `${contactId}:ivr-system-failure`;
    await sendBodies(env.sqs, inputUrl, [deliveredBody(journeyFailed(contactId)), deliveredBody(journeyFailed(contactId))]);
    const opened = await eventually(() => escalations.get(escalationId), (r) => r !== undefined, 20000);
    expect(opened).toMatchObject({ escalationId, status: 'open', subjectType: 'contact', contactId, cause: 'ivr-system-failure', severity: 'high', trigger: 'journey-failure', correlationId: `corr-${contactId}` });
    expect(opened!.reasons).toEqual(['The account lookup Lambda failed (Error) at step 2.']);
    await eventually(async () => handled(), (n) => n >= 2, 20000);

    const first = await createdEvents(1);
    expect(first).toHaveLength(1);
    expect(first[0].source).toBe('buddie.escalation');
    expect(first[0].detail).toMatchObject({ escalationId, status: 'open', severity: 'high', contactId, correlationId: `corr-${contactId}` });

    // A replay after the fact (same contact, same cause) maps to the same record and publishes nothing.
    const before = handled();
    await sendBodies(env.sqs, inputUrl, [deliveredBody(journeyFailed(contactId))]);
    await eventually(async () => handled(), (n) => n > before, 20000);
    expect(await createdEvents()).toHaveLength(0);
    expect((await escalations.get(escalationId))?.createdAt).toBe(opened!.createdAt);
    expect(await escalations.listByContact(contactId)).toHaveLength(1);
  });

  it('given a JourneyFailed whose detail breaks the catalog, then it goes to the escalation DLQ with its field path and opens nothing', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-000000000002';
    const malformed = JSON.parse(deliveredBody(journeyFailed(contactId))) as { detail: { failures: Record<string, unknown>[] } };
    delete malformed.detail.failures[0].reason;
    const body = JSON.stringify(malformed);
    await sendBodies(env.sqs, inputUrl, [body]);
    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 1, timeoutMs: 20000 });
    expect(dead).toHaveLength(1);
    expect(dead[0].Body).toBe(body);
    expect(readDeadLetterInfo(dead[0]).reason).toMatch(/^JourneyFailed detail is invalid: detail\.failures\[0\]\.reason: Required/);
    expect(await escalations.listByContact(contactId)).toHaveLength(0);
  });

  it('given a SummaryCreated that recommends escalation, then one escalation is opened and EscalationCreated published', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-000000000003';
    const summaryCreated: PublishableEvent<'SummaryCreated'> = {
      type: 'SummaryCreated',
      detail: { correlationId: `corr-${contactId}`, contactId, headline: 'Customer asked for a supervisor about a double charge', outcome: 'resolved', escalationRecommended: true },
    };
    await sendBodies(env.sqs, inputUrl, [deliveredBody(summaryCreated)]);
    const escalationId = `${contactId}:summary-recommends-escalation`;
    const opened = await eventually(() => escalations.get(escalationId), (r) => r !== undefined, 20000);
    expect(opened).toMatchObject({ status: 'open', trigger: 'summary', severity: 'high', contactId });
    const events = await createdEvents(1);
    expect(events.map((e) => e.detail.escalationId)).toEqual([escalationId]);
    expect(events[0].detail.correlationId).toBe(`corr-${contactId}`);
    // A resolved call with no stored summary (so no ending sentiment) opens nothing else.
    expect(await escalations.listByContact(contactId)).toHaveLength(1);
  });
  it('given an AgentAlertRaised (and its AgentAlertCleared), then one escalation about the alert is opened and the clear is acknowledged, not dead-lettered', async () => {
    const alert = {
      correlationId: 'corr-alert-1',
      alertId: 'alert-e5c1-0001',
      agentId: 'agent-jdoe',
      ruleId: 'long-hold',
      severity: 'critical' as const,
      message: 'jdoe has had a customer on hold for 6 minutes',
      startedAt: '2024-03-12T14:54:00.000Z',
      raisedAt: '2024-03-12T15:00:00.000Z',
      clearedAt: null,
      lastValue: 360,
      status: 'open' as const,
    };
    await sendBodies(env.sqs, inputUrl, [deliveredBody({ type: 'AgentAlertRaised', detail: alert })]);
    const escalationId = 'alert-e5c1-0001:agent-alert';
    const opened = await eventually(() => escalations.get(escalationId), (r) => r !== undefined, 20000);
    expect(opened).toMatchObject({ subjectType: 'agent-alert', subjectId: alert.alertId, agentId: 'agent-jdoe', severity: 'high', reasons: [alert.message], trigger: 'agent-alert' });
    const events = await createdEvents(1);
    expect(events.map((e) => e.detail.escalationId)).toEqual([escalationId]);
    // No contact: kept out of the byContact index in the table, null in the event.
    expect(opened?.contactId).toBeUndefined();
    expect(events[0].detail).toMatchObject({ contactId: null, agentId: 'agent-jdoe', severity: 'high', correlationId: 'corr-alert-1' });

    const before = handled();
    await sendBodies(env.sqs, inputUrl, [deliveredBody({ type: 'AgentAlertCleared', detail: { ...alert, status: 'cleared', clearedAt: '2024-03-12T15:02:00.000Z' } })]);
    await eventually(async () => handled(), (n) => n > before, 20000);
    expect(await drainQueue(env.sqs, dlqUrl, { timeoutMs: 3000, quietMs: 1000 })).toHaveLength(0);
    expect((await escalations.get(escalationId))?.status).toBe('open');
  });
});
