/**
 * salesforce-sync benchmark: 10,000 summaries through the sync (SummaryCreated handled as the consumer
 * does, records pending in DynamoDB Local, batching window, sObject Collections against the Salesforce
 * test server): records/s, API calls used and records per call, p50/p95 time from SummaryCreated to
 * synced. Baseline measured in the same run: the naive sync, one single-record upsert per summary.
 * `npm run bench:salesforce-sync` (BENCH_SUMMARIES to change the count).
 */
import { loadConfig, physicalName, SalesforceSyncConfig } from '@buddie/config';
import { caseRecordFor, DEFAULT_SALESFORCE_MAPPING, forEachLimit, systemClock, type CallSummary } from '@buddie/domain';
import { EventPublisher, type BuddieEventType, type PublishableEvent } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, SummaryRepository, TABLES } from '@buddie/persistence';
import { createEventBridgeClient, startEmulators } from '@buddie/runtime';
import { createTestEnvironment, SalesforceTestServer } from '@buddie/testing';
/* eslint-disable no-restricted-imports -- a benchmark is not an app: it drives the sync exactly as its consumer does */
import { SalesforceSyncRuntime } from '../apps/salesforce-sync/src/salesforce-sync.runtime';
/* eslint-enable no-restricted-imports */

const SUMMARIES = Number(process.env.BENCH_SUMMARIES ?? 10_000);
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

  log(`storing ${SUMMARIES} contacts with their summaries (as ingestion and the summarizer store them)`);
  const ids = Array.from({ length: SUMMARIES }, (_, i) => `bench-${String(i).padStart(6, '0')}`);
  const base = Date.parse('2026-12-01T08:00:00Z');
  await forEachLimit(ids, 32, async (contactId) => {
    const i = Number(contactId.slice(6));
    const at = new Date(base + i * 1000).toISOString();
    await contacts.upsertCtr(
      { contactId, conversationId: contactId, channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: at, disconnectTimestamp: at, lastUpdateTimestamp: at, agentUsername: `agent${i % 50}`, queueName: 'Billing', abandoned: false, fingerprint: contactId, ctr: {} },
      at,
    );
    await summaries.putSummary({ contactId, status: 'summarized', updatedAt: at, summary: summary(contactId, i) });
    await contacts.markStage(contactId, 'summarized', at);
  });

  const publisher = new TimingPublisher(createEventBridgeClient(config), { busName: config.EVENT_BUS_NAME });
  const runtime = new SalesforceSyncRuntime(config, { doc: dynamo.doc, sqs: env.sqs, events: publisher, clock: systemClock, registry: new MetricsRegistry() });
  await runtime.onApplicationBootstrap();
  runtime.reconciler.stop();

  log(`syncing: SummaryCreated handled ${CONSUMER_CONCURRENCY} at a time, batching window ${config.SALESFORCE_BATCH_WINDOW_MS} ms, up to ${config.SALESFORCE_BATCH_SIZE} records per call`);
  const callsBefore = server.counters.apiCalls;
  const createdAt = new Map<string, number>();
  const memoryBefore = process.memoryUsage().rss;
  const start = performance.now();
  await forEachLimit(ids, CONSUMER_CONCURRENCY, async (contactId) => {
    createdAt.set(contactId, performance.now());
    await runtime.service.handleMessage(
      JSON.stringify({
        'detail-type': 'SummaryCreated',
        source: 'buddie.summarizer',
        detail: { contactId, headline: 'h', outcome: 'resolved', escalationRecommended: false, correlationId: `c-${contactId}`, occurredAt: new Date().toISOString(), schemaVersion: 1 },
      }),
    );
  });
  log(`all ${SUMMARIES} SummaryCreated handled (records pending) after ${((performance.now() - start) / 1000).toFixed(1)} s`);
  while (publisher.syncedAt.size < SUMMARIES) {
    await runtime.batcher.drain();
    await new Promise((r) => setTimeout(r, 50));
    if (performance.now() - start > 600_000) throw new Error(`only ${publisher.syncedAt.size} of ${SUMMARIES} synced after 10 minutes`);
  }
  const seconds = (performance.now() - start) / 1000;
  const calls = server.counters.apiCalls - callsBefore;
  const latencies = ids.map((id) => (publisher.syncedAt.get(id) ?? NaN) - (createdAt.get(id) ?? NaN)).sort((a, b) => a - b);
  const cases = server.all('Case').length;
  const rss = (process.memoryUsage().rss - memoryBefore) / 1024 / 1024;
  await runtime.beforeApplicationShutdown();

  log(`naive baseline: one single-record upsert per summary, ${SUMMARIES} records`);
  const naive = new SalesforceSyncRuntime(config, { doc: dynamo.doc, sqs: env.sqs, events: publisher, clock: systemClock, registry: new MetricsRegistry() });
  await naive.onApplicationBootstrap();
  naive.reconciler.stop();
  const naiveCallsBefore = server.counters.apiCalls;
  const naiveStart = performance.now();
  const naiveLatencies: number[] = [];
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
  const naiveSeconds = (performance.now() - naiveStart) / 1000;
  const naiveCalls = server.counters.apiCalls - naiveCallsBefore;
  naiveLatencies.sort((a, b) => a - b);
  await naive.beforeApplicationShutdown();

  const rows = [
    ['summaries', String(SUMMARIES), String(SUMMARIES)],
    ['Cases in the org afterwards', String(cases), String(server.all('Case').length - cases)],
    ['records/s', (SUMMARIES / seconds).toFixed(0), (SUMMARIES / naiveSeconds).toFixed(0)],
    ['API calls used', String(calls), String(naiveCalls)],
    ['records per API call', (SUMMARIES / calls).toFixed(1), (SUMMARIES / naiveCalls).toFixed(1)],
    ['calls per record', (calls / SUMMARIES).toFixed(4), (naiveCalls / SUMMARIES).toFixed(4)],
    ['SummaryCreated -> synced p50 (ms)', percentile(latencies, 50).toFixed(0), percentile(naiveLatencies, 50).toFixed(1)],
    ['SummaryCreated -> synced p95 (ms)', percentile(latencies, 95).toFixed(0), percentile(naiveLatencies, 95).toFixed(1)],
    ['RSS growth (MiB)', rss.toFixed(0), '-'],
  ];
  const width = [36, 14, 16];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join(' | ');
  process.stdout.write(`\n${line(['measure', 'buddie sync', 'naive (1/record)'])}\n${width.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write(`\ntarget: at most 1 API call per 150 records -> ${calls / SUMMARIES <= 1 / 150 ? 'met' : 'NOT met'} (${(SUMMARIES / calls).toFixed(1)} records per call)\n`);
  process.stdout.write('naive latency is per record from its own start (it has no queue); the sync latency includes the batching window.\n');

  dynamo.client.destroy();
  await env.close();
  await server.close();
  await emulators.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
