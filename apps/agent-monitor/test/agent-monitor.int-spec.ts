import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AgentMonitorConfig, awsClientSettings, loadConfig } from '@buddie/config';
import { fixedClock, type AgentEventInput, type AlertRule } from '@buddie/domain';
import type { EventBridgeEnvelope } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository, CheckpointRepository, createDynamoClients } from '@buddie/persistence';
import { CLOCK, createKinesisClient } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, eventually, queueUrl, type TestEnvironment } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { foldAgentEvents } from '../../../libs/domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../libs/testing/src/fixtures';
import { AgentMonitorModule, agentEventsStreamName } from '../src/agent-monitor.module';
import { AgentMonitorService } from '../src/agent-monitor.service';

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);
const CTR_01 = readJson(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json')) as { ContactId: string; Agent: { AfterContactWorkDuration: number; CustomerHoldDuration: number } };
const CTR_02B = readJson(sharedPath('fixtures', 'synthetic', 'ctr-02b-inbound-transferred-second-leg.json')) as { ContactId: string; Agent: { AfterContactWorkDuration: number; CustomerHoldDuration: number } };
const JDOE_ID = '7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01';

const RULES: AlertRule[] = [
  { id: 'hold-30', name: 'hold over 30 s', enabled: true, condition: { kind: 'activity', activity: 'OnHold', overSeconds: 30 }, severity: 'warning' },
  { id: 'acw-60', name: 'ACW over 60 s', enabled: true, condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds: 60 }, severity: 'warning' },
  { id: 'missed-1', name: 'a missed offer', enabled: true, condition: { kind: 'missed-in-a-row', count: 1 }, severity: 'critical' },
  { id: 'stale', name: 'stale', enabled: true, condition: { kind: 'stale' }, severity: 'warning' },
];

const at = (iso: string, plusMs: number): Date => new Date(Date.parse(iso) + plusMs);

