import { ConditionalCheckFailedException, DeleteTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
  type BatchGetCommandOutput,
  type DeleteCommand,
  type PutCommand,
  type QueryCommandInput,
  type ScanCommandInput,
  type UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { awsClientSettings, physicalName, type BuddieConfig } from '@buddie/config';

export function createDynamoClients(config: BuddieConfig): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient(awsClientSettings(config, 'dynamodb'));
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return { client, doc };
}

export function tableName(config: BuddieConfig, logical: string): string {
  return physicalName(config, logical);
}

/** DynamoDB refused a write because its condition did not hold (matched by name too, whichever SDK copy threw it). */
export function isConditionalCheckFailed(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

/** Sends a conditional write: true when it was applied, false when its condition did not hold; other errors throw. */
export async function sendConditional(doc: DynamoDBDocumentClient, command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
  try {
    // send() is overloaded per command type and takes no union; either command is sent the same way.
    await doc.send(command as UpdateCommand);
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** The document client repositories are built on, named here so apps wire repositories without importing the SDK. */
/** An item as the document client returns it. */
type Item = Record<string, NativeAttributeValue>;

/** Every item a Query matches, following LastEvaluatedKey to the last page (for lists that are small by nature). */
export async function queryAll(doc: DynamoDBDocumentClient, input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return readAllPages((ExclusiveStartKey) => doc.send(new QueryCommand({ ...input, ExclusiveStartKey })));
}

/** Every item of a Scan, following LastEvaluatedKey to the last page (for tables that are small by nature). */
export async function scanAll(doc: DynamoDBDocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<Item[]> {
  return readAllPages((ExclusiveStartKey) => doc.send(new ScanCommand({ ...input, ExclusiveStartKey })));
}

async function readAllPages(
  read: (start: Item | undefined) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const page = await read(start);
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export type DynamoDoc = DynamoDBDocumentClient;

/** The document client apps hand to repositories (the DYNAMO_DOC provider); apps never import the SDK itself. */
export type DocumentClient = DynamoDBDocumentClient;

/** The health probe: one cheap call that proves the endpoint answers and the credentials work. */
export async function pingDynamo(client: DynamoDBClient): Promise<void> {
  await client.send(new ListTablesCommand({ Limit: 1 }));
}

/** Drops every table whose name starts with `prefix` (test environments clean up after themselves). */
export async function dropTablesWithPrefix(client: DynamoDBClient, prefix: string): Promise<void> {
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) {
      if (name.startsWith(prefix)) await client.send(new DeleteTableCommand({ TableName: name }));
    }
    start = page.LastEvaluatedTableName;
  } while (start);
}

/** BatchGetItem takes at most 100 keys per request. */
export const BATCH_GET_MAX_KEYS = 100;

export interface BatchGetOptions {
  /** Rounds per chunk of 100 keys (the first request plus retries of UnprocessedKeys) before giving up. */
  maxRounds?: number;
  /** First retry waits up to this long, doubling each round (full jitter), capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Keys BatchGetItem still left unprocessed after every allowed retry: nothing is reported missing that was not read. */
export class BatchGetIncompleteError extends Error {
  readonly code = 'BATCH_GET_INCOMPLETE';
  constructor(
    readonly tableName: string,
    readonly unprocessed: number,
  ) {
    super(`BatchGetItem on ${tableName} left ${unprocessed} keys unprocessed after retries`);
  }
}

/**
 * Strongly consistent reads of many items by key: chunks of at most 100 keys (BatchGetItem's limit),
 * each chunk's UnprocessedKeys (throttling, or the 16 MB response limit) asked again with jittered
 * exponential backoff, as AWS advises. Items are returned in no particular order; a key with no item is
 * simply absent. Throws BatchGetIncompleteError rather than passing off an unread key as a missing item.
 */
export async function batchGetItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, unknown>[],
  options: BatchGetOptions = {},
): Promise<Record<string, unknown>[]> {
  const { maxRounds = 8, baseDelayMs = 25, maxDelayMs = 1000 } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH_GET_MAX_KEYS);
    for (let round = 0; pending && pending.length > 0; round++) {
      if (round >= maxRounds) throw new BatchGetIncompleteError(tableName, pending.length);
      if (round > 0) await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (round - 1)));
      const result: BatchGetCommandOutput = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}
