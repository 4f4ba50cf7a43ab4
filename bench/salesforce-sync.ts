/**
 * salesforce-sync benchmark: 10,000 summaries through the sync (SummaryCreated handled as the consumer
 * does, records pending in DynamoDB Local, batching window, sObject Collections against the Salesforce
 * test server): records/s, API calls used and records per call, p50/p95 time from SummaryCreated to
 * synced. Baseline measured in the same run: the naive sync, one single-record upsert per summary.
 * Two phases: a burst (all BENCH_SUMMARIES offered at once: throughput and calls per record; its latency
 * is the backlog's) and a paced phase (BENCH_PACED summaries offered at BENCH_RATE per second, a rate the
 * sync sustains: its latency is what a record waits in normal operation). Memory is sampled throughout.
 * `npm run bench:salesforce-sync` (BENCH_SUMMARIES, BENCH_PACED, BENCH_RATE, BENCH_NAIVE=0 to skip the baseline).
 */
import { loadavg } from 'node:os';
import { loadConfig, physicalName, SalesforceSyncConfig } from '@buddie/config';
import { caseRecordFor, DEFAULT_SALESFORCE_MAPPING, forEachLimit, systemClock, type CallSummary } from '@buddie/domain';
import { EventPublisher, summaryCreatedFields, type BuddieEventType, type PublishableEvent } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, SummaryRepository, TABLES } from '@buddie/persistence';
import { createEventBridgeClient, startEmulators } from '@buddie/runtime';
import { createTestEnvironment, SalesforceTestServer } from '@buddie/testing';
/* eslint-disable no-restricted-imports -- a benchmark is not an app: it drives the sync exactly as its consumer does */
import { SalesforceSyncRuntime } from '../apps/salesforce-sync/src/salesforce-sync.runtime';
/* eslint-enable no-restricted-imports */

const SUMMARIES = Number(process.env.BENCH_SUMMARIES ?? 10_000);
const PACED = Number(process.env.BENCH_PACED ?? 1_500);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const NAIVE = process.env.BENCH_NAIVE !== '0';
const CONSUMER_CONCURRENCY = 40;

