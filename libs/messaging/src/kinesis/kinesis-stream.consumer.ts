import { randomUUID } from 'node:crypto';
import {
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { monotonicMs, systemClock, type Clock } from '@buddie/domain';
import type { LeaseStore } from './lease-store';
import {
  isThrottling,
  planLeases,
  startingPosition,
  throttleBackoffMs,
  type ShardInfo,
  type ShardLease,
  type StartingPosition,
} from './shard-lease.decisions';
import { firstSliceSize, nextSliceSize, sliceSizeFor, type SliceSizing } from './slice-size.decisions';

export interface KinesisRecordIn {
  sequenceNumber: string;
  partitionKey: string;
  data: Uint8Array;
  /** ApproximateArrivalTimestamp in epoch ms: when the stream accepted the record. */
  arrivalMs: number;
}

export interface ShardBatch {
  streamName: string;
  shardId: string;
  records: KinesisRecordIn[];
  millisBehindLatest?: number;
}

export interface ShardBatchHandler {
  /** Resolve only once the batch's outputs are durably written; the checkpoint follows. Throwing re-reads the batch. */
  handleBatch(batch: ShardBatch): Promise<void>;
  /**
   * The worker no longer reads this shard (released, lost, finished or stopping). A returned promise
   * is awaited before the lease is handed back, and by stop().
   */
  shardReleased?(shardId: string): void | Promise<void>;
}

export interface ConsumerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface KinesisConsumerOptions {
  streamName: string;
  workerId?: string;
  /** How long a lease lasts without renewal. */
  leaseMs?: number;
  /** Lease renewal, shard discovery and rebalancing period; a third of leaseMs by default. */
  coordinateMs?: number;
  /** Wait between GetRecords calls when a shard had nothing new. */
  idlePollMs?: number;
  /** Kinesis allows 5 GetRecords per shard per second. */
  minReadIntervalMs?: number;
  batchLimit?: number;
  /**
   * Records per handleBatch call at most (default: the whole read). A large read is handled in slices,
   * each checkpointed, and a stop waits for the current slice only, which keeps shutdown within its budget.
   */
  handleLimit?: number;
  /**
   * Time bound of a slice: slices are sized from the measured handling rate so that one takes about
   * this long (at most handleLimit records), so a read's first records are not held back by its last.
   * 0 = count only.
   */
  handleTargetMs?: number;
  /** Behind by more than this, slices go back to handleLimit to drain the backlog (default 5 x handleTargetMs). */
  catchUpAfterMs?: number;
  /**
   * Checkpoint at most this often per shard (0, the default: after every slice). A handled slice
   * within the interval is checkpointed with a later one, when the shard goes idle past the interval,
   * or when the reader stops; a crash replays at most this much (handlers are idempotent). Saves a
   * write, and a round trip between slices, on most slices of a busy shard.
   */
  checkpointEveryMs?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: ConsumerLogger;
  onThrottle?: (shardId: string) => void;
  /** Wall time for lease expiries (shared with other workers through the store) and for how long records waited since their arrival. */
  clock?: Clock;
}

type ShardRead = { kind: 'read'; result: GetRecordsCommandOutput } | { kind: 'failed'; error: unknown } | { kind: 'stopped' };

const SILENT: ConsumerLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

class ShardReader {
  stopping = false;
  /** Hand the lease back when the loop ends (rebalancing, shutdown); not when it was lost. */
  releaseOnExit = true;
  millisBehindLatest = 0;
  done: Promise<void> = Promise.resolve();
  /** The position stored in the lease table, and when it was last written (monotonic ms). */
  private checkpointed: string | undefined;
  private checkpointedAt = -Infinity;
  /** When the last GetRecords went out (monotonic ms): Kinesis allows 5 per shard per second. */
  private lastReadAt = -Infinity;
  /** Records in the next slice; carried across reads so the rate learnt on one read serves the next. */
  private sliceSize: number;
  private wake: (() => void) | undefined;

  constructor(
    readonly shardId: string,
    /** Handled through here: a new iterator starts after it. */
    private lastSequence: string | undefined,
    private readonly owner: KinesisStreamConsumer,
  ) {
    this.checkpointed = lastSequence;
    this.sliceSize = owner.sliceSizing ? firstSliceSize(owner.sliceSizing) : owner.options.handleLimit;
  }

  start(position: StartingPosition): void {
    this.done = this.run(position).catch((error: unknown) => this.owner.logger.error(`shard ${this.shardId}: reader failed: ${message(error)}`));
  }

  stop(release: boolean): void {
    this.stopping = true;
    this.releaseOnExit = this.releaseOnExit && release;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async iterator(): Promise<string | undefined> {
    const { kinesis, streamName } = this.owner;
    const type: ShardIteratorType = this.lastSequence === undefined ? 'TRIM_HORIZON' : 'AFTER_SEQUENCE_NUMBER';
    let attempt = 0;
    while (!this.stopping) {
      try {
        const result = await kinesis.send(
          new GetShardIteratorCommand({ StreamName: streamName, ShardId: this.shardId, ShardIteratorType: type, StartingSequenceNumber: this.lastSequence }),
        );
        return result.ShardIterator;
      } catch (error) {
        attempt++;
        if (!isThrottling(error)) this.owner.logger.warn(`shard ${this.shardId}: GetShardIterator failed: ${message(error)}`);
        else this.owner.options.onThrottle?.(this.shardId);
        await this.sleep(this.owner.backoff(attempt));
      }
    }
    return undefined;
  }

  /** One GetRecords, no sooner than minReadIntervalMs after the previous one; never rejects. */
  private async read(iterator: string): Promise<ShardRead> {
    await this.sleep(this.lastReadAt + this.owner.options.minReadIntervalMs - monotonicMs());
    if (this.stopping) return { kind: 'stopped' };
    this.lastReadAt = monotonicMs();
    try {
      return { kind: 'read', result: await this.owner.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.owner.options.batchLimit })) };
    } catch (error) {
      return { kind: 'failed', error };
    }
  }

  /** Stores the handled position when it moved and is due (or `force`); false when the lease was lost. */
  private async checkpoint(force: boolean): Promise<boolean> {
    if (this.lastSequence === undefined || this.lastSequence === this.checkpointed) return true;
    if (!force && monotonicMs() - this.checkpointedAt < this.owner.options.checkpointEveryMs) return true;
    const { store, streamName, workerId } = this.owner;
    if (!(await store.checkpoint(streamName, this.shardId, workerId, this.lastSequence, false))) return false;
    this.checkpointed = this.lastSequence;
    this.checkpointedAt = monotonicMs();
    return true;
  }

  private async run(position: StartingPosition): Promise<void> {
    const { store, streamName, workerId, options } = this.owner;
    if (position.type === 'DONE') return this.exit();
    let iterator = await this.iterator();
    let attempt = 0;
    /** The next read, started while this one's slices are handled; dropped when a slice fails or the reader stops. */
    let ahead: Promise<ShardRead> | undefined;
    while (!this.stopping && iterator !== undefined) {
      const read = await (ahead ?? this.read(iterator));
      ahead = undefined;
      if (read.kind === 'stopped') break;
      if (read.kind === 'failed') {
        const { error } = read;
        attempt++;
        if (isThrottling(error)) options.onThrottle?.(this.shardId);
        else this.owner.logger.warn(`shard ${this.shardId}: GetRecords failed: ${message(error)}`);
        await this.sleep(this.owner.backoff(attempt));
        // An expired or invalid iterator is replaced from the checkpoint; a throttled one stays valid.
        if ((error as { name?: string }).name === 'ExpiredIteratorException' || !isThrottling(error)) iterator = await this.iterator();
        continue;
      }
      const { result } = read;
      attempt = 0;
      this.millisBehindLatest = result.MillisBehindLatest ?? 0;
      const records = (result.Records ?? []).map((record) => ({
        sequenceNumber: record.SequenceNumber as string,
        partitionKey: record.PartitionKey as string,
        data: record.Data ?? new Uint8Array(),
        arrivalMs: record.ApproximateArrivalTimestamp?.getTime() ?? this.owner.clock.now().getTime(),
      }));
      // Read ahead: what arrives while these records are handled is already read when they are done,
      // so a record waits for the slices before it, not also for a GetRecords after them.
      if (records.length > 0 && result.NextShardIterator) ahead = this.read(result.NextShardIterator);
      let failed = false;
      const sizing = this.owner.sliceSizing;
      for (let from = 0; from < records.length; ) {
        // Stopping between slices: what is handled is checkpointed, the rest is the next owner's.
        if (from > 0 && this.stopping) return this.finish();
        const startedAt = monotonicMs();
        const size = sizing ? sliceSizeFor(this.sliceSize, this.owner.clock.now().getTime() - records[from].arrivalMs, sizing) : this.sliceSize;
        const slice = records.slice(from, from + size);
        from += slice.length;
        try {
          await this.owner.handler.handleBatch({ streamName, shardId: this.shardId, records: slice, millisBehindLatest: result.MillisBehindLatest });
          if (sizing) this.sliceSize = nextSliceSize(Math.min(size, this.sliceSize * 2), { records: slice.length, ms: monotonicMs() - startedAt }, sizing);
        } catch (error) {
          attempt++;
          this.owner.logger.error(`shard ${this.shardId}: batch ending at ${slice[slice.length - 1].sequenceNumber} failed, re-reading from the checkpoint: ${message(error)}`);
          failed = true;
          break;
        }
        this.lastSequence = slice[slice.length - 1].sequenceNumber;
        if (!(await this.checkpoint(false))) return this.lost();
      }
      if (failed) {
        ahead = undefined;
        await this.sleep(this.owner.backoff(attempt));
        iterator = await this.iterator();
        continue;
      }
      iterator = result.NextShardIterator;
      if (iterator === undefined || iterator === null) {
        // Closed by a split or merge and read to its end: mark it so its children may start.
        if (!(await store.checkpoint(streamName, this.shardId, workerId, this.lastSequence, true))) return this.lost();
        this.owner.logger.log(`shard ${this.shardId}: finished`);
        return this.exit();
      }
      if (records.length === 0) {
        // Quiet shard: what is handled but not yet checkpointed is stored once due.
        if (!(await this.checkpoint(false))) return this.lost();
        await this.sleep(options.idlePollMs);
      }
    }
    return this.finish();
  }

  /** A normal end (stop, rebalancing): the handled position is checkpointed before the lease goes. */
  private async finish(): Promise<void> {
    try {
      if (!(await this.checkpoint(true))) return this.lost();
    } catch (error) {
      // The lease still goes: the next owner replays from the last stored checkpoint.
      this.owner.logger.warn(`shard ${this.shardId}: final checkpoint failed: ${message(error)}`);
    }
    return this.exit();
  }

  private lost(): void {
    this.owner.logger.warn(`shard ${this.shardId}: lease lost to another worker; stopped`);
    this.releaseOnExit = false;
    this.exit();
  }

  private exit(): void {
    this.stopping = true;
    this.owner.readerExited(this);
  }
}

