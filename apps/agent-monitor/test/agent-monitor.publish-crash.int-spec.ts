import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AgentMonitorConfig, loadConfig } from '@buddie/config';
import type { AgentEventInput, AlertRule } from '@buddie/domain';
import type { EventBridgeEnvelope } from '@buddie/messaging';
import { AgentAlertRepository, AgentStateRepository, createDynamoClients } from '@buddie/persistence';
import { createKinesisClient, freePort } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, eventually, queueUrl, type TestEnvironment } from '@buddie/testing';
import { foldAgentEvents } from '../../../libs/domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../libs/testing/src/fixtures';
import { AgentMonitorModule, agentEventsStreamName } from '../src/agent-monitor.module';

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);
const agentOf = (events: readonly AgentEventInput[]) => events[0].AgentARN.split('/agent/')[1];

// Only rules that fire at events (not on the timer), so the replay alone decides what is announced.
const RULES: AlertRule[] = [{ id: 'missed-1', name: 'a missed offer', enabled: true, condition: { kind: 'missed-in-a-row', count: 1 }, severity: 'critical' }];

/** The EventIds of the events that change what the board shows, in order: what must be announced. */
const visibleChanges = (events: readonly AgentEventInput[]): string[] => foldAgentEvents(events).changes.map((change) => change.event.EventId);

type Delivery = EventBridgeEnvelope<{ agentId: string; alertId?: string; eventId?: string; version?: number }>;

describe('agent-monitor: events written but not published before a crash are published by the next instance', () => {
  let env: TestEnvironment;
  let kinesis: KinesisClient;
  let states: AgentStateRepository;
  let alerts: AgentAlertRepository;
  let gatewayUrl: string;
  let app: NestFastifyApplication | undefined;

  const startApp = async (overrides: Record<string, string> = {}): Promise<void> => {
    const config = loadConfig(AgentMonitorConfig, { ...env.env, ALERT_TICK_MS: '600000', KINESIS_IDLE_POLL_MS: '100', KINESIS_LEASE_MS: '10000', ...overrides });
    const moduleRef = await Test.createTestingModule({ imports: [AgentMonitorModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
  };

  const deliveries = async (): Promise<Delivery[]> =>
    (await drainQueue(env.sqs, gatewayUrl, { quietMs: 2000, timeoutMs: 20000 })).map((m) => JSON.parse(m.Body as string) as Delivery);

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-rules-'));
    const rulesFile = path.join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify({ rules: RULES }));
    env = await createTestEnvironment({ ALERT_RULES_FILE: rulesFile });
    const config = loadConfig(AgentMonitorConfig, env.env);
    kinesis = createKinesisClient(config);
    const { doc } = createDynamoClients(config);
    states = new AgentStateRepository(doc, env.physical('agent-states'));
    alerts = new AgentAlertRepository(doc, env.physical('agent-alerts'));
    gatewayUrl = await queueUrl(env.sqs, env.physical('gateway'));
    // Everything is in the stream before the first instance reads, so each shard's first batch holds all of its records.
    await kinesis.send(
      new PutRecordsCommand({
        StreamName: agentEventsStreamName(config),
        Records: [...JDOE, ...MGARCIA].map((event) => ({ PartitionKey: event.AgentARN, Data: Buffer.from(JSON.stringify(event)) })),
      }),
    );
  }, 60000);

  afterAll(async () => {
    await app?.close();
    kinesis?.destroy();
    await env?.close();
  });

  it('given an instance whose PutEvents fails after its writes, when a healthy instance takes over, then every state change and alert is published once, in version order', async () => {
    // Given: EventBridge unreachable (a port nobody listens on). The writes land, the publish fails, no checkpoint.
    await startApp({ EVENTBRIDGE_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    for (const events of [JDOE, MGARCIA]) {
      await eventually(
        () => states.getRecord(agentOf(events)),
        (record) => record?.view.lastEventId === events[events.length - 1].EventId,
        20000,
      );
    }
    const missed = await eventually(() => alerts.list({ status: 'cleared' }), (page) => page.items.length === 1, 20000);
    for (const events of [JDOE, MGARCIA]) {
      const record = await states.getRecord(agentOf(events));
      // The outbox holds every change of the agent (plus the alert pair for mgarcia), none marked published.
      expect(record?.publishedVersion ?? 0).toBeLessThan(record?.version ?? 0);
      expect(record?.outbox?.filter((event) => event.type === 'AgentStateChanged').map((event) => event.detail.eventId)).toEqual(visibleChanges(events));
    }
    await app!.close();
    app = undefined;
    expect(await deliveries()).toEqual([]);

    // When: a healthy instance reads the same records (all duplicates to the stored views).
    await startApp();
    const published = await deliveries();

    // Then: each visible change once, versions 1..n per agent in order; the alert raised and cleared once.
    for (const events of [JDOE, MGARCIA]) {
      const agentId = agentOf(events);
      const changes = published.filter((d) => d['detail-type'] === 'AgentStateChanged' && d.detail.agentId === agentId);
      expect(changes.map((d) => d.detail.eventId)).toEqual(visibleChanges(events));
      expect(changes.map((d) => d.detail.version)).toEqual(visibleChanges(events).map((_, index) => index + 1));
    }
    const alertId = missed.items[0].id;
    expect(published.filter((d) => d['detail-type'] === 'AgentAlertRaised').map((d) => d.detail.alertId)).toEqual([alertId]);
    expect(published.filter((d) => d['detail-type'] === 'AgentAlertCleared').map((d) => d.detail.alertId)).toEqual([alertId]);
    expect(published).toHaveLength(visibleChanges(JDOE).length + visibleChanges(MGARCIA).length + 2);

    // A graceful stop records the publish marker, so a third instance sends nothing again.
    await app!.close();
    app = undefined;
    for (const events of [JDOE, MGARCIA]) {
      const record = await states.getRecord(agentOf(events));
      expect(record?.publishedVersion).toBe(record?.version);
      expect(record?.outbox).toBeUndefined();
    }
    await startApp();
    expect(await deliveries()).toEqual([]);
  }, 120000);
});
