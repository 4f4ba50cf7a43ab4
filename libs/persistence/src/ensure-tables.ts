import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { monotonicMs } from '@buddie/domain';
import type { IndexDefinition, KeyAttribute, TableDefinition } from './table-definitions';

function keySchema(pk: KeyAttribute, sk?: KeyAttribute): KeySchemaElement[] {
  return sk ? [{ AttributeName: pk.name, KeyType: 'HASH' }, { AttributeName: sk.name, KeyType: 'RANGE' }] : [{ AttributeName: pk.name, KeyType: 'HASH' }];
}

function attributeDefinitions(def: TableDefinition): AttributeDefinition[] {
  const all = new Map<string, KeyAttribute>();
  const add = (k?: KeyAttribute) => k && all.set(k.name, k);
  add(def.partitionKey);
  add(def.sortKey);
  def.indexes?.forEach((index: IndexDefinition) => {
    add(index.partitionKey);
    add(index.sortKey);
  });
  return [...all.values()].map((k) => ({ AttributeName: k.name, AttributeType: k.type }));
}

async function addMissingIndexes(client: DynamoDBClient, TableName: string, def: TableDefinition, present: Set<string | undefined>): Promise<void> {
  for (const index of def.indexes ?? []) {
    if (present.has(index.indexName)) continue;
    // DynamoDB creates one index per UpdateTable call and refuses the next until it is active.
    await client.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: attributeDefinitions(def),
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.indexName, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );
    await waitForIndex(client, TableName, index.indexName);
  }
}

/** Backfilling takes a while (DynamoDB Local too, longer when it is busy); five minutes is far beyond any local table. */
async function waitForIndex(client: DynamoDBClient, TableName: string, indexName: string, timeoutMs = 300_000): Promise<void> {
  const deadline = monotonicMs() + timeoutMs;
  for (;;) {
    const table = await client.send(new DescribeTableCommand({ TableName }));
    const status = table.Table?.GlobalSecondaryIndexes?.find((g) => g.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    if (monotonicMs() > deadline) throw new Error(`index ${indexName} on ${TableName} is still ${status ?? 'missing'} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Creates any missing table (on-demand capacity, TTL where defined). Idempotent: run at every local boot. */
export async function ensureTables(client: DynamoDBClient, definitions: TableDefinition[], physical: (logical: string) => string): Promise<string[]> {
  const created: string[] = [];
  for (const def of definitions) {
    const TableName = physical(def.logicalName);
    try {
      const existing = await client.send(new DescribeTableCommand({ TableName }));
      // Data kept from an older version of the table definitions: add the indexes it lacks.
      await addMissingIndexes(client, TableName, def, new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName)));
      // ... and the TTL a newer definition declares.
      if (def.ttlAttribute) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName }));
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
          await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } }));
        }
      }
      continue;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keySchema(def.partitionKey, def.sortKey),
          AttributeDefinitions: attributeDefinitions(def),
          GlobalSecondaryIndexes: def.indexes?.map((index) => ({
            IndexName: index.indexName,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      );
      created.push(TableName);
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName });
    if (def.ttlAttribute) {
      await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true } }));
    }
  }
  return created;
}
