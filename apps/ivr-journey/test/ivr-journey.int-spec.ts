import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { flowLogSubscriptionDocument, parseCtr, type ContactTraceRecord, type FlowLogEntry } from '@buddie/connect';
import { awsClientSettings, IvrJourneyConfig, loadConfig } from '@buddie/config';
import { EventPublisher, readDeadLetterInfo, type EventBridgeEnvelope } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, JourneyInputRepository, JourneyRepository } from '@buddie/persistence';
import { bootstrapService, createKinesisClient } from '@buddie/runtime';
import { buildTopology, DEFAULT_RATES, Prng, resolveConfig } from '@buddie/simulator';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { sharedPath } from '../../../libs/connect/src/testing';
import { runMainIvr } from '../../../libs/simulator/src/ivr-flow';
import { toContactCompleted, toContactWrite } from '../../ingestion/src/contact.mapper';
import { flowLogsStreamName, IvrJourneyModule } from '../src/ivr-journey.module';

const ctr = (name: string) => {
  const parsed = parseCtr(JSON.parse(readFileSync(sharedPath('fixtures', 'synthetic', name), 'utf8')));
  if (!parsed.ok) throw new Error(`${name} does not parse: ${JSON.stringify(parsed.issues)}`);
  return parsed.value;
};
const CTR04 = ctr('ctr-04-ivr-only-caller-hung-up-in-menu.json');
const CTR08 = ctr('ctr-08-ivr-error-flow-disconnect.json');
const LOG04 = readFileSync(sharedPath('fixtures', 'synthetic', 'contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as FlowLogEntry);
/**
 * ctr-08's flow log as the simulator's Main IVR writes its flow-error path for that contact at that time
 * (libs/simulator runMainIvr with the CRM lookup Lambda failing): the first seed whose run takes the
 * error branch with the apology and the Disconnect block, as ctr-08's CONTACT_FLOW_DISCONNECT tells.
 */
const LOG08: FlowLogEntry[] = (() => {
  const topology = buildTopology(resolveConfig({ agents: 1 }));
  const menu = [...topology.queues.values()].filter((q) => q.menuDigit).map((queue) => ({ digit: queue.menuDigit as string, queue, weight: 1 }));
  for (let seed = 1; seed < 200; seed++) {
    const run = runMainIvr({ contactId: CTR08.ContactId, startMs: Date.parse(CTR08.InitiationTimestamp), rng: new Prng(seed), rates: { ...DEFAULT_RATES, lambdaError: 1 }, menu, generalQueue: topology.generalQueue, recordings: false, queueBusy: () => false });
    if (run.outcome.kind === 'flowError' && run.entries.some((e) => e.Results === 'The Lambda Function Returned An Error.')) return run.entries as FlowLogEntry[];
  }
  throw new Error('no seed under 200 takes the simulator through the Lambda error and Disconnect');
})();

describe('ivr-journey through kinesalite, fauxqs and DynamoDB Local', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let kinesis: KinesisClient;
  let streamName: string;
  let journeys: JourneyRepository;
  let contacts: ContactRepository;
  let publisher: EventPublisher;
  let inputs: JourneyInputRepository;
  let escalationQueue: string;
  let inputQueue: string;
  let dlq: string;

  const putRecords = async (records: Uint8Array[]) => {
    await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: records.map((Data, i) => ({ Data, PartitionKey: `p${i}` })) }));
  };
  const subscription = (entries: FlowLogEntry[]) => gzipSync(JSON.stringify(flowLogSubscriptionDocument(entries)));

  /** What ingestion stores and announces for a CTR: its own mappers (toContactWrite, toContactCompleted), published to the bus. */
  const ingest = async (record: ContactTraceRecord) => {
    const { contact } = await contacts.upsertCtr(toContactWrite(record), new Date().toISOString());
    await publisher.publish([{ type: 'ContactCompleted', detail: toContactCompleted(contact, false, `corr-${record.ContactId}`) }]);
  };
  type JourneyEvent = EventBridgeEnvelope<{ contactId: string; correlationId: string; version: number; failures?: { kind: string; stepIndex: number }[] }>;
  /** JourneyRecorded / JourneyFailed as routed to the escalation queue, of one contact. */
  const journeyEvents = async (contactId: string, expect?: number): Promise<JourneyEvent[]> => {
    const all = (await drainQueue(env.sqs, escalationQueue, expect === undefined ? { timeoutMs: 20_000, quietMs: 2000 } : { expect, timeoutMs: 20_000 })).map((m) => JSON.parse(m.Body as string) as JourneyEvent);
    return all.filter((e) => e.detail.contactId === contactId);
  };

  beforeAll(async () => {
    env = await createTestEnvironment({ JOURNEY_GRACE_MS: '2500', JOURNEY_SETTLE_MS: '300', JOURNEY_SWEEP_MS: '200', KINESIS_IDLE_POLL_MS: '100', KINESIS_LEASE_MS: '10000' });
    const config = loadConfig(IvrJourneyConfig, env.env);
    kinesis = createKinesisClient(config);
    streamName = flowLogsStreamName(config);
    const { doc } = createDynamoClients(config);
    journeys = new JourneyRepository(doc, env.physical('journeys'));
    contacts = new ContactRepository(doc, env.physical('contacts'));
    publisher = new EventPublisher(new EventBridgeClient(awsClientSettings(config, 'eventbridge')), { busName: config.EVENT_BUS_NAME });
    escalationQueue = await queueUrl(env.sqs, env.physical('escalation'));
    dlq = await queueUrl(env.sqs, env.physical('ivr-journey-dlq'));
    inputs = new JourneyInputRepository(doc, env.physical('journey-inputs'));
    inputQueue = await queueUrl(env.sqs, env.physical('ivr-journey'));
    // As main.ts boots it: the @EventPattern handlers are served from the ivr-journey queue.
    app = await bootstrapService('ivr-journey', IvrJourneyModule.forRoot(config), config);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    kinesis?.destroy();
    await env?.close();
  });

  it('given ctr-04 and its flow log delivered twice, shuffled, among a CONTROL_MESSAGE and malformed records, then one journey abandoned after the time-out + no-match loop, announced once under the ContactCompleted correlation id, and the bad lines in the DLQ with reasons', async () => {
    const half = Math.ceil(LOG04.length / 2);
    const mixed = flowLogSubscriptionDocument(LOG04.slice(0, 2)) as { logEvents: { id: string; timestamp: number; message: string }[] };
    mixed.logEvents.push({ ...mixed.logEvents[0], id: 'bad-json', message: '{"ContactId":' });
    mixed.logEvents.push({ ...mixed.logEvents[0], id: 'not-an-entry', message: JSON.stringify({ level: 'INFO', message: 'Lambda cold start', requestId: 'r-1' }) });
    const control = { messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' }] };
    const base64 = Buffer.from(subscription(LOG04)).toString('base64');
    await putRecords([
      gzipSync(JSON.stringify(control)),
      subscription(LOG04.slice(half).reverse()),
      Buffer.from(JSON.stringify(LOG04[0])),
      Buffer.from(`${base64.slice(0, 30)}!${base64.slice(31)}`),
      gzipSync(JSON.stringify(mixed)),
      subscription(LOG04.slice(0, half)),
      subscription(LOG04),
    ]);
    await ingest(CTR04);

    const journey = await eventually(() => journeys.get(CTR04.ContactId), (j) => j?.hasContact === true, 30_000);
    expect(journey).toMatchObject({ outcome: 'abandoned-in-ivr', flowOutcome: 'DROPPED', entryCount: 16, version: 1, failed: true, entryFlowName: 'Main IVR', correlationId: `corr-${CTR04.ContactId}` });
    // The journey its log implies: every block once, in the order it ran, ending in the unanswered menu.
    const ran = [...LOG04].sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
    expect(journey?.steps.map((step) => [step.moduleType, step.identifier])).toEqual(ran.map((e) => [e.ContactFlowModuleType, e.Identifier]));
    expect(journey?.inputs.map((i) => [i.value, i.status])).toEqual([
      ['Timeout', 'timeout'],
      ['7', 'no-match'],
    ]);
    expect(journey?.failures.map((f) => f.kind)).toEqual(['input-retries', 'menu-loop']);
    expect(journey?.failures[0].reason).toContain('1 time-out (nothing pressed) and 1 invalid key (7)');
    expect(journey?.callerKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(journey)).not.toContain('+14155550119');

    const dead = await drainQueue(env.sqs, dlq, { expect: 4 });
    const reasons = dead.map((m) => [readDeadLetterInfo(m).code, JSON.parse(m.Body as string).logEventId]).sort();
    expect(reasons).toEqual([
      ['FLOW_LOG_INVALID_FLOW_LOG_ENTRY', 'not-an-entry'],
      ['FLOW_LOG_INVALID_MESSAGE_JSON', 'bad-json'],
      ['FLOW_LOG_NOT_BASE64', null],
      ['FLOW_LOG_NOT_GZIP', null],
    ]);
    expect(readDeadLetterInfo(dead.find((m) => readDeadLetterInfo(m).code === 'FLOW_LOG_NOT_GZIP')!).reason).toContain('gzip');
    expect(readDeadLetterInfo(dead.find((m) => readDeadLetterInfo(m).code === 'FLOW_LOG_INVALID_FLOW_LOG_ENTRY')!).reason).toContain('ContactId');
    const metrics = app.get(MetricsRegistry);
    expect(metrics.value('buddie_flow_log_control_messages_total', {})).toBe(1);

    const events = await journeyEvents(CTR04.ContactId, 2);
    expect(events.map((e) => e['detail-type']).sort()).toEqual(['JourneyFailed', 'JourneyRecorded']);
    expect(events.map((e) => e.detail.correlationId)).toEqual([`corr-${CTR04.ContactId}`, `corr-${CTR04.ContactId}`]);
    expect(events.find((e) => e['detail-type'] === 'JourneyFailed')?.detail.failures?.[0]).toMatchObject({ kind: 'input-retries', stepIndex: 11 });
  });

  it('given the same flow log replayed after the CTR, then the journey is unchanged and nothing is announced again', async () => {
    await putRecords([subscription([...LOG04].reverse())]);
    await ingest(CTR04);
    await drainQueue(env.sqs, escalationQueue, { quietMs: 4000, timeoutMs: 8000 }).then((messages) => expect(messages).toEqual([]));
    expect((await journeys.get(CTR04.ContactId))?.version).toBe(1);
  });

  it('given a copy of ctr-04 whose log comes half before the CTR and the rest (twice, reversed) after its first assembly, then it is re-assembled into the same journey as ctr-04', async () => {
    const contactId = 'f1a2b3c4-0000-4000-8000-0000000004b2';
    const ctrCopy = { ...CTR04, ContactId: contactId };
    const logCopy = LOG04.map((e) => ({ ...e, ContactId: contactId }));
    const half = Math.ceil(logCopy.length / 2);
    await putRecords([subscription(logCopy.slice(0, half).reverse())]);
    await eventually(() => inputs.state(contactId), (s) => s?.entryCount === half, 20_000);
    await ingest(ctrCopy);
    // Assembled from the CTR and the half that is in (had the grace period run out first, from the half alone before).
    const first = await eventually(() => journeys.get(contactId), (j) => j?.hasContact === true, 30_000);
    expect(first?.entryCount).toBe(half);

    await putRecords([subscription(logCopy.slice(half).reverse()), subscription(logCopy)]);
    const again = await eventually(() => journeys.get(contactId), (j) => j!.version > first!.version, 30_000);
    const original = await journeys.get(CTR04.ContactId);
    const comparable = (j: typeof again) => ({ outcome: j?.outcome, flowOutcome: j?.flowOutcome, ivrMs: j?.ivrMs, entryCount: j?.entryCount, steps: j?.steps, inputs: j?.inputs, prompts: j?.prompts, failures: j?.failures, endedAtStep: j?.endedAtStep });
    expect(comparable(again)).toEqual(comparable(original));
    expect(again?.correlationId).toBe(`corr-${contactId}`);
    // How many versions the way there took depends on timing; the last one is announced under the CTR's id.
    const events = await journeyEvents(contactId);
    const last = events.filter((e) => e.detail.version === again!.version);
    expect(last.map((e) => [e['detail-type'], e.detail.correlationId]).sort()).toEqual([
      ['JourneyFailed', `corr-${contactId}`],
      ['JourneyRecorded', `corr-${contactId}`],
    ]);
  });

  it('given ctr-08 whose flow log does not come, then after the grace period it fails at the lookup step; when the log arrives late, it is re-assembled from it; both under the ContactCompleted correlation id', async () => {
    await ingest(CTR08);
    const fromAttributes = await eventually(() => journeys.get(CTR08.ContactId), (j) => j !== undefined, 30_000);
    expect(fromAttributes).toMatchObject({ outcome: 'failed', entryCount: 0, version: 1 });
    expect(fromAttributes?.failures.find((f) => f.kind === 'flow-error-disconnect')).toMatchObject({ stepLabel: 'lookup', severity: 'high' });

    await putRecords([subscription(LOG08)]);
    const fromLog = await eventually(() => journeys.get(CTR08.ContactId), (j) => j?.version === 2, 30_000);
    expect(fromLog).toMatchObject({ outcome: 'failed', entryCount: LOG08.length, flowOutcome: 'DISCONNECTED_PARTICIPANT', correlationId: `corr-${CTR08.ContactId}` });
    expect(fromLog?.failures.map((f) => [f.kind, f.stepLabel])).toEqual([
      ['lambda-error', 'Lambda crm-customer-lookup'],
      ['flow-error-disconnect', 'Lambda crm-customer-lookup'],
    ]);
    expect((await contacts.get(CTR08.ContactId))?.pipeline.journey).toBeDefined();
    const events = await journeyEvents(CTR08.ContactId, 4);
    expect(events.map((e) => [e['detail-type'], e.detail.version, e.detail.correlationId]).sort()).toEqual([
      ['JourneyFailed', 1, `corr-${CTR08.ContactId}`],
      ['JourneyFailed', 2, `corr-${CTR08.ContactId}`],
      ['JourneyRecorded', 1, `corr-${CTR08.ContactId}`],
      ['JourneyRecorded', 2, `corr-${CTR08.ContactId}`],
    ]);
  });

  it('given a flow log whose CTR never comes, in which the caller keys in a card number, then the digits are never stored and the journey is announced under journey-<contactId>', async () => {
    const contactId = 'f1a2b3c4-0000-4000-8000-00000000c4d5';
    const log: FlowLogEntry[] = [
      { ...LOG04[0], ContactId: contactId },
      { ContactId: contactId, ContactFlowName: 'Main IVR', ContactFlowId: 'arn:flow/main', ContactFlowModuleType: 'StoreUserInput', Identifier: 'card', Timestamp: '2024-03-12T16:40:05.000Z', Parameters: { Text: 'Please enter your card number, then press pound.' }, Results: '4111111111111111' },
      { ContactId: contactId, ContactFlowName: 'Main IVR', ContactFlowId: 'arn:flow/main', ContactFlowModuleType: 'InvokeExternalResource', Identifier: 'verify', Timestamp: '2024-03-12T16:40:09.000Z', Parameters: { FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:card-check', Parameters: { card: '4111111111111111' } }, ExternalResults: { account: '9876543210', status: 'ok' } },
    ];
    await putRecords([subscription(log)]);
    const journey = await eventually(() => journeys.get(contactId), (j) => j !== undefined, 30_000);
    expect(journey).toMatchObject({ hasContact: false, entryCount: 3, correlationId: `journey-${contactId}` });
    expect(journey?.inputs).toEqual([{ stepIndex: 1, value: '************1111', masked: true, status: 'ok' }]);
    const stored = await inputs.entries(contactId);
    expect(stored).toHaveLength(3);
    for (const text of [JSON.stringify(stored), JSON.stringify(journey)]) {
      expect(text).not.toContain('4111111111111111');
      expect(text).not.toContain('9876543210');
    }
    const events = await journeyEvents(contactId, 1);
    expect(events.map((e) => [e['detail-type'], e.detail.correlationId])).toEqual([['JourneyRecorded', `journey-${contactId}`]]);
  });

  it('given a ContactCompleted whose detail breaks the catalog, then it goes to the DLQ with its field path and nothing waits for it', async () => {
    const contactId = 'f1a2b3c4-0000-4000-8000-00000000dead';
    const { contact } = await contacts.upsertCtr(toContactWrite({ ...CTR04, ContactId: contactId }), new Date().toISOString());
    const malformed = JSON.parse(deliveredBody({ type: 'ContactCompleted', detail: toContactCompleted(contact, false, `corr-${contactId}`) })) as { detail: Record<string, unknown> };
    malformed.detail.initiationTimestamp = 'yesterday';
    const body = JSON.stringify(malformed);
    await sendBodies(env.sqs, inputQueue, [body]);
    const dead = await drainQueue(env.sqs, dlq, { expect: 1, timeoutMs: 20_000 });
    expect(dead.map((m) => m.Body)).toEqual([body]);
    expect(readDeadLetterInfo(dead[0]).reason).toMatch(/^ContactCompleted detail is invalid: detail\.initiationTimestamp: must be an ISO-8601 timestamp/);
    expect(await inputs.state(contactId)).toBeUndefined();
  });
});
