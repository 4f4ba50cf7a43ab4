import { gunzipSync, gzipSync } from 'node:zlib';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { boardActivityOf, type AgentAlert, type AgentView } from '@buddie/domain';
import type { AgentOutboxEvent } from '@buddie/messaging';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionalCheckFailed, sendConditional } from './dynamo';
import type { AgentStateItem, AgentStateRecord } from './agent-state.model';

export interface AgentStateSaveExtra {
  openAlerts: number;
  shardId?: string;
  now: string;
  /** The version to write; expectedVersion + 1 when absent. Must be above expectedVersion. */
  nextVersion?: number;
  openAlertItems?: AgentAlert[];
  outbox?: AgentOutboxEvent[];
  publishedVersion?: number;
}

export interface AgentListQuery {
  limit?: number;
  cursor?: string;
  /** Agent status name (Available, Break, ...), case-sensitive as Connect names it. */
  status?: string;
  activity?: string;
  /** The board activity (boardActivityOf): available, on-contact, custom, offline, ... */
  boardActivity?: string;
  /** Queue name or ARN the agent's routing profile serves. */
  queue?: string;
  /** Routing profile name or ARN. */
  routingProfile?: string;
  alerting?: boolean;
}

export class StaleAgentWriteError extends Error {
  readonly code = 'STALE_AGENT_WRITE';
}

/** One conditional Put of an agent's state, as PutItem and TransactWriteItems take it. */
export type AgentStatePut = Omit<PutCommandInput, 'Item'> & { Item: Record<string, unknown> };

const LIST_PARTITION = 'AGENT';
const CURSOR_KEYS = ['agentId', 'listPartition', 'username'];
/** BatchGetItem takes at most 100 keys per call. */
const MAX_BATCH_GET = 100;
const MAX_UNPROCESSED_ATTEMPTS = 8;

/**
 * Fastest level, and a 4 KB window with a smaller hash and output buffer: the documents are a few KB,
 * so they compress the same, and setting up the compressor, most of the cost at this size, is cheaper.
 */
const GZIP = { level: 1, windowBits: 12, memLevel: 6, chunkSize: 4096 };

/**
 * The view, the open alerts and the outbox are stored as gzip-compressed JSON (binary attributes),
 * not as nested maps: the monitor writes them on every state change, and a 5 KB item of ~100 nested
 * attributes cost most of the write (marshalling, DynamoDB parsing it, 6 write units) where the
 * compressed document is about a third of the size in one attribute. The board filters on the flat
 * attributes beside them. Items written as maps before are read the same.
 */
function encoded(value: unknown): Uint8Array | undefined {
  return value === undefined ? undefined : gzipSync(JSON.stringify(value), GZIP);
}

/** An empty list (no open alerts, most writes) is stored as an empty list: nothing to compress. */
function encodedList(value: readonly unknown[] | undefined): Uint8Array | readonly unknown[] | undefined {
  return value !== undefined && value.length === 0 ? value : encoded(value);
}

function decoded<T>(stored: unknown): T {
  return (stored instanceof Uint8Array ? JSON.parse(gunzipSync(stored).toString('utf8')) : stored) as T;
}

function stripInternal(item: Record<string, unknown>): AgentStateItem {
  const {
    listPartition: _partition,
    queueArns: _arns,
    routingProfileArn: _profileArn,
    openAlertItems: _open,
    outbox: _outbox,
    publishedVersion: _published,
    ...rest
  } = item;
  return { ...rest, view: decoded<AgentView>(rest.view) } as unknown as AgentStateItem;
}

