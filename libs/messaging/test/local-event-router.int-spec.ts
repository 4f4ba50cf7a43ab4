import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createTestEnvironment, drainQueue, queueUrl, type TestEnvironment } from '@buddie/testing';
import type { EventBridgeEnvelope } from '../src';

describe('local event router (PutEvents protocol → SQS by the routing table)', () => {
  let env: TestEnvironment;
  let events: EventBridgeClient;

  beforeAll(async () => {
    env = await createTestEnvironment();
    events = new EventBridgeClient({ region: 'us-east-1', endpoint: env.routerEndpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  });
  afterAll(async () => {
    events.destroy();
    await env.close();
  });

  it('delivers a Buddie event, wrapped in the EventBridge envelope, to every queue its route names', async () => {
    const result = await events.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: 'buddie', Source: 'buddie.summarizer', DetailType: 'SummaryCreated', Detail: JSON.stringify({ contactId: 'c-1' }) }],
      }),
    );
    expect(result.FailedEntryCount).toBe(0);
    for (const queue of ['salesforce-sync', 'escalation', 'gateway']) {
      const [message] = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical(queue)), { expect: 1 });
      const envelope = JSON.parse(message.Body!) as EventBridgeEnvelope<{ contactId: string }>;
      expect(envelope).toMatchObject({ version: '0', source: 'buddie.summarizer', 'detail-type': 'SummaryCreated', detail: { contactId: 'c-1' } });
      expect(envelope.id).toBe(result.Entries![0].EventId);
    }
    expect(await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('ivr-journey')), { quietMs: 500 })).toHaveLength(0);
  });

  it('routes Connect contact events from the default bus only', async () => {
    await events.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'aws.connect', DetailType: 'Amazon Connect Contact Event', Detail: JSON.stringify({ eventType: 'QUEUED' }) },
          { EventBusName: 'buddie', Source: 'aws.connect', DetailType: 'Amazon Connect Contact Event', Detail: '{"eventType":"INITIATED"}' },
        ],
      }),
    );
    const messages = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('ingestion')), { expect: 1 });
    expect(messages.map((m) => JSON.parse(m.Body!).detail.eventType)).toEqual(['QUEUED']);
  });

  it('stamps the envelope with the entry Time the SDK sends (epoch seconds), not 1970', async () => {
    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'aws.connect', DetailType: 'Amazon Connect Contact Event', Detail: '{"eventType":"DISCONNECTED"}', Time: new Date('2024-03-12T14:00:05.000Z') }],
      }),
    );
    const [message] = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('ingestion')), { expect: 1 });
    expect(JSON.parse(message.Body!)).toMatchObject({ time: '2024-03-12T14:00:05Z', detail: { eventType: 'DISCONNECTED' } });
  });

  it('rejects a malformed entry with a per-entry error and still delivers the good one next to it', async () => {
    const result = await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'buddie', Source: 'buddie.ingestion', DetailType: 'ContactCompleted', Detail: '{oops' },
          { EventBusName: 'buddie', Source: 'buddie.ingestion', DetailType: 'ContactCompleted', Detail: '{"contactId":"ok"}' },
        ],
      }),
    );
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries![0]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    const delivered = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('ivr-journey')), { expect: 1 });
    expect(delivered.map((m) => JSON.parse(m.Body!).detail.contactId)).toEqual(['ok']);
  });
});
