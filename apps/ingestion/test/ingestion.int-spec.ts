import { readdirSync } from 'node:fs';
import type { Message } from '@aws-sdk/client-sqs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IngestionConfig, loadConfig } from '@buddie/config';
import { readDeadLetterInfo, type EventBridgeEnvelope, type ContactCompletedDetail } from '@buddie/messaging';
import { createDynamoClients, ContactRepository } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { IngestionModule } from '../src/ingestion.module';

type Ctr = Record<string, unknown> & { ContactId: string; LastUpdateTimestamp: string; Attributes: Record<string, string> };

const fixture = (name: string): Ctr => readJson(sharedPath('fixtures', 'synthetic', name)) as Ctr;
const pipeEnvelope = (ctr: unknown) =>
  JSON.stringify({
    version: '0',
    id: `pipe-${Math.random()}`,
    'detail-type': 'Amazon Connect Contact Trace Record',
    source: 'buddie.ctr-pipe',
    account: '111122223333',
    time: '2024-03-12T15:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: ctr,
  });
const laterCopy = (ctr: Ctr, lastUpdate: string, attributes: Record<string, string> = ctr.Attributes): Ctr => ({
  ...ctr,
  LastUpdateTimestamp: lastUpdate,
  Attributes: attributes,
});
const completedEvents = (messages: Message[]) =>
  messages
    .map((m) => JSON.parse(m.Body!) as EventBridgeEnvelope<ContactCompletedDetail>)
    .filter((e) => e['detail-type'] === 'ContactCompleted');

