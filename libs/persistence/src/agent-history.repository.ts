import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimit, systemClock, type Clock } from '@buddie/domain';
import type { AgentHistoryEntry } from './agent-history.model';
import { queryAll } from './dynamo';

const MAX_BATCH = 25;
const MAX_ATTEMPTS = 8;

/**
 * Append-only agent timeline with a TTL. The sort key is `timestamp#eventId`, so a redelivered
 * event overwrites its own line instead of adding another one.
 */
export class AgentHistoryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ttlDays: number = 30,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Writes the entries with BatchWriteItem, 25 a call and up to `concurrency` calls at once; items
   * DynamoDB leaves unprocessed (throttling) are resent with jittered exponential backoff. Resolves
   * only when every entry is stored.
   */
  async append(entries: readonly AgentHistoryEntry[], concurrency = 4): Promise<void> {
    const requests = this.itemsOf(entries).map((Item) => ({ PutRequest: { Item } }));
    const chunks: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += MAX_BATCH) chunks.push(requests.slice(i, i + MAX_BATCH));
    await forEachLimit(chunks, concurrency, (chunk) => this.writeChunk(chunk));
  }

  /**
   * The stored items of these entries (for append, and for a transaction that writes them with the
   * state, AgentChangeWriter), one per key: a redelivered event in the same call is written once.
   */
  puts(entries: readonly AgentHistoryEntry[]): { TableName: string; Item: Record<string, unknown> }[] {
    return this.itemsOf(entries).map((Item) => ({ TableName: this.tableName, Item }));
  }

  private itemsOf(entries: readonly AgentHistoryEntry[]): Record<string, unknown>[] {
    const writtenAt = this.clock.now().getTime();
    const items = new Map<string, Record<string, unknown>>();
    for (const entry of entries) {
      const at = `${entry.timestamp}#${entry.eventId}`;
      items.set(`${entry.agentId}\u0000${at}`, {
        ...entry,
        at,
        // Retention counts from the event, but never from before it was written: a replay of an
        // older day is kept its full retention instead of being expired on arrival.
        expiresAt: Math.floor(Math.max(Date.parse(entry.timestamp), writtenAt) / 1000) + this.ttlDays * 86_400,
      });
    }
    return [...items.values()];
  }

  private async writeChunk(chunk: { PutRequest: { Item: Record<string, unknown> } }[]): Promise<void> {
    let pending: Record<string, typeof chunk> = { [this.tableName]: chunk };
    for (let attempt = 0; (pending[this.tableName]?.length ?? 0) > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`agent history: ${pending[this.tableName]?.length ?? 0} item(s) still unprocessed`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (0.5 + Math.random())));
      const result = await this.doc.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = (result.UnprocessedItems ?? {}) as typeof pending;
    }
  }

  /** The agent's timeline for one UTC day (YYYY-MM-DD), oldest first. */
  async timeline(agentId: string, day: string): Promise<AgentHistoryEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'agentId = :a AND begins_with(#at, :day)',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':a': agentId, ':day': day },
    });
    return items.map(({ at: _at, expiresAt: _expires, ...entry }) => entry as AgentHistoryEntry);
  }
}
