import { GetCommand, PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallSummary } from '@buddie/domain';
import { readFullPage, type Page } from './cursor';
import { batchGetItems, sendConditional, type BatchGetOptions } from './dynamo';
import type { SummaryRecord, SummaryStatus } from './summary.model';

export interface SummaryListQuery {
  limit?: number;
  cursor?: string;
}

/**
 * Call summaries keyed by contact id (DESIGN.md 5). A summarized contact is never overwritten, so
 * replaying any message that leads here changes nothing; the non-final statuses may move on.
 */
export class SummaryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(contactId: string): Promise<SummaryRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId }, ConsistentRead: true }));
    return result.Item as SummaryRecord | undefined;
  }

  /** Many summaries at once (BatchGetItem, 100 keys a request, unprocessed keys retried), strongly consistent; unknown ids are absent. */
  async getMany(contactIds: string[], options?: BatchGetOptions): Promise<Map<string, SummaryRecord>> {
    const unique = [...new Set(contactIds)];
    const items = await batchGetItems(this.doc, this.tableName, unique.map((contactId) => ({ contactId })), options);
    return new Map(items.map((item) => [String(item.contactId), item as unknown as SummaryRecord]));
  }

  /** Stores the summary unless one is already there; returns false when it was (a replay). */
  async putSummary(record: SummaryRecord & { status: 'summarized'; summary: CallSummary }): Promise<boolean> {
    return sendConditional(
      this.doc,
      new PutCommand({
        TableName: this.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(contactId) OR #status <> :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'summarized' },
      }),
    );
  }

  /**
   * Records a non-final status with its reason (and transcription bookkeeping). Never downgrades a
   * summarized contact: returns false in that case.
   */
  async putStatus(
    contactId: string,
    status: Exclude<SummaryStatus, 'summarized'>,
    at: string,
    extra: Pick<SummaryRecord, 'reason' | 'transcriptionAttempts' | 'transcriptionJobName' | 'mediaLocation' | 'correlationId'> = {},
  ): Promise<boolean> {
    const fields: Record<string, unknown> = { status, updatedAt: at, ...extra };
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':done': 'summarized' };
    const sets: string[] = [];
    const removes: string[] = [];
    Object.entries(fields).forEach(([key, value], i) => {
      names[`#f${i}`] = key;
      if (value === undefined) removes.push(`#f${i}`);
      else {
        values[`:v${i}`] = value;
        sets.push(`#f${i} = :v${i}`);
      }
    });
    if (!('reason' in extra)) {
      names['#reason'] = 'reason';
      removes.push('#reason');
    }
    return sendConditional(
      this.doc,
      new UpdateCommand({
        TableName: this.tableName,
        Key: { contactId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_not_exists(contactId) OR #status <> :done',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /**
   * Summarized contacts, page by page. The table has no recency index, so pages follow the key
   * order DynamoDB scans in, and a page may hold fewer than `limit` items (the status filter
   * applies after the read); follow nextCursor until it is null.
   */
  async list(query: SummaryListQuery = {}): Promise<Page<SummaryRecord>> {
    return readFullPage({
      limit: query.limit ?? 50,
      cursor: query.cursor,
      keys: ['contactId'],
      scope: { list: 'call-summaries.summarized' },
      filtered: true,
      read: (start, limit) =>
        this.doc.send(
          new ScanCommand({
            TableName: this.tableName,
            Limit: limit,
            FilterExpression: '#status = :done',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':done': 'summarized' },
            ExclusiveStartKey: start,
          }),
        ),
      map: (item) => item as unknown as SummaryRecord,
    });
  }
}
