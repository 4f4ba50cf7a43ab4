import {
  compareSequenceNumbers,
  isThrottling,
  planLeases,
  readyShards,
  startingPosition,
  throttleBackoffMs,
  type ShardInfo,
  type ShardLease,
} from './shard-lease.decisions';

const NOW = 1_000_000;
const held = (shardId: string, owner: string, extra: Partial<ShardLease> = {}): ShardLease => ({ shardId, leaseOwner: owner, leaseExpiresAt: NOW + 10_000, ...extra });
const expired = (shardId: string, owner: string): ShardLease => ({ shardId, leaseOwner: owner, leaseExpiresAt: NOW - 1 });
const shards = (...ids: string[]): ShardInfo[] => ids.map((shardId) => ({ shardId }));

describe('readyShards', () => {
  // shard-0 split into shard-2 and shard-3; shard-3 and shard-1 merged into shard-4.
  const family: ShardInfo[] = [
    { shardId: 'shard-0' },
    { shardId: 'shard-1' },
    { shardId: 'shard-2', parentShardId: 'shard-0' },
    { shardId: 'shard-3', parentShardId: 'shard-0' },
    { shardId: 'shard-4', parentShardId: 'shard-3', adjacentParentShardId: 'shard-1' },
  ];

  it('given a split not yet read to the end, then only the parents are ready', () => {
    expect(readyShards(family, new Map())).toEqual(['shard-0', 'shard-1']);
  });

  it('given the split parent finished, then both children are ready but not the merge child of an unfinished parent', () => {
    const leases = new Map([['shard-0', { shardId: 'shard-0', finished: true }]]);
    expect(readyShards(family, leases)).toEqual(['shard-1', 'shard-2', 'shard-3']);
  });

  it('given both merge parents finished, then the merged child is ready and finished shards are not', () => {
    const leases = new Map<string, ShardLease>(
      ['shard-0', 'shard-1', 'shard-3'].map((shardId) => [shardId, { shardId, finished: true }]),
    );
    expect(readyShards(family, leases)).toEqual(['shard-2', 'shard-4']);
  });

  it('given a parent that aged out of the stream and left no lease, then its child does not wait for it', () => {
    expect(readyShards([{ shardId: 'shard-9', parentShardId: 'gone' }], new Map())).toEqual(['shard-9']);
  });
});

describe('planLeases', () => {
  it('given a lone worker and free shards, then it takes them all', () => {
    const plan = planLeases({ shards: shards('a', 'b', 'c'), leases: [], workers: [], workerId: 'w1', nowMs: NOW });
    expect(plan).toMatchObject({ acquire: ['a', 'b', 'c'], renew: [], release: [], target: 3 });
  });

  it('given two live workers, then each aims at half and never takes a shard another holds', () => {
    const plan = planLeases({
      shards: shards('a', 'b', 'c', 'd'),
      leases: [held('a', 'w2')],
      workers: [{ workerId: 'w2', expiresAt: NOW + 5000 }],
      workerId: 'w1',
      nowMs: NOW,
    });
    expect(plan.target).toBe(2);
    expect(plan.acquire).toEqual(['b', 'c']);
    expect(plan.acquire).not.toContain('a');
  });

  it('given an expired lease of a dead worker, then it is free to take', () => {
    const plan = planLeases({ shards: shards('a', 'b'), leases: [expired('a', 'dead'), held('b', 'w1')], workers: [], workerId: 'w1', nowMs: NOW });
    expect(plan.acquire).toEqual(['a']);
    expect(plan.renew).toEqual(['b']);
  });

  it('given a worker holding everything and a newcomer with none, then it releases down to its share', () => {
    const plan = planLeases({
      shards: shards('a', 'b', 'c', 'd'),
      leases: ['a', 'b', 'c', 'd'].map((id) => held(id, 'w1')),
      workers: [{ workerId: 'w2', expiresAt: NOW + 5000 }],
      workerId: 'w1',
      nowMs: NOW,
    });
    expect(plan.release).toEqual(['c', 'd']);
    expect(plan.renew).toEqual(['a', 'b']);
  });

  it('given an odd shard count split 2/1, then the worker with 2 keeps them (no bouncing)', () => {
    const plan = planLeases({
      shards: shards('a', 'b', 'c'),
      leases: [held('a', 'w1'), held('b', 'w1'), held('c', 'w2')],
      workers: [{ workerId: 'w2', expiresAt: NOW + 5000 }],
      workerId: 'w1',
      nowMs: NOW,
    });
    expect(plan.release).toEqual([]);
    expect(plan.renew).toEqual(['a', 'b']);
  });

  it('given a worker whose presence expired, then it no longer counts towards the share', () => {
    const plan = planLeases({ shards: shards('a', 'b'), leases: [], workers: [{ workerId: 'w2', expiresAt: NOW - 1 }], workerId: 'w1', nowMs: NOW });
    expect(plan.acquire).toEqual(['a', 'b']);
  });
});

describe('startingPosition', () => {
  it('given no checkpoint, then from the oldest record; given one, then strictly after it; given a finished shard, then nothing', () => {
    expect(startingPosition(undefined)).toEqual({ type: 'TRIM_HORIZON' });
    expect(startingPosition({ shardId: 'a', checkpoint: '4960' })).toEqual({ type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: '4960' });
    expect(startingPosition({ shardId: 'a', checkpoint: '4960', finished: true })).toEqual({ type: 'DONE' });
  });
});

describe('compareSequenceNumbers', () => {
  it('compares beyond Number precision', () => {
    expect(compareSequenceNumbers('49590338271490256608559692538361571095921575989136588802', '49590338271490256608559692538361571095921575989136588898')).toBe(-1);
    expect(compareSequenceNumbers('10', '9')).toBe(1);
    expect(compareSequenceNumbers('7', '7')).toBe(0);
  });
});

describe('throttleBackoffMs', () => {
  it('doubles per attempt within [half, full] of the ceiling and stops at the cap', () => {
    expect(throttleBackoffMs(1, 100, 5000, () => 0)).toBe(50);
    expect(throttleBackoffMs(1, 100, 5000, () => 0.999)).toBe(99);
    expect(throttleBackoffMs(4, 100, 5000, () => 0)).toBe(400);
    expect(throttleBackoffMs(20, 100, 5000, () => 1)).toBe(5000);
  });

  it('recognises Kinesis throttling errors by name', () => {
    expect(isThrottling({ name: 'ProvisionedThroughputExceededException' })).toBe(true);
    expect(isThrottling({ name: 'LimitExceededException' })).toBe(true);
    expect(isThrottling({ name: 'ResourceNotFoundException' })).toBe(false);
    expect(isThrottling(null)).toBe(false);
  });
});
