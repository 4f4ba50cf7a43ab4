/** The stream-checkpoints table: Kinesis shard leases and checkpoints, and the workers holding them. */
export interface StoredShardLease {
  shardId: string;
  leaseOwner?: string;
  leaseExpiresAt?: number;
  checkpoint?: string;
  finished?: boolean;
}

export interface StoredWorker {
  workerId: string;
  expiresAt: number;
}