describe('ingestion consumer on fauxqs + DynamoDB Local', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let contacts: ContactRepository;
  let ingestionUrl: string;
  let dlqUrl: string;
  let summarizerUrl: string;

  const startApp = async (overrides: Record<string, string> = {}) => {
    const config = loadConfig(IngestionConfig, { ...env.env, ...overrides });
    app = await bootstrapService('ingestion', IngestionModule.forRoot(config), config);
    return app;
  };
  const stopApp = async () => {
    await app?.close();
    app = undefined;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    contacts = new ContactRepository(createDynamoClients(env.config).doc, env.physical('contacts'));
    ingestionUrl = await queueUrl(env.sqs, env.physical('ingestion'));
    dlqUrl = await queueUrl(env.sqs, env.physical('ingestion-dlq'));
    // ContactCompleted routes to the summarizer queue (among others): it is where the published events are counted.
    summarizerUrl = await queueUrl(env.sqs, env.physical('summarizer'));
  });

  afterEach(stopApp);
  afterAll(() => env.close());

  it('given duplicate and out-of-order deliveries of one contact, then one correct Contact and one ContactCompleted', async () => {
    const original = fixture('ctr-01-inbound-answered-recorded.json');
    const newest = laterCopy(original, '2024-03-12T14:30:00Z', { ...original.Attributes, disposition: 'refund-issued' });
    await startApp();
    // The newest copy first, then the older one twice and the newest again.
    await sendBodies(env.sqs, ingestionUrl, [pipeEnvelope(newest), pipeEnvelope(original), pipeEnvelope(original), pipeEnvelope(newest)]);

    const stored = await eventually(() => contacts.get(original.ContactId), (c) => c?.lastUpdateTimestamp === newest.LastUpdateTimestamp);
    await eventually(async () => (await drainQueue(env.sqs, ingestionUrl, { timeoutMs: 1200, quietMs: 200 })).length, (n) => n === 0);
    const events = completedEvents(await drainQueue(env.sqs, summarizerUrl, { expect: 1 }));

    expect(stored?.lastUpdateTimestamp).toBe('2024-03-12T14:30:00Z');
    expect((stored?.ctr as Ctr).Attributes.disposition).toBe('refund-issued');
    expect(stored?.pipeline.ingested).toBeDefined();
    expect(events).toHaveLength(1);
    expect(events[0].source).toBe('buddie.ingestion');
    expect(events[0].detail).toMatchObject({ contactId: original.ContactId, lastUpdateTimestamp: '2024-03-12T14:30:00Z', update: false });
    expect(events[0].detail.recordings[0].location).toContain('.wav');
  });

  it('given an older copy first and a materially newer one later, then two events, the second marked as an update', async () => {
    const original = fixture('ctr-03-inbound-abandoned-in-queue.json');
    const updated = laterCopy(original, '2024-03-12T18:00:00Z', { ...original.Attributes, followUp: 'callback-requested' });
    const immaterial = laterCopy(updated, '2024-03-12T18:05:00Z');
    await startApp();
    await sendBodies(env.sqs, ingestionUrl, [pipeEnvelope(original)]);
    await eventually(() => contacts.get(original.ContactId), (c) => c?.publishedFingerprint !== undefined);
    await sendBodies(env.sqs, ingestionUrl, [pipeEnvelope(updated)]);
    await eventually(() => contacts.get(original.ContactId), (c) => c?.lastUpdateTimestamp === updated.LastUpdateTimestamp && c.publishedFingerprint === c.fingerprint);
    await sendBodies(env.sqs, ingestionUrl, [pipeEnvelope(immaterial)]);
    const last = await eventually(() => contacts.get(original.ContactId), (c) => c?.lastUpdateTimestamp === immaterial.LastUpdateTimestamp);

    const events = completedEvents(await drainQueue(env.sqs, summarizerUrl, { expect: 2 }));
    expect(events.map((e) => [e.detail.lastUpdateTimestamp, e.detail.update])).toEqual([
      [original.LastUpdateTimestamp, false],
      [updated.LastUpdateTimestamp, true],
    ]);
    expect(events[0].detail.abandoned).toBe(true);
    expect(last?.lastUpdateTimestamp).toBe('2024-03-12T18:05:00Z');
  });

  it('given a malformed message between good ones, then it lands in the DLQ with its reason and the next is processed', async () => {
    const good = fixture('ctr-05-outbound-agent-dialed.json');
    const broken = { ...fixture('ctr-07-chat.json'), Channel: 'CARRIER_PIGEON', LastUpdateTimestamp: 'yesterday' };
    await startApp();
    await sendBodies(env.sqs, ingestionUrl, ['{not json', pipeEnvelope(broken), pipeEnvelope(good)]);

    const stored = await eventually(() => contacts.get(good.ContactId), (c) => c !== undefined);
    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 2 });
    const reasons = dead.map((m) => readDeadLetterInfo(m));

    expect(stored?.contactId).toBe(good.ContactId);
    expect(await contacts.get(broken.ContactId)).toBeUndefined();
    expect(reasons).toHaveLength(2);
    expect(reasons.map((r) => r.code).sort()).toEqual(['CONNECT_VALIDATION', 'INVALID_INPUT']);
    const validation = reasons.find((r) => r.code === 'CONNECT_VALIDATION')!;
    expect(validation.reason).toContain('Channel');
    expect(validation.reason).toContain('LastUpdateTimestamp');
    expect(validation.sourceQueue).toBe('ingestion');
  });

  it('given a CTR stamped in 2099, one over 400 KB and one nested 40 deep, then each is dead-lettered with the rule it broke', async () => {
    const base = fixture('ctr-06-queued-callback.json');
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { n: nest(levels - 1) });
    const future = { ...base, ContactId: 'future-1', LastUpdateTimestamp: '2099-01-01T00:00:00Z' };
    const large = { ...base, ContactId: 'large-1', Padding: 'x'.repeat(420 * 1024) };
    const deep = { ...base, ContactId: 'deep-1', Nested: nest(40) };
    await startApp();
    await sendBodies(env.sqs, ingestionUrl, [pipeEnvelope(future), pipeEnvelope(large), pipeEnvelope(deep)]);

    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 3 });
    const reasons = dead.map((m) => readDeadLetterInfo(m));
    expect(reasons.map((r) => r.code).sort()).toEqual(['ITEM_TOO_DEEP', 'ITEM_TOO_LARGE', 'TIMESTAMP_IN_FUTURE']);
    expect(reasons.find((r) => r.code === 'ITEM_TOO_LARGE')?.reason).toContain('400 KB');
    expect(reasons.find((r) => r.code === 'ITEM_TOO_DEEP')?.reason).toContain('32 levels');
    expect(reasons.find((r) => r.code === 'TIMESTAMP_IN_FUTURE')?.reason).toContain('ahead of the server clock');
    for (const id of ['future-1', 'large-1', 'deep-1']) expect(await contacts.get(id)).toBeUndefined();
  });

  it('given a restart mid-batch and a crash between store and publish, then nothing is lost and each contact is announced once', async () => {
    const dir = sharedPath('fixtures', 'synthetic');
    const ctrs = readdirSync(dir)
      .filter((f) => f.startsWith('ctr-'))
      .map((f) => readJson(`${dir}/${f}`) as Ctr);
    // 8 fixtures × 5 distinct contacts each = 40 contacts, re-keyed so this test owns them.
    const batch = ctrs.flatMap((ctr) =>
      Array.from({ length: 5 }, (_, i) => ({ ...ctr, ContactId: `${ctr.ContactId.slice(0, -2)}r${i}`, InitialContactId: null, PreviousContactId: null, NextContactId: null })),
    );
    // First instance: EventBridge unreachable, so every publish fails after the contact was stored.
    await startApp({ EVENTBRIDGE_ENDPOINT: 'http://127.0.0.1:9' });
    await sendBodies(env.sqs, ingestionUrl, batch.slice(0, 20).map(pipeEnvelope));
    await eventually(async () => (await Promise.all(batch.slice(0, 5).map((c) => contacts.get(c.ContactId)))).every(Boolean), (ok) => ok, 20000);
    await stopApp();
    // Second instance, healthy; the rest of the batch arrives while it runs, then it is restarted once more.
    await startApp();
    await sendBodies(env.sqs, ingestionUrl, batch.slice(20).map(pipeEnvelope));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await stopApp();
    await startApp();

    const stored = await eventually(
      async () => Promise.all(batch.map((c) => contacts.get(c.ContactId))),
      (all) => all.every((c) => c !== undefined && c.publishedFingerprint === c.fingerprint),
      45000,
    );
    const ids = new Set(batch.map((c) => c.ContactId));
    const events = completedEvents(await drainQueue(env.sqs, summarizerUrl, { expect: batch.length, timeoutMs: 20000 })).filter((e) =>
      ids.has(e.detail.contactId),
    );
    const perContact = new Map<string, number>();
    for (const e of events) perContact.set(e.detail.contactId, (perContact.get(e.detail.contactId) ?? 0) + 1);

    expect(stored.filter((c) => c?.publishedFingerprint === c?.fingerprint)).toHaveLength(batch.length);
    expect(perContact.size).toBe(batch.length);
    expect([...perContact.values()].every((n) => n === 1)).toBe(true);
  }, 120000);
});
