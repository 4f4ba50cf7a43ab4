import { GetCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFullPage, type Page } from './cursor';
import type { JourneyListQuery, JourneyRecord } from './journey.model';

const CURSOR_KEYS = ['contactId'];

/** Journeys keyed by contact id. The gateway only reads; ivr-journey writes (and adds its writes here). */
export class JourneyRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(contactId: string): Promise<JourneyRecord | undefined> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { contactId } }));
    return result.Item as JourneyRecord | undefined;
  }

  /**
   * A page in the table's key order (there is no recency index yet); full even though the `failed` filter
   * applies after the read. Follow nextCursor until it is null.
   */
  async list(query: JourneyListQuery = {}): Promise<Page<JourneyRecord>> {
    const filtered = query.failed !== undefined;
    return readFullPage({
      limit: query.limit ?? 50,
      cursor: query.cursor,
      keys: CURSOR_KEYS,
      filtered,
      read: (start, limit) =>
        this.doc.send(
          new ScanCommand({
            TableName: this.tableName,
            Limit: limit,
            ExclusiveStartKey: start,
            FilterExpression: filtered ? '#failed = :failed' : undefined,
            ExpressionAttributeNames: filtered ? { '#failed': 'failed' } : undefined,
            ExpressionAttributeValues: filtered ? { ':failed': query.failed } : undefined,
          }),
        ),
      map: (item) => item as unknown as JourneyRecord,
    });
  }

  /** Up to `max` journeys (at least one page), for analytics over a bounded sample. */
  async sample(max: number): Promise<JourneyRecord[]> {
    const items: JourneyRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list({ limit: Math.min(500, max), cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < max);
    return items.slice(0, max);
  }
}
