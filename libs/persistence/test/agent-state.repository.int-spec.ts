import { gunzipSync } from 'node:zlib';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AgentAlert, AgentView } from '@buddie/domain';
import type { AgentOutboxEvent } from '@buddie/messaging';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { foldAgentEvents } from '../../domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, readAgentEvents } from '../../testing/src/fixtures';
import { AgentStateRepository, createDynamoClients } from '../src';

// As stored: DynamoDB keeps no undefined fields.
const view = JSON.parse(JSON.stringify(foldAgentEvents(readAgentEvents(JDOE_SHIFT).slice(0, 10)).view)) as AgentView;
const alert: AgentAlert = {
  id: `${view.agentId}:hold-90:${view.activitySince}`,
  agentId: view.agentId,
  ruleId: 'hold-90',
  severity: 'warning',
  message: 'On hold for more than 90 s',
  startedAt: view.activitySince,
  raisedAt: view.lastEventAt,
  lastValue: 91,
  status: 'open',
};
const outbox: AgentOutboxEvent[] = [
  {
    type: 'AgentAlertRaised',
    detail: { correlationId: alert.id, occurredAt: alert.raisedAt, alertId: alert.id, agentId: alert.agentId, ruleId: alert.ruleId, severity: alert.severity, message: alert.message, startedAt: alert.startedAt, raisedAt: alert.raisedAt, clearedAt: null, lastValue: 91, status: 'open' },
  },
];

describe('AgentStateRepository on DynamoDB Local', () => {
  let env: TestEnvironment;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let states: AgentStateRepository;
  let table: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    dynamo = createDynamoClients(env.config);
    table = env.physical('agent-states');
    states = new AgentStateRepository(dynamo.doc, table);
  });

  afterAll(async () => {
    dynamo.client.destroy();
    await env.close();
  });

  it('given a saved view with open alerts and an outbox, then the item holds them as gzip-compressed JSON and every read returns them as they were given', async () => {
    await states.save(view, 0, { openAlerts: 1, now: '2024-03-12T14:10:00Z', nextVersion: 3, openAlertItems: [alert], outbox, publishedVersion: 2 });

    const raw = (await dynamo.doc.send(new GetCommand({ TableName: table, Key: { agentId: view.agentId } }))).Item ?? {};
    const documents = [raw.view, raw.openAlertItems, raw.outbox] as Uint8Array[];
    expect(documents.map((document) => document instanceof Uint8Array)).toEqual([true, true, true]);
    expect(documents.map((document) => JSON.parse(gunzipSync(document).toString('utf8')) as unknown)).toEqual([view, [alert], outbox]);
    expect(documents[0].length).toBeLessThan(JSON.stringify(view).length / 2);
    // The board's filters read the flat attributes, which stay attributes.
    expect(raw).toMatchObject({ statusName: view.status.name, activity: view.activity, alerting: true, version: 3 });

    const record = await states.getRecord(view.agentId);
    expect(record).toMatchObject({ version: 3, view, openAlertItems: [alert], outbox, publishedVersion: 2 });
    expect((await states.getRecords([view.agentId])).get(view.agentId)).toEqual(record);
    const publicItem = await states.get(view.agentId);
    expect(publicItem?.view).toEqual(view);
    expect(publicItem).not.toHaveProperty('outbox');
    expect((await states.list({ alerting: true })).items.map((item) => item.view)).toContainEqual(view);
  });

  it('given an item written before the compressed encoding (view, alerts and outbox as maps and lists), then it reads the same', async () => {
    const agentId = 'agent-written-as-maps';
    const old = { ...view, agentId };
    await dynamo.doc.send(
      new PutCommand({
        TableName: table,
        Item: { agentId, version: 5, view: old, username: 'old', statusName: old.status.name, listPartition: 'AGENT', openAlertItems: [alert], outbox, publishedVersion: 4 },
      }),
    );

    expect(await states.getRecord(agentId)).toMatchObject({ version: 5, view: old, openAlertItems: [alert], outbox, publishedVersion: 4 });
    expect((await states.get(agentId))?.view).toEqual(old);
  });
});
