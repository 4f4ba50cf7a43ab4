import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgentAlert, AgentAlertStatus } from '@buddie/domain';
import { readFullPage, type Page } from './cursor';
import type { AgentAlertRecord } from './agent-alert.model';
import { queryAll, sendConditional } from './dynamo';

function fromItem(item: Record<string, unknown>): AgentAlert {
  const { alertId: _key, ...alert } = item as unknown as AgentAlertRecord;
  return alert;
}

/**
 * Agent alerts keyed by their deterministic id (agent:rule:conditionStart). Raising is a create that
 * fails on an existing id and clearing is conditional on the alert being open, so a replay after a
 * restart finds nothing to announce twice.
 */
export class AgentAlertRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** True when the alert is new; false when it was raised before (nothing to publish). */
  async raise(alert: AgentAlert): Promise<boolean> {
    return sendConditional(
      this.doc,
      new PutCommand({ TableName: this.tableName, Item: { ...alert, alertId: alert.id } satisfies AgentAlertRecord, ConditionExpression: 'attribute_not_exists(alertId)' }),
    );
  }

  async update(alert: AgentAlert): Promise<void> {
    await sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { alertId: alert.id },
        UpdateExpression: 'SET lastValue = :v',
        ConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':v': alert.lastValue, ':open': 'open' },
      }),
    );
  }

  /** True when this call closed it; false when it was already cleared (or never stored). */
  async clear(alert: AgentAlert): Promise<boolean> {
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { alertId: alert.id },
        UpdateExpression: 'SET #s = :cleared, clearedAt = :at, lastValue = :v',
        ConditionExpression: '#s = :open',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':cleared': 'cleared', ':open': 'open', ':at': alert.clearedAt, ':v': alert.lastValue },
      }),
    );
  }

  async openForAgent(agentId: string): Promise<AgentAlert[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'byAgent',
      KeyConditionExpression: 'agentId = :a',
      FilterExpression: '#s = :open',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':a': agentId, ':open': 'open' },
    });
    return items.map(fromItem);
  }

  /** Newest raised first. */
  async list(query: { status: AgentAlertStatus; agentId?: string; limit?: number; cursor?: string }): Promise<Page<AgentAlert>> {
    return readFullPage({
      limit: query.limit ?? 50,
      cursor: query.cursor,
      keys: ['alertId', 'status', 'raisedAt'],
      scope: { list: 'agent-alerts.byStatus', fixed: { status: query.status } },
      filtered: query.agentId !== undefined,
      read: (start, limit) =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'byStatus',
            KeyConditionExpression: '#s = :s',
            FilterExpression: query.agentId === undefined ? undefined : 'agentId = :a',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: query.agentId === undefined ? { ':s': query.status } : { ':s': query.status, ':a': query.agentId },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: start,
          }),
        ),
      map: fromItem,
    });
  }
}