/**
 * Reads every shard of a Kinesis stream, checkpointing per shard in a LeaseStore after each batch
 * is handled. Several instances share the shards through leases with expiry; closed shards are read
 * to their end before their children start. Stop it to finish the current batches, checkpoint and
 * hand the leases back.
 */
export class KinesisStreamConsumer {
  readonly workerId: string;
  readonly streamName: string;
  readonly options: Required<Omit<KinesisConsumerOptions, 'workerId' | 'logger' | 'onThrottle' | 'streamName' | 'handleTargetMs' | 'catchUpAfterMs' | 'clock'>> & Pick<KinesisConsumerOptions, 'onThrottle'>;
  readonly logger: ConsumerLogger;
  readonly clock: Clock;
  /** Undefined when slices are bounded by count only. */
  readonly sliceSizing: SliceSizing | undefined;
  handler!: ShardBatchHandler;
  private readonly readers = new Map<string, ShardReader>();
  private readonly exiting = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private coordinating: Promise<void> | undefined;
  private stopped = true;

  constructor(
    readonly kinesis: KinesisClient,
    readonly store: LeaseStore,
    options: KinesisConsumerOptions,
  ) {
    this.streamName = options.streamName;
    this.workerId = options.workerId ?? randomUUID();
    const leaseMs = options.leaseMs ?? 30_000;
    this.options = {
      leaseMs,
      coordinateMs: options.coordinateMs ?? Math.floor(leaseMs / 3),
      idlePollMs: options.idlePollMs ?? 1000,
      minReadIntervalMs: options.minReadIntervalMs ?? 200,
      batchLimit: options.batchLimit ?? 1000,
      handleLimit: options.handleLimit ?? options.batchLimit ?? 1000,
      checkpointEveryMs: options.checkpointEveryMs ?? 0,
      baseBackoffMs: options.baseBackoffMs ?? 200,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      onThrottle: options.onThrottle,
    };
    this.logger = options.logger ?? SILENT;
    this.clock = options.clock ?? systemClock;
    const targetMs = options.handleTargetMs ?? 0;
    this.sliceSizing =
      targetMs > 0 ? { maxRecords: this.options.handleLimit, targetMs, minRecords: Math.min(50, this.options.handleLimit), catchUpAfterMs: options.catchUpAfterMs ?? 5 * targetMs } : undefined;
  }

