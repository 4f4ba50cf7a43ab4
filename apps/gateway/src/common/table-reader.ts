import { GetCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type Page } from '@buddie/persistence';

export type Item = Record<string, unknown>;

export interface ReadPage {
  limit: number;
  cursor?: string;
  /** Equality filters on top-level attributes; names and values travel as placeholders, never as text. */
  equals?: Record<string, string | boolean | undefined>;
}

/**
 * Read-only access to a table another app owns (journeys, escalations, summaries...). The gateway
 * only lists and fetches; the owning app decides what is written.
 */
export class TableReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    readonly tableName: string,
    private readonly cursorKeys: string[],
  ) {}

  async get(key: Item): Promise<Item | undefined> {
    return (await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key }))).Item;
  }

  async scan(page: ReadPage): Promise<Page<Item>> {
    const filter = this.filter(page.equals);
    const result = await this.doc.send(
      new ScanCommand({ TableName: this.tableName, Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, this.cursorKeys), ...filter }),
    );
    return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
  }

  /** Newest first along the index's sort key. */
  async query(indexName: string, partition: { name: string; value: string }, page: ReadPage): Promise<Page<Item>> {
    const filter = this.filter(page.equals);
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: filter.FilterExpression,
        ExpressionAttributeNames: { ...filter.ExpressionAttributeNames, '#pk': partition.name },
        ExpressionAttributeValues: { ...filter.ExpressionAttributeValues, ':pk': partition.value },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, this.cursorKeys),
      }),
    );
    return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
  }

  private filter(equals: ReadPage['equals'] = {}) {
    const entries = Object.entries(equals).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return {};
    return {
      FilterExpression: entries.map((_, i) => `#f${i} = :f${i}`).join(' AND '),
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])),
    };
  }
}

export const JOURNEYS = Symbol('JOURNEYS');
export const ESCALATIONS = Symbol('ESCALATIONS');
export const SUMMARIES = Symbol('SUMMARIES');
export const AGENT_STATES = Symbol('AGENT_STATES');
export const AGENT_ALERTS = Symbol('AGENT_ALERTS');
