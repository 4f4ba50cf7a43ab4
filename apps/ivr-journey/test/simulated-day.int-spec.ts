import { gzipSync } from 'node:zlib';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { flowLogSubscriptionDocument, parseCtr, type FlowLogEntry } from '@buddie/connect';
import { awsClientSettings, IvrJourneyConfig, loadConfig } from '@buddie/config';
import { journeyAnalytics, stepKind } from '@buddie/domain';
import { EventPublisher } from '@buddie/messaging';
import { ContactRepository, createDynamoClients, JourneyRepository, type JourneyRecord } from '@buddie/persistence';
import { bootstrapService, createKinesisClient } from '@buddie/runtime';
import { MemorySink, runSimulation } from '@buddie/simulator';
import { createTestEnvironment, eventually, type TestEnvironment } from '@buddie/testing';
import { toContactCompleted, toContactWrite } from '../../ingestion/src/contact.mapper';
import { flowLogsStreamName, IvrJourneyModule } from '../src/ivr-journey.module';

/**
 * A simulated day (libs/simulator: 3 agents, 8 hours) through the real path: its flow logs as a CloudWatch
 * Logs subscription writes them to the flow-log stream, its CTRs stored and announced as ingestion does
 * (its own mappers), ivr-journey assembling every journey; then the analytics over the stored journeys
 * (the repository's range read and the domain's journeyAnalytics, what GET /journeys/analytics serves).
 * The expected waterfall is counted from the simulator's flow log entries themselves, not written by hand.
 */
describe('journey analytics over a simulated day', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let kinesis: KinesisClient;
  let journeys: JourneyRepository;
  const sink = new MemorySink();

  beforeAll(async () => {
    await runSimulation({ seed: 5, agents: 3, hours: 8, recordings: false, transcripts: false }, sink, { speed: 'max' });
    env = await createTestEnvironment({ JOURNEY_GRACE_MS: '2500', JOURNEY_SETTLE_MS: '300', JOURNEY_SWEEP_MS: '200', KINESIS_IDLE_POLL_MS: '100', KINESIS_LEASE_MS: '10000' });
    const config = loadConfig(IvrJourneyConfig, env.env);
    kinesis = createKinesisClient(config);
    const { doc } = createDynamoClients(config);
    journeys = new JourneyRepository(doc, env.physical('journeys'));
    const contacts = new ContactRepository(doc, env.physical('contacts'));
    const publisher = new EventPublisher(new EventBridgeClient(awsClientSettings(config, 'eventbridge')), { busName: config.EVENT_BUS_NAME });
    app = await bootstrapService('ivr-journey', IvrJourneyModule.forRoot(config), config);

    const byContact = new Map<string, FlowLogEntry[]>();
    for (const entry of sink.flowLogs) byContact.set(entry.ContactId, [...(byContact.get(entry.ContactId) ?? []), entry as FlowLogEntry]);
    const records = [...byContact.values()].map((entries) => gzipSync(JSON.stringify(flowLogSubscriptionDocument(entries))));
    for (let i = 0; i < records.length; i += 200) {
      await kinesis.send(new PutRecordsCommand({ StreamName: flowLogsStreamName(config), Records: records.slice(i, i + 200).map((Data, j) => ({ Data, PartitionKey: `p${i + j}` })) }));
    }
    for (const ctr of sink.ctrs) {
      const parsed = parseCtr(ctr);
      if (!parsed.ok) throw new Error(`simulated CTR ${ctr.ContactId} does not parse: ${JSON.stringify(parsed.issues)}`);
      const { contact } = await contacts.upsertCtr(toContactWrite(parsed.value), new Date().toISOString());
      await publisher.publish([{ type: 'ContactCompleted', detail: toContactCompleted(contact, false, `corr-${ctr.ContactId}`) }]);
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    kinesis?.destroy();
    await env?.close();
  });

  it('given every contact of the day and its flow log, then each has its journey and the per-step waterfall counts what the logs hold', async () => {
    const contactIds = new Set(sink.ctrs.map((c) => c.ContactId));
    const logOf = new Map<string, FlowLogEntry[]>();
    for (const entry of sink.flowLogs) logOf.set(entry.ContactId, [...(logOf.get(entry.ContactId) ?? []), entry as FlowLogEntry]);
    expect(contactIds.size).toBeGreaterThan(100);
    expect(logOf.size).toBeGreaterThan(100);

    const from = sink.ctrs.map((c) => c.InitiationTimestamp).sort()[0].slice(0, 10);
    const to = `${sink.ctrs.map((c) => c.InitiationTimestamp).sort().at(-1)!.slice(0, 10)}T23:59:59.999Z`;
    const complete = (stored: JourneyRecord[]) =>
      stored.length === contactIds.size && stored.every((j) => j.hasContact && j.entryCount === (logOf.get(j.contactId)?.length ?? 0));
    const stored = await eventually(() => journeys.listRange(from, to), complete, 150_000);
    expect(new Set(stored.map((j) => j.contactId))).toEqual(contactIds);

    // Expected, from the simulator's own entries: per entry flow and block, the contacts that reached it and its time-outs.
    const expected = new Map<string, { reached: number; timedOut: number }>();
    for (const entries of logOf.values()) {
      const ordered = [...entries].sort((a, b) => Date.parse(a.Timestamp) - Date.parse(b.Timestamp));
      if (ordered[0].ContactFlowName !== 'Main IVR') continue;
      const reached = new Set<string>();
      for (const e of ordered) {
        const key = `${e.ContactFlowName ?? ''}#${e.Identifier}`;
        const row = expected.get(key) ?? { reached: 0, timedOut: 0 };
        if (!reached.has(key)) row.reached++;
        reached.add(key);
        if (stepKind(e.ContactFlowModuleType) === 'input' && e.Results === 'Timeout') row.timedOut++;
        expected.set(key, row);
      }
    }

    const analytics = journeyAnalytics(stored);
    const mainIvr = analytics.byFlow.find((f) => f.flowName === 'Main IVR');
    expect(mainIvr).toBeDefined();
    expect(mainIvr!.waterfall.map((row) => [row.key, { reached: row.reached, timedOut: row.timedOut }]).sort()).toEqual([...expected.entries()].sort());
    expect(mainIvr!.waterfall[0].reached).toBe(stored.filter((j) => j.entryFlowName === 'Main IVR').length);
    expect(mainIvr!.waterfall.reduce((n, row) => n + row.timedOut, 0)).toBeGreaterThan(0);
    expect(analytics.totals.contacts).toBe(contactIds.size);
  }, 180_000);
});
