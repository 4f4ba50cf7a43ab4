import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { createDynamoClients, SalesforceSyncRepository, TABLES } from '../src';

describe('SalesforceSyncRepository waiting markers on DynamoDB Local', () => {
  let env: TestEnvironment;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let sync: SalesforceSyncRepository;

  beforeAll(async () => {
    env = await createTestEnvironment();
    dynamo = createDynamoClients(env.config);
    sync = new SalesforceSyncRepository(dynamo.doc, env.physical(TABLES.salesforceSync.logicalName));
  });
  afterAll(async () => {
    dynamo.client.destroy();
    await env.close();
  });

  it('the table (created from the definition CDK declares) expires items by expiresAt', async () => {
    const ttl = await dynamo.client.send(new DescribeTimeToLiveCommand({ TableName: env.physical(TABLES.salesforceSync.logicalName) }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('given two Tasks waiting on one Case, then the marker carries the latest note’s expiry, keeps the Task still waiting, and is deleted with the last one', async () => {
    await sync.noteWaitingTask('case:c-1', 'task:e-1', '2026-12-01T10:00:00.000Z', new Date('2026-12-08T10:00:00.000Z'));
    await sync.noteWaitingTask('case:c-1', 'task:e-2', '2026-12-01T10:05:00.000Z', new Date('2026-12-08T10:05:00.500Z'));
    expect(await sync.waitingMarker('case:c-1')).toEqual({ taskKeys: expect.arrayContaining(['task:e-1', 'task:e-2']), updatedAt: '2026-12-01T10:05:00.000Z', expiresAt: Date.parse('2026-12-08T10:05:01.000Z') / 1000 });

    // e-1 linked, plus a Task that never waited and a Case with no marker: nothing else changes, nothing is created.
    expect(await sync.forgetWaitingTasks([{ caseKey: 'case:c-1', taskKey: 'task:e-1' }, { caseKey: 'case:c-1', taskKey: 'task:never' }, { caseKey: 'case:none', taskKey: 'task:e-9' }])).toBe(0);
    expect((await sync.waitingMarker('case:c-1'))?.taskKeys).toEqual(['task:e-2']);
    expect(await sync.waitingMarker('case:none')).toBeUndefined();
    expect(await sync.getMany(['waiting:case:none'])).toEqual(new Map());

    expect(await sync.forgetWaitingTasks([{ caseKey: 'case:c-1', taskKey: 'task:e-2' }])).toBe(1);
    expect(await sync.waitingMarker('case:c-1')).toBeUndefined();
    expect(await sync.waitingTasks(['case:c-1'])).toEqual(new Map());
  });
});