  /** Takes its first leases before resolving, so a caller can rely on reading having begun. */
  async start(handler: ShardBatchHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    await this.coordinate();
    this.timer = setInterval(() => void this.coordinate(), this.options.coordinateMs);
    this.timer.unref();
  }

  /** Graceful: stop reading, let every in-flight batch finish and checkpoint, release the leases. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.coordinating;
    for (const reader of this.readers.values()) reader.stop(true);
    await Promise.all([...this.readers.values()].map((reader) => reader.done));
    await Promise.all([...this.exiting]);
    await this.store.removeWorker(this.streamName, this.workerId).catch(() => undefined);
  }

  ownedShards(): string[] {
    return [...this.readers.keys()].sort();
  }

  /** How far behind the stream's tip the slowest owned shard is, as Kinesis last reported it. */
  lagMs(): number {
    let lag = 0;
    for (const reader of this.readers.values()) lag = Math.max(lag, reader.millisBehindLatest);
    return lag;
  }

  backoff(attempt: number): number {
    return throttleBackoffMs(attempt, this.options.baseBackoffMs, this.options.maxBackoffMs);
  }

  /** One round of discovery, renewal, acquisition and rebalancing. Exposed so tests need not wait for the timer. */
  coordinate(): Promise<void> {
    if (this.coordinating) return this.coordinating;
    this.coordinating = this.coordinateOnce()
      .catch((error: unknown) => this.logger.warn(`lease coordination failed: ${message(error)}`))
      .finally(() => {
        this.coordinating = undefined;
      });
    return this.coordinating;
  }