function summary(contactId: string, i: number): CallSummary {
  return {
    contactId,
    headline: `Billing question ${i}`,
    reason: 'The customer was charged twice for the March bill',
    actionsTaken: ['Refunded the duplicate charge', 'Explained the billing cycle'],
    outcome: i % 3 === 0 ? 'follow-up-needed' : 'resolved',
    followUps: i % 3 === 0 ? [{ action: 'Email the refund confirmation', owner: 'agent' }] : [],
    sentiment: { start: 'negative', end: 'positive' },
    agentNotes: ['Asked about autopay'],
    topics: ['billing'],
    escalation: { recommended: false },
    provider: 'offline',
    createdAt: new Date().toISOString(),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Notes when each contact's SalesforceSynced is published (the moment its Case is confirmed and stored). */
class TimingPublisher extends EventPublisher {
  readonly syncedAt = new Map<string, number>();
  override async publish<T extends BuddieEventType>(events: PublishableEvent<T>[]): Promise<void> {
    const now = performance.now();
    for (const event of events as unknown as PublishableEvent[]) if (event.type === 'SalesforceSynced' && event.detail.contactId) this.syncedAt.set(event.detail.contactId, now);
    await super.publish(events);
  }
}

async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);
  log('starting emulators and the Salesforce test server');
  const emulators = await startEmulators();
  process.env.BUDDIE_TEST_DYNAMODB_ENDPOINT = emulators.endpoints.dynamodb;
  process.env.BUDDIE_TEST_SQS_ENDPOINT = emulators.endpoints.sqs;
  process.env.BUDDIE_TEST_KINESIS_ENDPOINT = emulators.endpoints.kinesis;
  const server = new SalesforceTestServer();
  const sfUrl = await server.listen();
  const env = await createTestEnvironment({ LOG_LEVEL: 'error' });
  const config = loadConfig(SalesforceSyncConfig, {
    ...env.env,
    SALESFORCE_AUTH_FLOW: 'client-credentials',
    SALESFORCE_INSTANCE_URL: sfUrl,
    SALESFORCE_CLIENT_ID: server.clientId,
    SALESFORCE_CLIENT_SECRET: server.clientSecret,
  });
  const dynamo = createDynamoClients(config);
  const contacts = new ContactRepository(dynamo.doc, physicalName(config, TABLES.contacts.logicalName));
  const summaries = new SummaryRepository(dynamo.doc, physicalName(config, TABLES.summaries.logicalName));

  const paced = Array.from({ length: PACED }, (_, i) => `paced-${String(i).padStart(6, '0')}`);
  log(`storing ${SUMMARIES + PACED} contacts with their summaries (as ingestion and the summarizer store them)`);
  const ids = Array.from({ length: SUMMARIES }, (_, i) => `bench-${String(i).padStart(6, '0')}`);
  const base = Date.parse('2026-12-01T08:00:00Z');
  await forEachLimit([...ids, ...paced], 32, async (contactId) => {
    const i = Number(contactId.slice(6));
    const at = new Date(base + i * 1000).toISOString();
    await contacts.upsertCtr(
      { contactId, conversationId: contactId, channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: at, disconnectTimestamp: at, lastUpdateTimestamp: at, agentUsername: `agent${i % 50}`, queueName: 'Billing', abandoned: false, fingerprint: contactId, ctr: {} },
      at,
    );
    await summaries.putSummary({ contactId, status: 'summarized', updatedAt: at, summary: summary(contactId, i) });
    await contacts.markStage(contactId, 'summarized', at);
  });

  // DynamoDB requests by operation (the sync's own state reads and writes; the setup's writes are subtracted).
  const dynamoRequests = new Map<string, number>();
  dynamo.doc.middlewareStack.add(
    (next, context) => (args) => {
      dynamoRequests.set(context.commandName ?? '?', (dynamoRequests.get(context.commandName ?? '?') ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCountRequests' },
  );
  const requestsNow = () => new Map(dynamoRequests);
  const requestsSince = (before: Map<string, number>) => new Map([...dynamoRequests].map(([name, n]) => [name, n - (before.get(name) ?? 0)] as const).filter(([, n]) => n > 0));
  const publisher = new TimingPublisher(createEventBridgeClient(config), { busName: config.EVENT_BUS_NAME });
  const runtime = new SalesforceSyncRuntime(config, { doc: dynamo.doc, sqs: env.sqs, events: publisher, clock: systemClock, registry: new MetricsRegistry() });
  await runtime.onApplicationBootstrap();
  runtime.reconciler.stop();
  const createdAt = new Map<string, number>();
  const offer = (contactId: string) => {
    createdAt.set(contactId, performance.now());
    return offerSummaryCreated(runtime, contactId);
  };
  // Memory and the sync's in-memory queue, sampled while it runs.
  const memory = { rssBefore: process.memoryUsage().rss, rssPeak: 0, heapPeak: 0, pendingPeak: 0 };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    memory.rssPeak = Math.max(memory.rssPeak, usage.rss);
    memory.heapPeak = Math.max(memory.heapPeak, usage.heapUsed);
    memory.pendingPeak = Math.max(memory.pendingPeak, inMemoryRecords(runtime));
  }, 200);
  const waitSynced = async (keys: string[], since: number) => {
    while (keys.some((k) => !publisher.syncedAt.has(k))) {
      await new Promise((r) => setTimeout(r, 50));
      if (performance.now() - since > 900_000) throw new Error(`only ${keys.filter((k) => publisher.syncedAt.has(k)).length} of ${keys.length} synced after 15 minutes`);
    }
  };
  const latenciesOf = (keys: string[]) => keys.map((id) => (publisher.syncedAt.get(id) ?? NaN) - (createdAt.get(id) ?? NaN)).sort((a, b) => a - b);

  log(`burst: ${SUMMARIES} SummaryCreated offered at once, handled ${CONSUMER_CONCURRENCY} at a time; batching window ${config.SALESFORCE_BATCH_WINDOW_MS} ms, up to ${config.SALESFORCE_BATCH_SIZE} records per call; load ${loadText()}`);
  const callsBefore = server.counters.apiCalls;
  const dynamoBefore = requestsNow();
  const start = performance.now();
  await forEachLimit(ids, CONSUMER_CONCURRENCY, offer);
  log(`all ${SUMMARIES} SummaryCreated taken in after ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await waitSynced(ids, start);
  const seconds = (performance.now() - start) / 1000;
  const calls = server.counters.apiCalls - callsBefore;
  const latencies = latenciesOf(ids);
  const cases = server.all('Case').length;
  const burstMemory = { ...memory };
  const burstDynamo = requestsSince(dynamoBefore);
  log(`burst done in ${seconds.toFixed(1)} s; load ${loadText()}`);

  // The burst's last flush may still be finishing (stored, events published, results being read back).
  await runtime.batcher.drain();
  log(`paced: ${PACED} SummaryCreated at ${RATE}/s`);
  memory.pendingPeak = 0;
  const pacedCallsBefore = server.counters.apiCalls;
  const pacedStart = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < paced.length; i++) {
    const due = pacedStart + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(offer(paced[i]));
    if (inFlight.length >= CONSUMER_CONCURRENCY) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await waitSynced(paced, pacedStart);
  const pacedSeconds = (performance.now() - pacedStart) / 1000;
  const pacedCalls = server.counters.apiCalls - pacedCallsBefore;
  const pacedLatencies = latenciesOf(paced);
  clearInterval(sampler);
  log(`paced done in ${pacedSeconds.toFixed(1)} s; load ${loadText()}`);
  await runtime.beforeApplicationShutdown();

  const naiveLatencies: number[] = [];
  let naiveSeconds = NaN;
  let naiveCalls = NaN;
  let naiveCases = NaN;
  if (NAIVE) {
    log(`naive baseline: one single-record upsert per summary, ${SUMMARIES} records`);
    const naive = new SalesforceSyncRuntime(config, { doc: dynamo.doc, sqs: env.sqs, events: publisher, clock: systemClock, registry: new MetricsRegistry() });
    await naive.onApplicationBootstrap();
    naive.reconciler.stop();
    const naiveCallsBefore = server.counters.apiCalls;
    const casesBefore = server.all('Case').length;
    const naiveStart = performance.now();
    await forEachLimit(ids, 1, async (contactId) => {
      const t0 = performance.now();
      const stored = await summaries.get(contactId);
      const contact = await contacts.get(contactId);
      if (!stored?.summary || !contact) throw new Error(`missing ${contactId}`);
      const record = caseRecordFor(
        { conversationId: `naive-${contactId}`, legs: [{ contactId, initiationTimestamp: contact.initiationTimestamp, channel: contact.channel, queueName: contact.queueName, agentUsername: contact.agentUsername, callerNumber: null, summary: stored.summary }] },
        DEFAULT_SALESFORCE_MAPPING,
        { buddieBaseUrl: config.BUDDIE_DASHBOARD_URL },
      );
      await naive.client?.upsertOne(record);
      naiveLatencies.push(performance.now() - t0);
    });
    naiveSeconds = (performance.now() - naiveStart) / 1000;
    naiveCalls = server.counters.apiCalls - naiveCallsBefore;
    naiveCases = server.all('Case').length - casesBefore;
    naiveLatencies.sort((a, b) => a - b);
    await naive.beforeApplicationShutdown();
  }

  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  const ms = (sorted: number[], p: number) => (sorted.length ? percentile(sorted, p).toFixed(0) : '-');
  const rows = [
    ['summaries', String(SUMMARIES), String(PACED), NAIVE ? String(SUMMARIES) : '-'],
    ['Cases in the org afterwards', String(cases), String(server.all('Case').length - cases - (NAIVE ? naiveCases : 0)), NAIVE ? String(naiveCases) : '-'],
    ['records/s', (SUMMARIES / seconds).toFixed(0), (PACED / pacedSeconds).toFixed(0), NAIVE ? (SUMMARIES / naiveSeconds).toFixed(0) : '-'],
    ['API calls used', String(calls), String(pacedCalls), NAIVE ? String(naiveCalls) : '-'],
    ['records per API call', (SUMMARIES / calls).toFixed(1), (PACED / pacedCalls).toFixed(1), NAIVE ? (SUMMARIES / naiveCalls).toFixed(1) : '-'],
    ['calls per record', (calls / SUMMARIES).toFixed(4), (pacedCalls / PACED).toFixed(4), NAIVE ? (naiveCalls / SUMMARIES).toFixed(4) : '-'],
    ['SummaryCreated -> synced p50 (ms)', ms(latencies, 50), ms(pacedLatencies, 50), ms(naiveLatencies, 50)],
    ['SummaryCreated -> synced p95 (ms)', ms(latencies, 95), ms(pacedLatencies, 95), ms(naiveLatencies, 95)],
    ['SummaryCreated -> synced p99 (ms)', ms(latencies, 99), ms(pacedLatencies, 99), ms(naiveLatencies, 99)],
    ['records held in memory, peak', String(burstMemory.pendingPeak), String(memory.pendingPeak), '-'],
    ['RSS peak growth (MiB)', mib(burstMemory.rssPeak - memory.rssBefore), mib(memory.rssPeak - memory.rssBefore), '-'],
    ['heap used peak (MiB)', mib(burstMemory.heapPeak), mib(memory.heapPeak), '-'],
    ['DynamoDB requests per record (burst)', ([...burstDynamo.values()].reduce((a, b) => a + b, 0) / SUMMARIES).toFixed(2), '-', '-'],
  ];
  const width = [36, 14, 16, 16];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join(' | ');
  process.stdout.write(`\n${line(['measure', 'sync: burst', `sync: ${RATE}/s paced`, 'naive (1/record)'])}\n${width.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(`\ntarget: at most 1 API call per 150 records -> ${calls / SUMMARIES <= 1 / 150 ? 'met' : 'NOT met'} (${(SUMMARIES / calls).toFixed(1)} records per call)\n`);
  process.stdout.write(`DynamoDB requests in the burst: ${[...burstDynamo].map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`).join(', ')}\n`);
  process.stdout.write(`batching window ${config.SALESFORCE_BATCH_WINDOW_MS} ms; machine load (1/5/15 min) at the end: ${loadText()}\n`);
  process.stdout.write('naive latency is per record from its own start (it has no queue); the sync latency includes the batching window.\n');

  dynamo.client.destroy();
  await env.close();
  await server.close();
  await emulators.stop();
}

function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** One SummaryCreated taken in as the consumer takes it (resolves when it would be acknowledged). */
function offerSummaryCreated(runtime: SalesforceSyncRuntime, contactId: string): Promise<void> {
  return runtime.service.summaryCreated(summaryCreatedFields({ contactId, summary: summary(contactId, Number(contactId.slice(6))) }, `c-${contactId}`));
}

/** Record keys the sync holds in memory (due in the batcher); the records themselves are in DynamoDB. */
function inMemoryRecords(runtime: SalesforceSyncRuntime): number {
  return runtime.batcher.held;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
