import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EscalationDraft } from '@buddie/domain';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import { isConditionalCheckFailed, sendConditional } from './dynamo';
import type { EscalationAction, EscalationListQuery, EscalationRecord, EscalationStatus, EscalationTransition, EscalationTransitionResult } from './escalation.model';

const CURSOR_KEYS = ['escalationId', 'status', 'createdAt'];
const INTERNAL = ['publishedCreated'];

function fromStored(item: Record<string, unknown>): EscalationRecord {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!INTERNAL.includes(key)) record[key] = value;
  return record as unknown as EscalationRecord;
}

/** Which statuses each action may leave, and the attributes it stamps. */
const TRANSITIONS: Record<EscalationAction, { to: EscalationStatus; from: EscalationStatus[]; at: 'acknowledgedAt' | 'resolvedAt'; by: 'acknowledgedBy' | 'resolvedBy'; note: 'acknowledgeNote' | 'resolveNote' }> = {
  acknowledge: { to: 'acknowledged', from: ['open'], at: 'acknowledgedAt', by: 'acknowledgedBy', note: 'acknowledgeNote' },
  resolve: { to: 'resolved', from: ['open', 'acknowledged'], at: 'resolvedAt', by: 'resolvedBy', note: 'resolveNote' },
};

/**
 * Escalations keyed by `<subject>:<cause>` (decideEscalations), listed per status newest first. Opening
 * one is conditional on the key not existing, so a replayed or redelivered input never opens a second;
 * `publishedCreated` records that EscalationCreated went out, so a crash between the write and the
 * publish is healed by the redelivery. Supervisors move them on through `transition`.
 */
export class EscalationRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(escalationId: string): Promise<EscalationRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { escalationId }, ConsistentRead: true }));
    return result.Item ? fromStored(result.Item) : undefined;
  }

  /** Opens it unless it exists; `needsPublish` while EscalationCreated has not been sent for it. */
  async open(draft: EscalationDraft, at: string): Promise<{ created: boolean; record: EscalationRecord; needsPublish: boolean }> {
    const record: EscalationRecord = { ...draft, status: 'open', createdAt: at, updatedAt: at };
    const item: Record<string, unknown> = { ...record };
    // byContact index: an escalation about an agent alert with no contact stays out of it.
    if (!draft.contactId) delete item.contactId;
    if (!draft.agentId) delete item.agentId;
    const created = await sendConditional(this.doc, new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(escalationId)' }));
    if (created) return { created: true, record, needsPublish: true };
    const current = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { escalationId: draft.escalationId }, ConsistentRead: true }));
    const stored = current.Item ?? item;
    return { created: false, record: fromStored(stored), needsPublish: stored.publishedCreated !== true };
  }

  async markCreatedPublished(escalationId: string): Promise<void> {
    await this.doc.send(new UpdateCommand({ TableName: this.tableName, Key: { escalationId }, UpdateExpression: 'SET publishedCreated = :t', ConditionExpression: 'attribute_exists(escalationId)', ExpressionAttributeValues: { ':t': true } }));
  }

  /** A contact's escalations, oldest first (the journey timeline shows them). */
  async listByContact(contactId: string): Promise<EscalationRecord[]> {
    const result = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, IndexName: 'byContact', KeyConditionExpression: 'contactId = :c', ExpressionAttributeValues: { ':c': contactId }, ScanIndexForward: true, Limit: 50 }),
    );
    return (result.Items ?? []).map(fromStored);
  }

  /** Newest created first. */
  async listByStatus(query: EscalationListQuery): Promise<Page<EscalationRecord>> {
    const scope = { list: 'escalations.byStatus', fixed: { status: query.status } };
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': query.status },
        ScanIndexForward: false,
        Limit: query.limit ?? 50,
        ExclusiveStartKey: decodeCursor(query.cursor, CURSOR_KEYS, scope),
      }),
    );
    return { items: (result.Items ?? []).map(fromStored), nextCursor: encodeCursor(result.LastEvaluatedKey, scope) };
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
      return { outcome: 'applied', escalation: fromStored(result.Attributes ?? {}) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const current = await this.get(escalationId);
      return current ? { outcome: 'conflict', current } : { outcome: 'not-found' };
    }
  }
}
