import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionalCheckFailed } from './dynamo';
import type { EscalationAction, EscalationListQuery, EscalationRecord, EscalationStatus, EscalationTransition, EscalationTransitionResult } from './escalation.model';

const CURSOR_KEYS = ['escalationId', 'status', 'createdAt'];

/** Which statuses each action may leave, and the attributes it stamps. */
const TRANSITIONS: Record<EscalationAction, { to: EscalationStatus; from: EscalationStatus[]; at: 'acknowledgedAt' | 'resolvedAt'; by: 'acknowledgedBy' | 'resolvedBy'; note: 'acknowledgeNote' | 'resolveNote' }> = {
  acknowledge: { to: 'acknowledged', from: ['open'], at: 'acknowledgedAt', by: 'acknowledgedBy', note: 'acknowledgeNote' },
  resolve: { to: 'resolved', from: ['open', 'acknowledged'], at: 'resolvedAt', by: 'resolvedBy', note: 'resolveNote' },
};

/**
 * Escalations keyed by id, listed per status newest first. The escalation app creates them (and adds
 * its writes here); supervisors move them on through `transition`.
 */
export class EscalationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(escalationId: string): Promise<EscalationRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { escalationId }, ConsistentRead: true }));
    return result.Item as EscalationRecord | undefined;
  }

  /** Newest created first. */
  async listByStatus(query: EscalationListQuery): Promise<Page<EscalationRecord>> {
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': query.status },
        ScanIndexForward: false,
        Limit: query.limit ?? 50,
        ExclusiveStartKey: decodeCursor(query.cursor, CURSOR_KEYS),
      }),
    );
    return { items: (result.Items ?? []) as EscalationRecord[], nextCursor: encodeCursor(result.LastEvaluatedKey) };
  }

  /**
   * Acknowledge or resolve. The write is conditional on the current status, so of two supervisors
   * acting at once one gets `applied` and the other `conflict` with what is stored now.
   */
  async transition(escalationId: string, change: EscalationTransition): Promise<EscalationTransitionResult> {
    const step = TRANSITIONS[change.action];
    const note = change.note !== undefined && change.note !== '';
    const names: Record<string, string> = { '#status': 'status', '#at': step.at, '#by': step.by, ...(note ? { '#note': step.note } : {}) };
    const values: Record<string, unknown> = { ':to': step.to, ':at': change.at, ':by': change.by, ...(note ? { ':note': change.note } : {}) };
    step.from.forEach((status, i) => (values[`:from${i}`] = status));
    try {
      const result = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { escalationId },
          UpdateExpression: `SET #status = :to, #at = :at, #by = :by, updatedAt = :at${note ? ', #note = :note' : ''}`,
          ConditionExpression: `attribute_exists(escalationId) AND #status IN (${step.from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'applied', escalation: result.Attributes as EscalationRecord };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.get(escalationId);
      return current ? { outcome: 'conflict', current } : { outcome: 'not-found' };
    }
  }
}