function toRecord(item: Record<string, unknown>): AgentStateRecord {
  const { listPartition: _partition, queueArns: _arns, routingProfileArn: _profileArn, ...rest } = item;
  const record = { ...rest, view: decoded<AgentView>(rest.view) } as unknown as AgentStateRecord;
  if (rest.openAlertItems !== undefined) record.openAlertItems = decoded<AgentAlert[]>(rest.openAlertItems);
  if (rest.outbox !== undefined) record.outbox = decoded<AgentOutboxEvent[]>(rest.outbox);
  return record;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Current state per agent. `save` is a compare-and-set on `version`: a writer that read an older
 * version (another instance moved the agent meanwhile) gets StaleAgentWriteError and re-folds.
 */
export class AgentStateRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(agentId: string): Promise<AgentStateItem | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { agentId }, ConsistentRead: true }));
    return result.Item ? stripInternal(result.Item) : undefined;
  }

  /** The monitor's read: public state plus open alerts, outbox and publish marker; strongly consistent. */
  async getRecord(agentId: string): Promise<AgentStateRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { agentId }, ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  /** getRecord for many agents: BatchGetItem, 100 keys a call, unprocessed keys retried with backoff. */
  async getRecords(agentIds: readonly string[]): Promise<Map<string, AgentStateRecord>> {
    const found = new Map<string, AgentStateRecord>();
    const unique = [...new Set(agentIds)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_BATCH_GET) chunks.push(unique.slice(i, i + MAX_BATCH_GET));
    await Promise.all(
      chunks.map(async (chunk) => {
        let keys: Record<string, unknown>[] = chunk.map((agentId) => ({ agentId }));
        for (let attempt = 0; keys.length > 0; attempt++) {
          if (attempt >= MAX_UNPROCESSED_ATTEMPTS) throw new Error(`agent states: ${keys.length} key(s) still unprocessed after ${attempt} attempts`);
          if (attempt > 0) await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
          const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
          for (const item of result.Responses?.[this.tableName] ?? []) found.set(item.agentId as string, toRecord(item));
          keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        }
      }),
    );
    return found;
  }

  /**
   * Writes the view as version extra.nextVersion (default expectedVersion + 1; expectedVersion 0 =
   * the agent is new). Returns the new version.
   */
  async save(view: AgentView, expectedVersion: number, extra: AgentStateSaveExtra): Promise<number> {
    const { put, version } = this.putOf(view, expectedVersion, extra);
    try {
      await this.doc.send(new PutCommand(put));
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StaleAgentWriteError(`agent ${view.agentId} moved past version ${expectedVersion}`);
      throw error;
    }
    return version;
  }

  /** The compare-and-set Put `save` sends, for a caller that writes it inside a transaction (AgentChangeWriter). */
  putOf(view: AgentView, expectedVersion: number, extra: AgentStateSaveExtra): { put: AgentStatePut; version: number } {
    const version = extra.nextVersion ?? expectedVersion + 1;
    if (version <= expectedVersion) throw new Error(`agent ${view.agentId}: version ${version} does not advance ${expectedVersion}`);
    const board = boardActivityOf(view);
    const item = {
      agentId: view.agentId,
      version,
      view: encoded(view),
      username: view.username,
      statusName: view.status.name,
      activity: view.activity,
      boardActivity: board.activity,
      boardActivityLabel: board.label,
      boardActivitySince: board.since,
      routingProfileName: view.routingProfile.name,
      routingProfileArn: view.routingProfile.arn,
      queueNames: view.queues.map((queue) => queue.name),
      queueArns: view.queues.map((queue) => queue.arn),
      loggedIn: view.loggedIn,
      openAlerts: extra.openAlerts,
      alerting: extra.openAlerts > 0,
      lastEventAt: view.lastEventAt,
      shardId: extra.shardId,
      updatedAt: extra.now,
      listPartition: LIST_PARTITION,
      openAlertItems: encodedList(extra.openAlertItems),
      outbox: extra.outbox !== undefined && extra.outbox.length > 0 ? encoded(extra.outbox) : undefined,
      publishedVersion: extra.publishedVersion,
    };
    const put: AgentStatePut = {
      TableName: this.tableName,
      Item: item,
      ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(agentId)' : 'version = :expected',
      ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':expected': expectedVersion },
    };
    return { put, version };
  }

  /**
   * Records that everything up to `version` was published and drops the outbox, unless the agent
   * moved on meanwhile (its next write carries the marker instead).
   */
  async markPublished(agentId: string, version: number): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { agentId },
        UpdateExpression: 'SET publishedVersion = :v REMOVE outbox',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': version },
      }),
    );
  }

  /** Alert bookkeeping only; leaves the view and its version alone. */
  async setOpenAlerts(agentId: string, openAlerts: number): Promise<void> {
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { agentId },
        UpdateExpression: 'SET openAlerts = :n, alerting = :a',
        ConditionExpression: 'attribute_exists(agentId)',
        ExpressionAttributeValues: { ':n': openAlerts, ':a': openAlerts > 0 },
      }),
    );
  }

  /**
   * Agents by username, filtered. Filters apply after the index read, so this keeps reading until the
   * page is full; the cursor is the last returned agent, never an over-read position.
   */
  async list(query: AgentListQuery = {}): Promise<Page<AgentStateItem>> {
    const limit = query.limit ?? 50;
    const filters: string[] = [];
    const values: Record<string, unknown> = { ':p': LIST_PARTITION };
    if (query.status !== undefined) {
      filters.push('statusName = :status');
      values[':status'] = query.status;
    }
    if (query.activity !== undefined) {
      filters.push('activity = :activity');
      values[':activity'] = query.activity;
    }
    if (query.boardActivity !== undefined) {
      filters.push('boardActivity = :boardActivity');
      values[':boardActivity'] = query.boardActivity;
    }
    if (query.queue !== undefined) {
      filters.push('(contains(queueNames, :queue) OR contains(queueArns, :queue))');
      values[':queue'] = query.queue;
    }
    if (query.routingProfile !== undefined) {
      filters.push('(routingProfileName = :profile OR routingProfileArn = :profile)');
      values[':profile'] = query.routingProfile;
    }
    if (query.alerting !== undefined) {
      filters.push('alerting = :alerting');
      values[':alerting'] = query.alerting;
    }
    const items: AgentStateItem[] = [];
    const scope = { list: 'agent-states.byUsername', fixed: { listPartition: LIST_PARTITION } };
    let start = decodeCursor(query.cursor, CURSOR_KEYS, scope);
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'byUsername',
          KeyConditionExpression: 'listPartition = :p',
          FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: start,
          Limit: Math.max(limit, 100),
        }),
      );
      const matched = page.Items ?? [];
      for (let i = 0; i < matched.length; i++) {
        items.push(stripInternal(matched[i]));
        if (items.length === limit) {
          const more = i < matched.length - 1 || page.LastEvaluatedKey !== undefined;
          const last = matched[i];
          return { items, nextCursor: more ? encodeCursor({ agentId: last.agentId, listPartition: LIST_PARTITION, username: last.username }, scope) : null };
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return { items, nextCursor: null };
  }
}
