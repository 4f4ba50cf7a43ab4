export * from './shard-lease.decisions';
export * from './lease-store';
export * from './kinesis-stream.consumer';
export * from './slice-size.decisions';
