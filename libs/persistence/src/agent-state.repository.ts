import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgentView } from '@buddie/domain';
import { decodeCursor, encodeCursor, type Page } from './cursor';

/** The stored agent: the full view plus the flat attributes the board filters on. */
export interface AgentStateItem {
  agentId: string;
  /** Bumped on every write; writes are conditional on it so two instances never move an agent back. */
  version: number;
  view: AgentView;
  username: string;
  statusName: string;
  activity: string;
  routingProfileName: string;
  queueNames: string[];
  loggedIn: boolean;
  openAlerts: number;
  alerting: boolean;
  lastEventAt: string;
  /** The Kinesis shard the agent's events last came from. */
  shardId?: string;
  updatedAt: string;
}

export interface AgentListQuery {
  limit?: number;
  cursor?: string;
  /** Agent status name (Available, Break, ...), case-sensitive as Connect names it. */
  status?: string;
  activity?: string;
  /** Queue name or ARN the agent's routing profile serves. */
  queue?: string;
  /** Routing profile name or ARN. */
  routingProfile?: string;
  alerting?: boolean;
}

export class StaleAgentWriteError extends Error {
  readonly code = 'STALE_AGENT_WRITE';
}

const LIST_PARTITION = 'AGENT';
const CURSOR_KEYS = ['agentId', 'listPartition', 'username'];

function stripInternal(item: Record<string, unknown>): AgentStateItem {
  const { listPartition: _partition, queueArns: _arns, routingProfileArn: _profileArn, ...rest } = item;
  return rest as unknown as AgentStateItem;
}

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

  /** Writes the view as version expectedVersion + 1 (0 = the agent is new). Returns the new version. */
  async save(view: AgentView, expectedVersion: number, extra: { openAlerts: number; shardId?: string; now: string }): Promise<number> {
    const version = expectedVersion + 1;
    const item = {
      agentId: view.agentId,
      version,
      view,
      username: view.username,
      statusName: view.status.name,
      activity: view.activity,
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
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(agentId)' : 'version = :expected',
          ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new StaleAgentWriteError(`agent ${view.agentId} moved past version ${expectedVersion}`);
      }
      throw error;
    }
    return version;
  }

  /** Alert bookkeeping only; leaves the view and its version alone. */
  async setOpenAlerts(agentId: string, openAlerts: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { agentId },
          UpdateExpression: 'SET openAlerts = :n, alerting = :a',
          ConditionExpression: 'attribute_exists(agentId)',
          ExpressionAttributeValues: { ':n': openAlerts, ':a': openAlerts > 0 },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    }
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
    let start = decodeCursor(query.cursor, CURSOR_KEYS);
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
          return { items, nextCursor: more ? encodeCursor({ agentId: last.agentId, listPartition: LIST_PARTITION, username: last.username }) : null };
        }
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return { items, nextCursor: null };
  }
}
