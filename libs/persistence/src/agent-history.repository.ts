import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactWork } from '@buddie/domain';

/** One line of an agent's timeline: a supervisor-visible change, and the contacts it completed. */
export interface AgentHistoryEntry {
  agentId: string;
  /** EventTimestamp of the event that caused the change. */
  timestamp: string;
  eventId: string;
  eventType: string;
  statusName: string;
  activity: string;
  activitySince: string;
  loggedIn: boolean;
  contacts: { contactId: string; state: string }[];
  completedContacts: ContactWork[];
}

const MAX_BATCH = 25;

/**
 * Append-only agent timeline with a TTL. The sort key is `timestamp#eventId`, so a redelivered
 * event overwrites its own line instead of adding another one.
 */
export class AgentHistoryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly ttlDays: number = 30,
  ) {}

  async append(entries: readonly AgentHistoryEntry[]): Promise<void> {
    const requests = entries.map((entry) => ({
      PutRequest: {
        Item: {
          ...entry,
          at: `${entry.timestamp}#${entry.eventId}`,
          expiresAt: Math.floor(Date.parse(entry.timestamp) / 1000) + this.ttlDays * 86_400,
        },
      },
    }));
    for (let i = 0; i < requests.length; i += MAX_BATCH) {
      let pending: Record<string, typeof requests> = { [this.tableName]: requests.slice(i, i + MAX_BATCH) };
      for (let attempt = 0; Object.keys(pending).length > 0; attempt++) {
        if (attempt > 8) throw new Error(`agent history: ${pending[this.tableName]?.length ?? 0} item(s) still unprocessed`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.doc.send(new BatchWriteCommand({ RequestItems: pending }));
        pending = (result.UnprocessedItems ?? {}) as typeof pending;
      }
    }
  }

  /** The agent's timeline for one UTC day (YYYY-MM-DD), oldest first. */
  async timeline(agentId: string, day: string): Promise<AgentHistoryEntry[]> {
    const entries: AgentHistoryEntry[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'agentId = :a AND begins_with(#at, :day)',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':a': agentId, ':day': day },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const { at: _at, expiresAt: _expires, ...entry } = item;
        entries.push(entry as AgentHistoryEntry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return entries;
  }
}