describe('agent-monitor through kinesalite + DynamoDB Local', () => {
  let env: TestEnvironment;
  let kinesis: KinesisClient;
  let streamName: string;
  let app: NestFastifyApplication | undefined;
  let states: AgentStateRepository;
  let alerts: AgentAlertRepository;
  let history: AgentHistoryRepository;
  let checkpoints: CheckpointRepository;
  let gatewayUrl: string;
  /** SQS queue subscribed to the alerts SNS topic (fauxqs serves SNS on the SQS endpoint). */
  let snsInboxUrl: string;
  let topicArn: string;
  const clock = fixedClock('2024-03-12T13:55:00Z');
  const mgarciaId = MGARCIA[0].AgentARN.split('/agent/')[1];

  const startApp = async (): Promise<AgentMonitorService> => {
    const config = loadConfig(AgentMonitorConfig, { ...env.env, ALERT_TICK_MS: '600000', KINESIS_IDLE_POLL_MS: '100', KINESIS_LEASE_MS: '10000', ALERTS_TOPIC_ARN: topicArn });
    const moduleRef = await Test.createTestingModule({ imports: [AgentMonitorModule.forRoot(config)] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    return app.get(AgentMonitorService);
  };

  const put = async (records: (AgentEventInput | string)[]): Promise<void> => {
    for (const record of records) {
      const data = typeof record === 'string' ? record : JSON.stringify(record);
      const key = typeof record === 'string' ? JDOE[0].AgentARN : record.AgentARN;
      await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: [{ PartitionKey: key, Data: Buffer.from(data) }] }));
    }
  };

  const processed = (agentId: string, event: AgentEventInput) =>
    eventually(() => states.get(agentId), (item) => item?.view.lastEventId === event.EventId, 20000);

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agent-rules-'));
    const rulesFile = path.join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify({ rules: RULES }));
    env = await createTestEnvironment({ ALERT_RULES_FILE: rulesFile, SNS_ENDPOINT: process.env.BUDDIE_TEST_SQS_ENDPOINT as string });
    const config = loadConfig(AgentMonitorConfig, env.env);
    kinesis = createKinesisClient(config);
    streamName = agentEventsStreamName(config);
    const { doc } = createDynamoClients(config);
    states = new AgentStateRepository(doc, env.physical('agent-states'));
    alerts = new AgentAlertRepository(doc, env.physical('agent-alerts'));
    history = new AgentHistoryRepository(doc, env.physical('agent-history'));
    checkpoints = new CheckpointRepository(doc, env.physical('stream-checkpoints'));
    gatewayUrl = await queueUrl(env.sqs, env.physical('gateway'));
    const sns = new SNSClient(awsClientSettings(config, 'sns'));
    topicArn = (await sns.send(new CreateTopicCommand({ Name: env.physical('agent-alerts') }))).TopicArn as string;
    snsInboxUrl = (await env.sqs.send(new CreateQueueCommand({ QueueName: env.physical('alerts-inbox') }))).QueueUrl as string;
    const inboxArn = (await env.sqs.send(new GetQueueAttributesCommand({ QueueUrl: snsInboxUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: inboxArn }));
    sns.destroy();
  }, 60000);

  afterAll(async () => {
    await app?.close();
    kinesis?.destroy();
    await env?.close();
  });

  it('given both shifts replayed with a graceful restart mid-way, then states, durations and alerts are exactly what the sequences imply, once', async () => {
    let service = await startApp();

    // Part 1: jdoe up to his hold, mgarcia up to her missed offer, and two malformed records.
    await put([...JDOE.slice(0, 10), 'not json at all', { ...JDOE[5], CurrentAgentSnapshot: undefined } as unknown as AgentEventInput, ...MGARCIA.slice(0, 11)]);
    await processed(JDOE_ID, JDOE[9]);
    await processed(mgarciaId, MGARCIA[10]);
    const metrics = app!.get(MetricsRegistry);
    await eventually(async () => metrics.value('buddie_agent_events_rejected_total', { reason: 'not-json' }), (n) => n === 1);
    expect(metrics.value('buddie_agent_events_rejected_total', { reason: 'not-json' })).toBe(1);
    expect(metrics.value('buddie_agent_events_rejected_total', { reason: 'invalid-agent-event' })).toBe(1);

    // The missed offer fired at its own event; the hold fires on the timer 31 s into the hold.
    expect((await alerts.openForAgent(mgarciaId)).map((a) => a.ruleId)).toEqual(['missed-1']);
    await service.tick(at(JDOE[9].EventTimestamp, 31_000));
    expect((await alerts.openForAgent(JDOE_ID)).map((a) => [a.ruleId, a.lastValue])).toEqual([['hold-30', 31]]);
    await service.tick(at(JDOE[9].EventTimestamp, 31_000));

    // Unhold clears it; ACW starts and crosses 60 s on the timer.
    await put(JDOE.slice(10, 13));
    await processed(JDOE_ID, JDOE[12]);
    await service.tick(at(JDOE[12].EventTimestamp, 61_000));
    expect((await alerts.openForAgent(JDOE_ID)).map((a) => [a.ruleId, a.lastValue])).toEqual([['acw-60', 61]]);

    // Restart: SIGTERM-style close finishes, checkpoints and releases; a new instance resumes after the checkpoint.
    await app!.close();
    app = undefined;
    const leases = (await checkpoints.listLeases(streamName)).leases;
    expect(leases.length).toBeGreaterThan(0);
    expect(leases.every((lease) => lease.leaseOwner === undefined)).toBe(true);
    expect(leases.some((lease) => lease.checkpoint !== undefined)).toBe(true);

    service = await startApp();
    await put([...JDOE.slice(13), ...MGARCIA.slice(11)]);
    await processed(JDOE_ID, JDOE[JDOE.length - 1]);
    await processed(mgarciaId, MGARCIA[MGARCIA.length - 1]);
    await service.tick(at(JDOE[JDOE.length - 1].EventTimestamp, 1000));
    // Resumed strictly after the checkpoint: the new instance read only what was written after the restart.
    expect(app!.get(MetricsRegistry).value('buddie_agent_events_processed_total')).toBe(JDOE.slice(13).length + MGARCIA.slice(11).length);

    // States: exactly the pure fold of each sequence (the bad records changed nothing).
    for (const [agentId, events] of [[JDOE_ID, JDOE], [mgarciaId, MGARCIA]] as const) {
      const stored = await states.get(agentId);
      expect(stored?.view).toEqual(JSON.parse(JSON.stringify(foldAgentEvents(events).view)));
      expect(stored).toMatchObject({ loggedIn: false, statusName: 'Offline', activity: 'Idle', openAlerts: 0, alerting: false });
    }

    // Durations: the contacts' hold and ACW as the CTRs count them.
    const jdoeWork = (await history.timeline(JDOE_ID, '2024-03-12')).flatMap((entry) => entry.completedContacts);
    expect(jdoeWork).toEqual([expect.objectContaining({ contactId: CTR_01.ContactId, holdSeconds: CTR_01.Agent.CustomerHoldDuration, acwSeconds: CTR_01.Agent.AfterContactWorkDuration, missed: false })]);
    const mgarciaWork = (await history.timeline(mgarciaId, '2024-03-12')).flatMap((entry) => entry.completedContacts);
    expect(mgarciaWork.at(-1)).toMatchObject({ contactId: CTR_02B.ContactId, holdSeconds: CTR_02B.Agent.CustomerHoldDuration, acwSeconds: CTR_02B.Agent.AfterContactWorkDuration });
    expect(mgarciaWork.some((work) => work.missed)).toBe(true);

    // Alerts: each raised once and cleared at the right event with the right value; none open, stale never fired.
    const cleared = (await alerts.list({ status: 'cleared', limit: 50 })).items;
    const byRule = Object.fromEntries(cleared.map((alert) => [alert.ruleId, alert]));
    expect(cleared).toHaveLength(3);
    expect(byRule['hold-30']).toMatchObject({ clearedAt: JDOE[10].EventTimestamp, lastValue: CTR_01.Agent.CustomerHoldDuration });
    expect(byRule['acw-60']).toMatchObject({ clearedAt: JDOE[13].EventTimestamp, lastValue: CTR_01.Agent.AfterContactWorkDuration });
    expect(byRule['missed-1']).toMatchObject({ raisedAt: MGARCIA[10].EventTimestamp, clearedAt: MGARCIA[13].EventTimestamp });
    expect((await alerts.list({ status: 'open' })).items).toEqual([]);

    // Published: one AgentStateChanged per visible change, each alert raised and cleared exactly once.
    const deliveries = (await drainQueue(env.sqs, gatewayUrl, { quietMs: 2000, timeoutMs: 20000 })).map((m) => JSON.parse(m.Body as string) as EventBridgeEnvelope<{ alertId?: string; agentId: string }>);
    const count = (type: string) => deliveries.filter((d) => d['detail-type'] === type);
    expect(count('AgentStateChanged')).toHaveLength(foldAgentEvents(JDOE).changes.length + foldAgentEvents(MGARCIA).changes.length);
    expect(count('AgentAlertRaised').map((d) => d.detail.alertId).sort()).toEqual(cleared.map((a) => a.id).sort());
    expect(count('AgentAlertCleared').map((d) => d.detail.alertId).sort()).toEqual(cleared.map((a) => a.id).sort());

    // SNS: one notification per raise and per clear, with the alert and filterable attributes.
    const notices = (await drainQueue(env.sqs, snsInboxUrl, { quietMs: 2000, timeoutMs: 20000 })).map(
      (m) => JSON.parse(m.Body as string) as { Subject: string; Message: string; MessageAttributes: Record<string, { Value: string }> },
    );
    const sent = notices.map((n) => ({ ...(JSON.parse(n.Message) as { type: string; alert: { id: string } }), severity: n.MessageAttributes.severity?.Value, subject: n.Subject }));
    expect(sent.filter((n) => n.type === 'AgentAlertRaised').map((n) => n.alert.id).sort()).toEqual(cleared.map((a) => a.id).sort());
    expect(sent.filter((n) => n.type === 'AgentAlertCleared').map((n) => n.alert.id).sort()).toEqual(cleared.map((a) => a.id).sort());
    expect(sent.find((n) => n.alert.id === byRule['missed-1'].id && n.type === 'AgentAlertRaised')).toMatchObject({ severity: 'critical', subject: 'Alert [critical] missed-1' });
  }, 120000);
});
