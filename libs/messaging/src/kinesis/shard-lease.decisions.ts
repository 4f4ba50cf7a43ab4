/**
 * Pure decisions of the Kinesis consumer: which shards a worker should hold, where it resumes reading
 * and how long it waits after throttling. No I/O, so every rule is tested as a table.
 */

export interface ShardInfo {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
}

/** What the checkpoint table holds for one shard. */
export interface ShardLease {
  shardId: string;
  leaseOwner?: string;
  /** Epoch ms; an owner that stops renewing loses the shard after this. */
  leaseExpiresAt?: number;
  /** Last sequence number whose outputs are durably written; reading resumes after it. */
  checkpoint?: string;
  /** The shard was closed (split/merge) and read to its end: its children may start. */
  finished?: boolean;
}

export interface WorkerPresence {
  workerId: string;
  expiresAt: number;
}

export interface LeasePlanInput {
  shards: readonly ShardInfo[];
  leases: readonly ShardLease[];
  workers: readonly WorkerPresence[];
  workerId: string;
  nowMs: number;
}

export interface LeasePlan {
  /** Shards that may be read now: not finished, every parent finished (or trimmed away). */
  ready: string[];
  /** Free or expired shards this worker should try to take (conditional write; may lose the race). */
  acquire: string[];
  /** Shards this worker holds and keeps renewing. */
  renew: string[];
  /** Shards this worker should hand back so that the others reach their fair share. */
  release: string[];
  /** ceil(ready / live workers). */
  target: number;
}

export function isLeaseHeld(lease: ShardLease | undefined, nowMs: number): boolean {
  return lease?.leaseOwner !== undefined && lease.leaseExpiresAt !== undefined && lease.leaseExpiresAt > nowMs;
}

/**
 * Parents before children: a child shard of a split or merge holds records that follow its
 * parents' records for the same partition key, so it waits until every parent is read to its end. A
 * parent that is no longer listed and has no lease aged out of the stream's retention: nothing left to wait for.
 */
export function readyShards(shards: readonly ShardInfo[], leases: ReadonlyMap<string, ShardLease>): string[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  const parentDone = (parentId: string | undefined): boolean => {
    if (parentId === undefined) return true;
    const lease = leases.get(parentId);
    if (lease?.finished === true) return true;
    return !listed.has(parentId) && lease === undefined;
  };
  return shards
    .filter((shard) => leases.get(shard.shardId)?.finished !== true)
    .filter((shard) => parentDone(shard.parentShardId) && parentDone(shard.adjacentParentShardId))
    .map((shard) => shard.shardId)
    .sort();
}

/**
 * Share shards among live workers without stealing: each takes free or expired leases up to its
 * fair share, and one holding more than its share gives the extras back at a batch boundary, where
 * another picks them up from the checkpoint. No shard is ever read by two workers on purpose.
 */
export function planLeases(input: LeasePlanInput): LeasePlan {
  const { workerId, nowMs } = input;
  const leases = new Map(input.leases.map((lease) => [lease.shardId, lease]));
  const ready = readyShards(input.shards, leases);
  const live = new Set(input.workers.filter((worker) => worker.expiresAt > nowMs).map((worker) => worker.workerId));
  for (const lease of input.leases) if (isLeaseHeld(lease, nowMs)) live.add(lease.leaseOwner as string);
  live.add(workerId);
  const target = ready.length === 0 ? 0 : Math.ceil(ready.length / live.size);

  const mine = ready.filter((shardId) => {
    const lease = leases.get(shardId);
    return lease?.leaseOwner === workerId && isLeaseHeld(lease, nowMs);
  });
  const free = ready.filter((shardId) => !isLeaseHeld(leases.get(shardId), nowMs));
  const acquire = free.slice(0, Math.max(0, target - mine.length));
  // Only give back when someone is short, otherwise a rounding difference would make shards bounce.
  const heldByOthers = new Map<string, number>();
  for (const shardId of ready) {
    const lease = leases.get(shardId);
    if (isLeaseHeld(lease, nowMs) && lease?.leaseOwner !== workerId) {
      heldByOthers.set(lease?.leaseOwner as string, (heldByOthers.get(lease?.leaseOwner as string) ?? 0) + 1);
    }
  }
  const someoneShort = [...live].some((worker) => worker !== workerId && (heldByOthers.get(worker) ?? 0) < Math.floor(ready.length / live.size));
  const excess = mine.length - target;
  const release = excess > 0 && someoneShort && free.length === 0 ? mine.slice(mine.length - excess) : [];
  const renew = mine.filter((shardId) => !release.includes(shardId));
  return { ready, acquire, renew, release, target };
}

export type StartingPosition =
  | { type: 'TRIM_HORIZON' }
  | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string }
  | { type: 'DONE' };

/** Resume strictly after the checkpoint, so a restart neither skips nor repeats a checkpointed record. */
export function startingPosition(lease: ShardLease | undefined): StartingPosition {
  if (lease?.finished === true) return { type: 'DONE' };
  if (lease?.checkpoint !== undefined) return { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: lease.checkpoint };
  return { type: 'TRIM_HORIZON' };
}

/** Kinesis sequence numbers are decimal strings of up to 128 bits: compare them as big integers. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Exponential backoff with "equal jitter" (half fixed, half random), capped: never hammers, never waits zero. */
export function throttleBackoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

const THROTTLING_ERRORS = new Set(['ProvisionedThroughputExceededException', 'LimitExceededException', 'ThrottlingException', 'KMSThrottlingException']);

export function isThrottling(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && THROTTLING_ERRORS.has(name);
}
