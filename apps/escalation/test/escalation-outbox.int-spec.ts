import type { Message } from '@aws-sdk/client-sqs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EscalationConfig, loadConfig } from '@buddie/config';
import { MetricsRegistry } from '@buddie/observability';
import { decideEscalations, DEFAULT_ESCALATION_RULES, systemClock } from '@buddie/domain';
import { EventPublisher, type EventBridgeEnvelope } from '@buddie/messaging';
import { createDynamoClients, EscalationRepository, SummaryRepository } from '@buddie/persistence';
import { bootstrapService, createEventBridgeClient } from '@buddie/runtime';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { EscalationOutbox } from '../src/escalation-outbox';
import { EscalationModule } from '../src/escalation.module';
import { EscalationService } from '../src/escalation.service';
import { alertRaised, journeyFailed } from './escalation-events';

type Envelope = EventBridgeEnvelope<Record<string, unknown>>;

const DEADLINE_MS = 3000;

describe('escalation outbox on DynamoDB Local + fauxqs: concurrent deliveries, severity raises, the reconciler', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let config: EscalationConfig;
  let escalations: EscalationRepository;
  let inputUrl: string;
  let gatewayUrl: string;
  /** Every escalation event seen on the gateway queue so far (draining deletes nothing but hides them for 300 s). */
  const seen: Envelope[] = [];

  const eventsFor = async (escalationId: string, options: { expect?: number; timeoutMs?: number } = {}): Promise<Envelope[]> => {
    const drained = await drainQueue(env.sqs, gatewayUrl, { expect: options.expect, timeoutMs: options.timeoutMs ?? 10000, quietMs: 1500 });
    seen.push(...drained.map((m: Message) => JSON.parse(m.Body!) as Envelope).filter((e) => String(e['detail-type']).startsWith('Escalation')));
    return seen.filter((e) => e.detail.escalationId === escalationId);
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ ESCALATION_PUBLISH_DEADLINE_MS: String(DEADLINE_MS), ESCALATION_RECONCILE_INTERVAL_MS: '250' });
    config = loadConfig(EscalationConfig, env.env);
    escalations = new EscalationRepository(createDynamoClients(env.config).doc, env.physical('escalations'), { publishDeadlineMs: DEADLINE_MS });
    inputUrl = await queueUrl(env.sqs, env.physical('escalation'));
    gatewayUrl = await queueUrl(env.sqs, env.physical('gateway'));
    app = await bootstrapService('escalation', EscalationModule.forRoot(config), config);
  });

  afterAll(async () => {
    await app?.close();
    await env.close();
  });

  it('given ten concurrent opens of one draft, then one record, and only its creator holds the publish', async () => {
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId: 'c-race-repo', correlationId: 'corr-race', occurredAt: '2024-03-12T15:00:00.000Z', failures: journeyFailed('x').detail.failures }, DEFAULT_ESCALATION_RULES);
    const at = new Date().toISOString();
    const results = await Promise.all(Array.from({ length: 10 }, () => escalations.open(draft, at)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.filter((r) => r.publish)).toHaveLength(1);
    expect(await escalations.listByContact('c-race-repo')).toHaveLength(1);
  });

  it('given a marker abandoned past the deadline, when ten redeliveries open it at once, then exactly one takes the publish over', async () => {
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId: 'c-race-claim', correlationId: 'corr-claim', occurredAt: '2024-03-12T15:00:00.000Z', failures: journeyFailed('x').detail.failures }, DEFAULT_ESCALATION_RULES);
    // Opened by a writer that then crashed, 1 s ago: abandoned for takers with a 200 ms deadline, and not
    // yet for the app's reconciler (3 s), so the ten redeliveries race only each other.
    const takers = new EscalationRepository(createDynamoClients(env.config).doc, env.physical('escalations'), { publishDeadlineMs: 200 });
    await takers.open(draft, new Date(Date.now() - 1000).toISOString());
    const at = new Date().toISOString();
    const results = await Promise.all(Array.from({ length: 10 }, () => takers.open(draft, at)));
    expect(results.filter((r) => r.created)).toHaveLength(0);
    expect(results.filter((r) => r.publish).map((r) => r.publish?.version)).toEqual([1]);
  });

  it('given the same JourneyFailed handled five times at once (concurrent batches), then one record and exactly one EscalationCreated', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-00000000a001';
    const service = new EscalationService({
      escalations,
      summaries: new SummaryRepository(createDynamoClients(env.config).doc, env.physical('summaries')),
      outbox: new EscalationOutbox(escalations, new EventPublisher(createEventBridgeClient(config), { busName: config.EVENT_BUS_NAME, app: 'escalation' })),
      rules: DEFAULT_ESCALATION_RULES,
      clock: systemClock,
    });
    const trigger = { kind: 'journey-failure' as const, contactId, correlationId: `corr-${contactId}`, occurredAt: '2024-03-12T15:00:00.000Z', failures: journeyFailed(contactId).detail.failures };
    const opened = await Promise.all(Array.from({ length: 5 }, () => service.handle(trigger)));
    expect(opened.reduce((a, b) => a + b, 0)).toBe(1);
    const events = await eventsFor(`${contactId}:ivr-system-failure`, { expect: 1 });
    expect(events.map((e) => [e['detail-type'], e.detail.version])).toEqual([['EscalationCreated', 1]]);
    expect(await escalations.listByContact(contactId)).toHaveLength(1);
  });

  it('given an AgentAlertRaised and then the same alert critical, then EscalationCreated (medium, v1) and EscalationUpdated (high, v2); a replay of either publishes nothing', async () => {
    const escalationId = 'alert-raise-0001:agent-alert';
    await sendBodies(env.sqs, inputUrl, [deliveredBody(alertRaised('alert-raise-0001', 'warning'))]);
    await eventsFor(escalationId, { expect: 1 });
    await sendBodies(env.sqs, inputUrl, [deliveredBody(alertRaised('alert-raise-0001', 'critical'))]);
    const raised = await eventually(() => escalations.get(escalationId), (r) => r?.severity === 'high', 20000);
    expect(raised).toMatchObject({ version: 2, severity: 'high', status: 'open', reasons: ['jdoe has had a customer on hold (warning)', 'jdoe has had a customer on hold (critical)'] });
    await sendBodies(env.sqs, inputUrl, [deliveredBody(alertRaised('alert-raise-0001', 'critical')), deliveredBody(alertRaised('alert-raise-0001', 'warning'))]);
    const events = await eventsFor(escalationId, { expect: 2, timeoutMs: 8000 });
    expect(events.map((e) => [e['detail-type'], e.source, e.detail.version, e.detail.severity])).toEqual([
      ['EscalationCreated', 'buddie.escalation', 1, 'medium'],
      ['EscalationUpdated', 'buddie.escalation', 2, 'high'],
    ]);
    expect((await escalations.get(escalationId))?.version).toBe(2);
  });

  it('given a supervisor action stored but never published (the writer crashed before PutEvents), then the reconciler publishes EscalationUpdated once after the deadline and clears the marker', async () => {
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId: 'c-crash-1', correlationId: 'corr-crash', occurredAt: '2024-03-12T15:00:00.000Z', failures: journeyFailed('x').detail.failures }, DEFAULT_ESCALATION_RULES);
    const created = await escalations.open(draft, new Date().toISOString());
    await escalations.markPublished(draft.escalationId, 1);
    const acked = await escalations.transition(draft.escalationId, { action: 'acknowledge', by: 'sam', at: new Date().toISOString() });
    expect(created.publish).toBeDefined();
    expect(acked).toMatchObject({ outcome: 'applied', escalation: { version: 2, status: 'acknowledged' } });

    const events = await eventsFor(draft.escalationId, { expect: 1, timeoutMs: 15000 });
    expect(events.map((e) => [e['detail-type'], e.detail.version, e.detail.status, e.detail.acknowledgedBy])).toEqual([['EscalationUpdated', 2, 'acknowledged', 'sam']]);
    expect(app!.get(MetricsRegistry).render()).toMatch(/buddie_escalation_republished_total [1-9]/);
    expect(await escalations.listUnpublished(new Date(Date.now() + 3_600_000).toISOString())).toEqual([]);
  });

  it('given an escalation opened but its EscalationCreated lost (crash), then no second opener within the deadline publishes it, and the reconciler does once after it', async () => {
    const contactId = 'e5c1a7b0-0000-4000-8000-00000000a002';
    const escalationId = `${contactId}:ivr-system-failure`;
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId, correlationId: `corr-${contactId}`, occurredAt: '2024-03-12T15:00:00.000Z', failures: journeyFailed(contactId).detail.failures }, DEFAULT_ESCALATION_RULES);
    const at = new Date().toISOString();
    await escalations.open(draft, at);
    // Within the deadline the creator may still be publishing: a second opener does not.
    expect((await escalations.open(draft, at)).publish).toBeUndefined();
    const events = await eventsFor(escalationId, { expect: 1, timeoutMs: 15000 });
    expect(events.map((e) => [e['detail-type'], e.detail.version, e.detail.correlationId])).toEqual([['EscalationCreated', 1, `corr-${contactId}`]]);
    expect(await escalations.listUnpublished(new Date(Date.now() + 3_600_000).toISOString())).toEqual([]);
  });
});
