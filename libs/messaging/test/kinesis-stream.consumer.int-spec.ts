import { CreateStreamCommand, DescribeStreamSummaryCommand, GetRecordsCommand, ListShardsCommand, PutRecordsCommand, SplitShardCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { CheckpointRepository, createDynamoClients } from '@buddie/persistence';
import { createKinesisClient } from '@buddie/runtime';
import { createTestEnvironment, eventually, type TestEnvironment } from '@buddie/testing';
import { KinesisStreamConsumer, type KinesisConsumerOptions, type ShardBatch } from '../src/kinesis/kinesis-stream.consumer';
import type { LeaseStore } from '../src/kinesis/lease-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Seen {
  shardId: string;
  key: string;
  value: number;
  worker: string;
}

describe('KinesisStreamConsumer on kinesalite + DynamoDB Local', () => {
  let env: TestEnvironment;
  let kinesis: KinesisClient;
  let checkpoints: CheckpointRepository;

  beforeAll(async () => {
    env = await createTestEnvironment();
    kinesis = createKinesisClient(env.config);
    checkpoints = new CheckpointRepository(createDynamoClients(env.config).doc, env.physical('stream-checkpoints'));
  }, 60000);
  afterAll(async () => {
    kinesis?.destroy();
    await env?.close();
  });

  async function createStream(name: string, shards: number): Promise<void> {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
    await eventually(async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary?.StreamStatus, (s) => s === 'ACTIVE');
  }

  async function put(stream: string, from: number, count: number, keys: number): Promise<void> {
    const records = Array.from({ length: count }, (_, i) => ({ PartitionKey: `key-${(from + i) % keys}`, Data: Buffer.from(String(from + i)) }));
    for (let i = 0; i < records.length; i += 100) await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records.slice(i, i + 100) }));
  }

  const collector = (seen: Seen[], worker: string) => ({
    handleBatch: async (batch: ShardBatch) => {
      for (const record of batch.records) {
        seen.push({ shardId: batch.shardId, key: record.partitionKey, value: Number(Buffer.from(record.data).toString()), worker });
      }
    },
  });

  /** A worker with the suite's short timings; a test passes its own options, or a Kinesis client or lease store that counts calls. */
  const consumer = (stream: string, workerId: string, options: Partial<KinesisConsumerOptions> = {}, ports: { kinesis?: KinesisClient; store?: LeaseStore } = {}) =>
    new KinesisStreamConsumer(ports.kinesis ?? kinesis, ports.store ?? checkpoints, {
      streamName: stream,
      workerId,
      leaseMs: 4000,
      coordinateMs: 300,
      idlePollMs: 50,
      minReadIntervalMs: 0,
      ...options,
    });

  it('given a shard split mid-stream, then every record is read once and, per key, in order (parent before children)', async () => {
    const stream = `${env.physical('split')}`;
    await createStream(stream, 1);
    await put(stream, 0, 60, 6);
    const [parent] = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
    await kinesis.send(new SplitShardCommand({ StreamName: stream, ShardToSplit: parent.ShardId, NewStartingHashKey: (2n ** 127n).toString() }));
    await eventually(async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary?.StreamStatus, (s) => s === 'ACTIVE');
    await put(stream, 60, 60, 6);

    const seen: Seen[] = [];
    const worker = consumer(stream, 'w1');
    await worker.start(collector(seen, 'w1'));
    await eventually(async () => seen.length, (n) => n >= 120, 20000);
    await worker.stop();

    expect(seen.map((s) => s.value).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    for (let k = 0; k < 6; k++) {
      const values = seen.filter((s) => s.key === `key-${k}`).map((s) => s.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(new Set(seen.filter((s) => s.value < 60).map((s) => s.shardId))).toEqual(new Set([parent.ShardId]));
    const children = new Set(seen.filter((s) => s.value >= 60).map((s) => s.shardId));
    expect(children.size).toBe(2);
    expect(children.has(parent.ShardId as string)).toBe(false);
    // Parents before children: the last parent record was handled before the first child record.
    const lastParent = seen.map((s) => s.shardId).lastIndexOf(parent.ShardId as string);
    expect(seen.findIndex((s) => s.shardId !== parent.ShardId)).toBeGreaterThan(lastParent);
    const leases = (await checkpoints.listLeases(stream)).leases;
    expect(leases.find((l) => l.shardId === parent.ShardId)?.finished).toBe(true);
    expect(leases).toHaveLength(3);
  }, 60000);

  it('given a restart, then reading resumes strictly after the checkpoint', async () => {
    const stream = `${env.physical('restart')}`;
    await createStream(stream, 2);
    await put(stream, 0, 40, 8);
    const first: Seen[] = [];
    const a = consumer(stream, 'w1');
    await a.start(collector(first, 'w1'));
    await eventually(async () => first.length, (n) => n >= 40);
    await a.stop();
    await put(stream, 40, 40, 8);
    const second: Seen[] = [];
    const b = consumer(stream, 'w1');
    await b.start(collector(second, 'w1'));
    await eventually(async () => second.length, (n) => n >= 40);
    await sleep(300);
    await b.stop();
    expect(first.map((s) => s.value).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(second.map((s) => s.value).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 40));
  }, 60000);

  it('given a large read handled in slices and a stop during the first slice, then the stop waits for that slice only and the next worker resumes right after it', async () => {
    const stream = `${env.physical('slices')}`;
    await createStream(stream, 1);
    await put(stream, 0, 100, 1);
    const first: Seen[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let slices = 0;
    const a = consumer(stream, 'w1', { batchLimit: 100, handleLimit: 25 });
    await a.start({
      handleBatch: async (batch) => {
        slices++;
        await collector(first, 'w1').handleBatch(batch);
        await held;
      },
    });
    await eventually(async () => first.length, (n) => n >= 25);
    const stopped = a.stop();
    release();
    await stopped;
    expect(slices).toBe(1);
    expect(first.map((s) => s.value)).toEqual(Array.from({ length: 25 }, (_, i) => i));

    const second: Seen[] = [];
    const b = consumer(stream, 'w1');
    await b.start(collector(second, 'w1'));
    await eventually(async () => second.length, (n) => n >= 75);
    await sleep(300);
    await b.stop();
    expect(second.map((s) => s.value)).toEqual(Array.from({ length: 75 }, (_, i) => i + 25));
  }, 60000);

  it('given checkpointEveryMs, then slices within the interval are not checkpointed one by one, a stop stores the handled position, and the next worker resumes right after it', async () => {
    const stream = `${env.physical('sparse-checkpoints')}`;
    await createStream(stream, 1);
    await put(stream, 0, 100, 1);
    const stored: string[] = [];
    const counting = Object.create(checkpoints) as CheckpointRepository;
    counting.checkpoint = async (...args: Parameters<CheckpointRepository['checkpoint']>) => {
      stored.push(args[3] as string);
      return checkpoints.checkpoint(...args);
    };
    const first: Seen[] = [];
    const sequences: string[] = [];
    const a = consumer(stream, 'w1', { batchLimit: 100, handleLimit: 25, checkpointEveryMs: 60_000 }, { store: counting });
    await a.start({
      handleBatch: async (batch) => {
        sequences.push(batch.records[batch.records.length - 1].sequenceNumber);
        await collector(first, 'w1').handleBatch(batch);
      },
    });
    await eventually(async () => first.length, (n) => n >= 100);
    await sleep(300);
    // Four slices: the first is checkpointed (none was before), the other three wait for the interval.
    expect(sequences).toHaveLength(4);
    expect(stored).toEqual([sequences[0]]);
    await a.stop();
    expect(stored).toEqual([sequences[0], sequences[3]]);

    await put(stream, 100, 10, 1);
    const second: Seen[] = [];
    const b = consumer(stream, 'w1');
    await b.start(collector(second, 'w1'));
    await eventually(async () => second.length, (n) => n >= 10);
    await sleep(300);
    await b.stop();
    expect(second.map((s) => s.value)).toEqual(Array.from({ length: 10 }, (_, i) => i + 100));
  }, 60000);

  it('given a slice being handled, then the next GetRecords is already out (read ahead), and every record is still handled once and in order', async () => {
    const stream = `${env.physical('ahead')}`;
    await createStream(stream, 1);
    await put(stream, 0, 20, 1);
    let reads = 0;
    // The real client, counting the GetRecords calls it is asked to send.
    const counting = {
      send: (command: unknown, ...rest: unknown[]) => {
        if (command instanceof GetRecordsCommand) reads++;
        return (kinesis.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      },
    } as unknown as KinesisClient;
    const seen: Seen[] = [];
    let readsWhileHandlingFirst = 0;
    const worker = consumer(stream, 'w1', {}, { kinesis: counting });
    await worker.start({
      handleBatch: async (batch) => {
        if (seen.length === 0) {
          const before = reads;
          await put(stream, 20, 20, 1);
          readsWhileHandlingFirst = (await eventually(async () => reads, (n) => n > before, 5000)) - before;
        }
        await collector(seen, 'w1').handleBatch(batch);
      },
    });
    await eventually(async () => seen.length, (n) => n >= 40, 20000);
    await sleep(300);
    await worker.stop();

    expect(readsWhileHandlingFirst).toBeGreaterThan(0);
    expect(seen.map((s) => s.value)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  }, 60000);

  it('given two workers on four shards, then they split the shards and no record is handled twice', async () => {
    const stream = `${env.physical('shared')}`;
    await createStream(stream, 4);
    const seen: Seen[] = [];
    const one = consumer(stream, 'w1');
    await one.start(collector(seen, 'w1'));
    const two = consumer(stream, 'w2');
    await two.start(collector(seen, 'w2'));
    // Rebalancing: w1 took all four at first and hands two back once it sees w2.
    await eventually(async () => [one.ownedShards().length, two.ownedShards().length], ([x, y]) => x === 2 && y === 2, 15000);
    expect([...one.ownedShards(), ...two.ownedShards()].sort()).toHaveLength(4);
    expect(one.ownedShards().filter((shard) => two.ownedShards().includes(shard))).toEqual([]);

    await put(stream, 0, 200, 50);
    await eventually(async () => seen.length, (n) => n >= 200, 20000);
    await sleep(500);
    await Promise.all([one.stop(), two.stop()]);
    expect(seen).toHaveLength(200);
    expect(new Set(seen.map((s) => s.value)).size).toBe(200);
    expect(new Set(seen.map((s) => s.worker))).toEqual(new Set(['w1', 'w2']));
  }, 60000);
});
