import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { conversationIdOf, ctrMaterialFingerprint, flowLogSubscriptionDocument, isAbandoned, type ContactTraceRecord, type FlowLogEntry } from '@buddie/connect';
import { awsClientSettings, IvrJourneyConfig, loadConfig } from '@buddie/config';
import { EventPublisher, readDeadLetterInfo } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, JourneyRepository } from '@buddie/persistence';
import { createKinesisClient } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, eventually, queueUrl, type TestEnvironment } from '@buddie/testing';
import { sharedPath } from '../../../libs/connect/src/testing';
import { flowLogsStreamName, IvrJourneyModule } from '../src/ivr-journey.module';

const ctr = (name: string) => JSON.parse(readFileSync(sharedPath('fixtures', 'synthetic', name), 'utf8')) as ContactTraceRecord;
const CTR04 = ctr('ctr-04-ivr-only-caller-hung-up-in-menu.json');
const CTR08 = ctr('ctr-08-ivr-error-flow-disconnect.json');
const LOG04 = readFileSync(sharedPath('fixtures', 'synthetic', 'contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as FlowLogEntry);
/** What the simulator's flow-error path logs for a contact like ctr-08 (the lookup Lambda fails, apology, Disconnect). */
const LOG08: FlowLogEntry[] = [
  { ContactId: CTR08.ContactId, ContactFlowName: 'Main IVR', ContactFlowId: 'arn:flow/main', ContactFlowModuleType: 'InvokeExternalResource', Identifier: 'lookup', Timestamp: '2024-03-12T17:05:43.100Z', Parameters: { FunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:crm-customer-lookup' }, Results: 'The Lambda Function Returned An Error.' },
  { ContactId: CTR08.ContactId, ContactFlowName: 'Main IVR', ContactFlowId: 'arn:flow/main', ContactFlowModuleType: 'PlayPrompt', Identifier: 'apology', Timestamp: '2024-03-12T17:05:44.000Z', Parameters: { Text: "We're sorry, we are having technical difficulties." } },
  { ContactId: CTR08.ContactId, ContactFlowName: 'Main IVR', ContactFlowId: 'arn:flow/main', ContactFlowModuleType: 'Disconnect', Identifier: 'disconnect', Timestamp: '2024-03-12T17:05:57.500Z', Parameters: {} },
];

describe('ivr-journey through kinesalite, fauxqs and DynamoDB Local', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let kinesis: KinesisClient;
  let streamName: string;
  let journeys: JourneyRepository;
  let contacts: ContactRepository;
  let publisher: EventPublisher;
  let escalationQueue: string;
  let dlq: string;

  const putRecords = async (records: Uint8Array[]) => {
    await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: records.map((Data, i) => ({ Data, PartitionKey: `p${i}` })) }));
  };
  const subscription = (entries: FlowLogEntry[]) => gzipSync(JSON.stringify(flowLogSubscriptionDocument(entries)));

  /** What ingestion stores and announces for a CTR. */
  const ingest = async (record: ContactTraceRecord) => {
    const write = {
      contactId: record.ContactId,
      conversationId: conversationIdOf(record),
      channel: record.Channel,
      initiationMethod: record.InitiationMethod,
      initiationTimestamp: record.InitiationTimestamp,
      disconnectTimestamp: record.DisconnectTimestamp ?? null,
      lastUpdateTimestamp: record.LastUpdateTimestamp,
      agentUsername: null,
      queueName: null,
      abandoned: isAbandoned(record),
      fingerprint: ctrMaterialFingerprint(record),
      ctr: record as unknown as Record<string, unknown>,
    };
    await contacts.upsertCtr(write, new Date().toISOString());
    const { fingerprint: _f, ctr: _c, ...fields } = write;
    await publisher.publish([{ type: 'ContactCompleted', detail: { ...fields, recordings: [], update: false, correlationId: `corr-${record.ContactId}` } }]);
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
    const moduleRef = await Test.createTestingModule({ imports: [IvrJourneyModule.forRoot(config)] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    kinesis?.destroy();
    await env?.close();
  });

  it('given ctr-04 and its flow log delivered twice, shuffled, among a CONTROL_MESSAGE and malformed records, then one journey abandoned after the time-out + no-match loop, announced once, and the bad lines in the DLQ with reasons', async () => {
    const half = Math.ceil(LOG04.length / 2);
    const badLine = flowLogSubscriptionDocument(LOG04.slice(0, 1)) as { logEvents: { id: string; message: string }[] };
    badLine.logEvents.push({ ...badLine.logEvents[0], id: 'bad-1', message: '{"ContactId":' });
    const control = { messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' }] };
    await putRecords([
      gzipSync(JSON.stringify(control)),
      subscription(LOG04.slice(half).reverse()),
      Buffer.from(JSON.stringify(LOG04[0])),
      gzipSync(JSON.stringify(badLine)),
      subscription(LOG04.slice(0, half)),
      subscription(LOG04),
    ]);
    await ingest(CTR04);

    const journey = await eventually(() => journeys.get(CTR04.ContactId), (j) => j?.hasContact === true, 30_000);
    expect(journey).toMatchObject({ outcome: 'abandoned-in-ivr', flowOutcome: 'DROPPED', entryCount: 16, version: 1, failed: true, entryFlowName: 'Main IVR' });
    expect(journey?.failures.map((f) => f.kind)).toEqual(['input-retries', 'menu-loop']);
    expect(journey?.failures[0].reason).toContain('1 time-out (nothing pressed) and 1 invalid key (7)');
    expect(journey?.callerKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(journey)).not.toContain('+14155550119');

    const dead = await drainQueue(env.sqs, dlq, { expect: 2 });
    const reasons = dead.map((m) => [readDeadLetterInfo(m).code, JSON.parse(m.Body as string).logEventId]).sort();
    expect(reasons).toEqual([
      ['FLOW_LOG_INVALID_MESSAGE_JSON', 'bad-1'],
      ['FLOW_LOG_NOT_GZIP', null],
    ]);
    expect(readDeadLetterInfo(dead.find((m) => readDeadLetterInfo(m).code === 'FLOW_LOG_NOT_GZIP')!).reason).toContain('gzip');
    const metrics = app.get(MetricsRegistry);
    expect(metrics.value('buddie_flow_log_control_messages_total', {})).toBe(1);

    const events = await drainQueue(env.sqs, escalationQueue, { expect: 2 });
    const details = events.map((m) => JSON.parse(m.Body as string) as { 'detail-type': string; detail: { contactId: string; failures?: { kind: string; stepIndex: number }[] } });
    expect(details.map((d) => d['detail-type']).sort()).toEqual(['JourneyFailed', 'JourneyRecorded']);
    expect(details.find((d) => d['detail-type'] === 'JourneyFailed')?.detail.failures?.[0]).toMatchObject({ kind: 'input-retries', stepIndex: 11 });
  });

  it('given the same flow log replayed, then the journey is unchanged and nothing is announced again', async () => {
    await putRecords([subscription(LOG04)]);
    await ingest(CTR04);
    await drainQueue(env.sqs, escalationQueue, { quietMs: 4000, timeoutMs: 8000 }).then((messages) => expect(messages).toEqual([]));
    expect((await journeys.get(CTR04.ContactId))?.version).toBe(1);
  });

  it('given ctr-08 whose flow log does not come, then after the grace period it fails at the lookup step; when the log arrives late, it is re-assembled from it', async () => {
    await ingest(CTR08);
    const fromAttributes = await eventually(() => journeys.get(CTR08.ContactId), (j) => j !== undefined, 30_000);
    expect(fromAttributes).toMatchObject({ outcome: 'failed', entryCount: 0, version: 1 });
    expect(fromAttributes?.failures.find((f) => f.kind === 'flow-error-disconnect')).toMatchObject({ stepLabel: 'lookup', severity: 'high' });

    await putRecords([subscription(LOG08)]);
    const fromLog = await eventually(() => journeys.get(CTR08.ContactId), (j) => j?.version === 2, 30_000);
    expect(fromLog).toMatchObject({ outcome: 'failed', entryCount: 3, flowOutcome: 'DISCONNECTED_PARTICIPANT' });
    expect(fromLog?.failures.map((f) => [f.kind, f.stepLabel])).toEqual([
      ['lambda-error', 'Lambda crm-customer-lookup'],
      ['flow-error-disconnect', 'Lambda crm-customer-lookup'],
    ]);
    expect((await contacts.get(CTR08.ContactId))?.pipeline.journey).toBeDefined();
  });
});
