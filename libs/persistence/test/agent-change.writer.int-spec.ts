import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentView } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { foldAgentEvents } from '../../domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, readAgentEvents } from '../../testing/src/fixtures';
import { AgentChangeWriter, AgentHistoryRepository, AgentStateRepository, createDynamoClients, type AgentChange, type AgentHistoryEntry } from '../src';

// As stored: DynamoDB keeps no undefined fields.
const jdoe = JSON.parse(JSON.stringify(foldAgentEvents(readAgentEvents(JDOE_SHIFT).slice(0, 10)).view)) as AgentView;
const viewOf = (agentId: string): AgentView => ({ ...jdoe, agentId, username: agentId });
const line = (agentId: string, n: number): AgentHistoryEntry => ({
  agentId,
  timestamp: `2024-03-12T14:${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000Z`,
  eventId: `${agentId}-e${n}`,
  eventType: 'STATE_CHANGE',
  statusName: 'Available',
  activity: 'Idle',
  activitySince: '2024-03-12T14:00:00.000Z',
  loggedIn: true,
  contacts: [],
  completedContacts: [],
});
const change = (agentId: string, expectedVersion: number, lines: number): AgentChange => ({
  view: viewOf(agentId),
  expectedVersion,
  extra: { openAlerts: 0, now: '2024-03-12T14:10:00Z', nextVersion: expectedVersion + lines, openAlertItems: [], outbox: [] },
  history: Array.from({ length: lines }, (_, n) => line(agentId, expectedVersion + n)),
});

describe('AgentChangeWriter on DynamoDB Local (one transaction per group)', () => {
  let env: TestEnvironment;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let states: AgentStateRepository;
  let history: AgentHistoryRepository;
  let writer: AgentChangeWriter;

  beforeAll(async () => {
    env = await createTestEnvironment();
    dynamo = createDynamoClients(env.config);
    states = new AgentStateRepository(dynamo.doc, env.physical('agent-states'));
    // The system clock: retention then counts from now, so DynamoDB Local's TTL sweep leaves the 2024 lines alone.
    history = new AgentHistoryRepository(dynamo.doc, env.physical('agent-history'));
    writer = new AgentChangeWriter(dynamo.doc, states, history);
  });

  afterAll(async () => {
    dynamo.client.destroy();
    await env.close();
  });

  const versionOf = async (agentId: string) =>
    (await dynamo.doc.send(new GetCommand({ TableName: env.physical('agent-states'), Key: { agentId }, ConsistentRead: true }))).Item?.version as number | undefined;
  const linesOf = async (agentId: string) =>
    ((await dynamo.doc.send(new QueryCommand({ TableName: env.physical('agent-history'), KeyConditionExpression: 'agentId = :a', ExpressionAttributeValues: { ':a': agentId } }))).Items ?? []).map(
      (item) => item.eventId as string,
    );

  it('given new agents, then every state and history line is stored and the versions are returned; an empty alert list is stored uncompressed and reads back empty', async () => {
    const written = await writer.write([change('tx-a', 0, 2), change('tx-b', 0, 3)]);

    expect(written).toEqual({ versions: new Map([['tx-a', 2], ['tx-b', 3]]), stale: [] });
    expect(await versionOf('tx-b')).toBe(3);
    expect(await linesOf('tx-b')).toEqual(['tx-b-e0', 'tx-b-e1', 'tx-b-e2']);
    const raw = (await dynamo.doc.send(new GetCommand({ TableName: env.physical('agent-states'), Key: { agentId: 'tx-a' } }))).Item;
    expect(raw?.openAlertItems).toEqual([]);
    expect((await states.getRecord('tx-a'))?.openAlertItems).toEqual([]);
  });

  it('given one agent whose state moved past the expected version, then it is reported stale with nothing of it written, and the others are stored', async () => {
    await writer.write([change('tx-c', 0, 1), change('tx-d', 0, 1)]);

    // tx-c is at version 1; a writer that read version 0 again is behind.
    const written = await writer.write([change('tx-c', 0, 4), change('tx-d', 1, 1)]);

    expect(written).toEqual({ versions: new Map([['tx-d', 2]]), stale: ['tx-c'] });
    expect(await versionOf('tx-c')).toBe(1);
    expect(await linesOf('tx-c')).toEqual(['tx-c-e0']);
    expect(await versionOf('tx-d')).toBe(2);
    expect(await linesOf('tx-d')).toEqual(['tx-d-e0', 'tx-d-e1']);
  });

  it('given more history than one transaction takes (a catch-up slice), then the history is written first and the states in the transaction', async () => {
    const written = await writer.write([change('tx-e', 0, 120), change('tx-f', 0, 1)]);

    expect(written.versions).toEqual(new Map([['tx-e', 120], ['tx-f', 1]]));
    expect(await linesOf('tx-e')).toHaveLength(120);
  });

  it('given the same event twice in a group (a redelivered record), then its line is written once', async () => {
    const twice = change('tx-g', 0, 1);

    await writer.write([{ ...twice, history: [twice.history[0], twice.history[0]] }]);

    expect(await linesOf('tx-g')).toEqual(['tx-g-e0']);
  });

  it('given a transaction DynamoDB rejects for its content, then the error is thrown, not reported as stale', async () => {
    const oversized = change('tx-h', 0, 1);
    oversized.view = { ...oversized.view, username: '' };

    await expect(writer.write([oversized, change('tx-i', 0, 1)])).rejects.toThrow();
    expect(await versionOf('tx-i')).toBeUndefined();
  });
});
