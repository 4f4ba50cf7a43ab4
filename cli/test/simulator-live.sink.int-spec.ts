import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BuddieConfig, loadConfig } from '@buddie/config';
import { MemorySink, runSimulation } from '@buddie/simulator';
import { createTestEnvironment, drainQueue, queueUrl, type TestEnvironment } from '@buddie/testing';
import type { DeliveryError } from '../connect-delivery';
import { formatLiveStatus, LiveSimulatorSink } from '../simulator-live.sink';

/** One simulated contact with its transcript, and some agent events, from a short seeded day. */
async function simulatedRecords(): Promise<MemorySink> {
  const memory = new MemorySink();
  await runSimulation({ seed: 11, agents: 4, hours: 1 }, memory, { speed: 'max' });
  return memory;
}

describe('the live simulator sink (what `buddie start` feeds the system with)', () => {
  let env: TestEnvironment;
  let records: MemorySink;

  beforeAll(async () => {
    env = await createTestEnvironment();
    records = await simulatedRecords();
  });
  afterAll(() => env.close());

  it('given the router endpoint in its config, then CTRs reach the ingestion queue and the status counts them with no errors', async () => {
    const errors: DeliveryError[] = [];
    const sink = new LiveSimulatorSink(env.config, { flushMs: 60_000, onError: (e) => errors.push(e) });
    const ctr = records.ctrs.find((c) => records.transcripts.has(c.ContactId))!;
    await sink.transcript(ctr.ContactId, records.transcripts.get(ctr.ContactId)!);
    await sink.ctr(ctr);
    await sink.agentEvent(records.agentEvents[0]);
    await sink.close();

    const [message] = await drainQueue(env.sqs, await queueUrl(env.sqs, env.physical('ingestion')), { expect: 1 });
    expect(JSON.parse(message.Body!)).toMatchObject({ 'detail-type': 'Amazon Connect Contact Trace Record', detail: { ContactId: ctr.ContactId } });
    expect(errors).toEqual([]);
    expect(sink.status()).toMatchObject({ sent: { ctrs: 1, analysisFiles: 1, agentEvents: 1 }, errors: 0 });
    expect(formatLiveStatus(sink.status())).toContain('1 contacts (CTRs), 1 Contact Lens files, 1 agent events');
    expect(formatLiveStatus(sink.status())).toContain('no delivery errors');
  });

  describe('given an EventBridge endpoint that fails', () => {
    let failing: Server;
    let endpoint: string;

    beforeAll(async () => {
      // Answers PutEvents like AWS does to a request it will not take (e.g. bad credentials).
      failing = createServer((_req, res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }));
      });
      await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => failing.close(() => resolve())));

    it('then every failed send is reported and counted, the records are counted as lost, and the other entry points still deliver', async () => {
      const errors: DeliveryError[] = [];
      const sink = new LiveSimulatorSink(loadConfig(BuddieConfig, { ...env.env, EVENTBRIDGE_ENDPOINT: endpoint }), { flushMs: 60_000, onError: (e) => errors.push(e) });
      for (const ctr of records.ctrs.slice(0, 3)) await sink.ctr(ctr);
      await sink.agentEvent(records.agentEvents[1]);
      await sink.flush();
      await sink.close();

      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/EventBridge PutEvents.*security token/);
      const status = sink.status();
      expect(status).toMatchObject({ sent: { ctrs: 0, agentEvents: 1 }, lost: { ctrs: 3 }, errors: 1 });
      expect(formatLiveStatus(status)).toMatch(/1 delivery errors, 3 records lost \(3 CTRs.*last: CTRs and contact events \(EventBridge PutEvents\)/);
    });
  });
});
