import type { ShardLease, WorkerPresence } from './shard-lease.decisions';

/**
 * Where the consumer keeps leases and checkpoints (DynamoDB in Buddie: CheckpointRepository in
 * @buddie/persistence implements it). Every write that needs ownership is conditional and answers
 * false when the condition failed, so a worker that lost a shard finds out before it checkpoints.
 */
export interface LeaseStore {
  listLeases(streamName: string): Promise<{ leases: ShardLease[]; workers: WorkerPresence[] }>;
  /** Take a shard that is free, expired or already ours. */
  acquire(streamName: string, shardId: string, owner: string, nowMs: number, expiresAt: number): Promise<boolean>;
  renew(streamName: string, shardId: string, owner: string, expiresAt: number): Promise<boolean>;
  release(streamName: string, shardId: string, owner: string): Promise<boolean>;
  checkpoint(streamName: string, shardId: string, owner: string, sequenceNumber: string | undefined, finished: boolean): Promise<boolean>;
  announceWorker(streamName: string, workerId: string, expiresAt: number): Promise<void>;
  removeWorker(streamName: string, workerId: string): Promise<void>;
}
