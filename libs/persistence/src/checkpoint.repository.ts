import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock, type Clock } from '@buddie/domain';
import { queryAll, sendConditional } from './dynamo';
import type { StoredShardLease, StoredWorker } from './checkpoint.model';

/** Workers announce themselves in the same partition as the leases, under a prefix no shard id has. */
const WORKER_PREFIX = 'worker#';

/**
 * Kinesis shard leases and checkpoints, one item per (stream, shard). Every write that needs
 * ownership is conditional on `leaseOwner`, so a worker whose lease expired and was taken cannot
 * move the checkpoint. Implements the LeaseStore of @buddie/messaging's Kinesis consumer.
 */
export class CheckpointRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {}

  async listLeases(streamName: string): Promise<{ leases: StoredShardLease[]; workers: StoredWorker[] }> {
    const leases: StoredShardLease[] = [];
    const workers: StoredWorker[] = [];
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'streamName = :s',
      ExpressionAttributeValues: { ':s': streamName },
      ConsistentRead: true,
    });
    for (const item of items) {
      const shardId = item.shardId as string;
      if (shardId.startsWith(WORKER_PREFIX)) {
        workers.push({ workerId: shardId.slice(WORKER_PREFIX.length), expiresAt: item.expiresAtMs as number });
        continue;
      }
      leases.push({
        shardId,
        leaseOwner: (item.leaseOwner as string | undefined) ?? undefined,
        leaseExpiresAt: item.leaseExpiresAt as number | undefined,
        checkpoint: item.checkpoint as string | undefined,
        finished: item.finished === true,
      });
    }
    return { leases, workers };
  }

  async get(streamName: string, shardId: string): Promise<StoredShardLease | undefined> {
    return (await this.listLeases(streamName)).leases.find((lease) => lease.shardId === shardId);
  }

  acquire(streamName: string, shardId: string, owner: string, nowMs: number, expiresAt: number): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { streamName, shardId },
        UpdateExpression: 'SET leaseOwner = :me, leaseExpiresAt = :exp, leaseCounter = if_not_exists(leaseCounter, :zero) + :one',
        ConditionExpression: 'attribute_not_exists(leaseOwner) OR leaseOwner = :me OR leaseExpiresAt < :now',
        ExpressionAttributeValues: { ':me': owner, ':exp': expiresAt, ':now': nowMs, ':zero': 0, ':one': 1 },
      }),
    );
  }

  renew(streamName: string, shardId: string, owner: string, expiresAt: number): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { streamName, shardId },
        UpdateExpression: 'SET leaseExpiresAt = :exp',
        ConditionExpression: 'leaseOwner = :me',
        ExpressionAttributeValues: { ':me': owner, ':exp': expiresAt },
      }),
    );
  }

  release(streamName: string, shardId: string, owner: string): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { streamName, shardId },
        UpdateExpression: 'REMOVE leaseOwner SET leaseExpiresAt = :zero',
        ConditionExpression: 'leaseOwner = :me',
        ExpressionAttributeValues: { ':me': owner, ':zero': 0 },
      }),
    );
  }

  checkpoint(streamName: string, shardId: string, owner: string, sequenceNumber: string | undefined, finished: boolean): Promise<boolean> {
    const values: Record<string, unknown> = { ':me': owner, ':finished': finished, ':at': this.clock.now().toISOString() };
    let update = 'SET finished = :finished, checkpointedAt = :at';
    if (sequenceNumber !== undefined) {
      update += ', checkpoint = :seq';
      values[':seq'] = sequenceNumber;
    }
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { streamName, shardId },
        UpdateExpression: update,
        ConditionExpression: 'leaseOwner = :me',
        ExpressionAttributeValues: values,
      }),
    );
  }

  async announceWorker(streamName: string, workerId: string, expiresAt: number): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { streamName, shardId: `${WORKER_PREFIX}${workerId}`, expiresAtMs: expiresAt } }));
  }

  async removeWorker(streamName: string, workerId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: { streamName, shardId: `${WORKER_PREFIX}${workerId}` } }));
  }
}
