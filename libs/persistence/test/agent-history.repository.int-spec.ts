import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { fixedClock } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { AgentHistoryRepository, createDynamoClients, type AgentHistoryEntry } from '../src';

const DAY_S = 86_400;
const entry = (timestamp: string, eventId: string): AgentHistoryEntry => ({
  agentId: 'a-1',
  timestamp,
  eventId,
  eventType: 'STATE_CHANGE',
  statusName: 'Available',
  activity: 'Idle',
  activitySince: timestamp,
  loggedIn: true,
  contacts: [],
  completedContacts: [],
});

describe('AgentHistoryRepository on DynamoDB Local', () => {
  let env: TestEnvironment;
  beforeAll(async () => (env = await createTestEnvironment()));
  afterAll(() => env.close());

  it('keeps a replayed older day for its full retention from when it was written, and live events from when they happened', async () => {
    const { doc } = createDynamoClients(env.config);
    const table = env.physical('agent-history');
    const writtenAt = Date.parse('2026-11-26T10:00:00Z');
    const repo = new AgentHistoryRepository(doc, table, 30, fixedClock('2026-11-26T10:00:00Z'));

    await repo.append([entry('2024-03-12T14:00:00.000Z', 'old'), entry('2026-11-26T10:00:05.000Z', 'live')]);

    const items = (await doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'agentId = :a', ExpressionAttributeValues: { ':a': 'a-1' } }))).Items ?? [];
    const expiry = Object.fromEntries(items.map((item) => [item.eventId as string, item.expiresAt as number]));
    expect(expiry.old).toBe(writtenAt / 1000 + 30 * DAY_S);
    expect(expiry.live).toBe(Date.parse('2026-11-26T10:00:05Z') / 1000 + 30 * DAY_S);
    expect((await repo.timeline('a-1', '2024-03-12')).map((e) => e.eventId)).toEqual(['old']);
  });
});