  readerExited(reader: ShardReader): void {
    if (this.readers.get(reader.shardId) !== reader) return;
    this.readers.delete(reader.shardId);
    let handedOver: Promise<void>;
    try {
      handedOver = Promise.resolve(this.handler.shardReleased?.(reader.shardId)).catch((error: unknown) =>
        this.logger.warn(`shard ${reader.shardId}: release handler failed: ${message(error)}`),
      );
    } catch (error) {
      this.logger.warn(`shard ${reader.shardId}: release handler failed: ${message(error)}`);
      handedOver = Promise.resolve();
    }
    const exiting: Promise<void> = !reader.releaseOnExit
      ? handedOver
      : handedOver
          .then(() => this.store.release(this.streamName, reader.shardId, this.workerId))
          .then(
            () => undefined,
            (error: unknown) => this.logger.warn(`shard ${reader.shardId}: release failed: ${message(error)}`),
          );
    this.exiting.add(exiting);
    void exiting.finally(() => this.exiting.delete(exiting));
  }

  private async listShards(): Promise<ShardInfo[]> {
    const shards: Shard[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.kinesis.send(
        nextToken === undefined ? new ListShardsCommand({ StreamName: this.streamName }) : new ListShardsCommand({ NextToken: nextToken }),
      );
      shards.push(...(page.Shards ?? []));
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return shards.map((shard) => ({
      shardId: shard.ShardId as string,
      parentShardId: shard.ParentShardId ?? undefined,
      adjacentParentShardId: shard.AdjacentParentShardId ?? undefined,
    }));
  }

  private async coordinateOnce(): Promise<void> {
    if (this.stopped) return;
    const nowMs = this.clock.now().getTime();
    const expiresAt = nowMs + this.options.leaseMs;
    await this.store.announceWorker(this.streamName, this.workerId, expiresAt);
    const shards = await this.listShards();
    const { leases, workers } = await this.store.listLeases(this.streamName);
    const plan = planLeases({ shards, leases, workers, workerId: this.workerId, nowMs });
    const byId = new Map<string, ShardLease>(leases.map((lease) => [lease.shardId, lease]));

    const keep = new Set<string>();
    for (const shardId of plan.renew) {
      if (await this.store.renew(this.streamName, shardId, this.workerId, expiresAt)) keep.add(shardId);
    }
    for (const shardId of plan.acquire) {
      if (this.stopped) break;
      if (await this.store.acquire(this.streamName, shardId, this.workerId, nowMs, expiresAt)) keep.add(shardId);
    }
    for (const [shardId, reader] of this.readers) {
      if (plan.release.includes(shardId)) reader.stop(true);
      else if (!keep.has(shardId)) reader.stop(false);
    }
    for (const shardId of keep) {
      if (this.readers.has(shardId) || this.stopped) continue;
      // Re-read the lease after taking it: the checkpoint may have moved since the listing.
      const fresh = (await this.store.listLeases(this.streamName)).leases.find((lease) => lease.shardId === shardId) ?? byId.get(shardId);
      const reader = new ShardReader(shardId, fresh?.checkpoint, this);
      this.readers.set(shardId, reader);
      this.logger.log(`shard ${shardId}: acquired by ${this.workerId}${fresh?.checkpoint ? ` (resuming after ${fresh.checkpoint})` : ''}`);
      reader.start(startingPosition(fresh));
    }
  }
}
