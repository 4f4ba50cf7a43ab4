import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { fixedClock, type AlertRule } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { AlertRuleRepository, createDynamoClients, TABLES } from '../src';

const rule = (id: string, overSeconds = 60): AlertRule => ({ id, name: `rule ${id}`, enabled: true, severity: 'warning', condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds } });

describe('AlertRuleRepository on DynamoDB Local', () => {
  let env: TestEnvironment;
  let doc: ReturnType<typeof createDynamoClients>['doc'];
  const clock = fixedClock('2026-12-01T10:00:00.000Z');
  // Each test its own table prefix would cost a table; one table, and each test starts from replaceAll.
  let rules: AlertRuleRepository;
  let table: string;
  beforeAll(async () => {
    env = await createTestEnvironment();
    doc = createDynamoClients(env.config).doc;
    table = env.physical(TABLES.alertRules.logicalName);
    rules = new AlertRuleRepository(doc, table, clock);
  });
  afterAll(() => env.close());

  it('given a rule put, then it reads back as written, stamped with the clock, and a put of the same id replaces it', async () => {
    await rules.replaceAll([]);
    await rules.put(rule('acw', 60));
    expect(await rules.get('acw')).toEqual(rule('acw', 60));
    expect((await doc.send(new GetCommand({ TableName: table, Key: { ruleId: 'acw' } }))).Item?.updatedAt).toBe('2026-12-01T10:00:00.000Z');

    clock.advance(60_000);
    await rules.put(rule('acw', 120));
    expect(await rules.get('acw')).toEqual(rule('acw', 120));
    expect((await doc.send(new GetCommand({ TableName: table, Key: { ruleId: 'acw' } }))).Item?.updatedAt).toBe('2026-12-01T10:01:00.000Z');
    expect(await rules.get('nope')).toBeUndefined();
  });

  it('given a delete, then it says whether the rule existed', async () => {
    await rules.replaceAll([rule('a')]);
    expect(await rules.delete('a')).toBe(true);
    expect(await rules.delete('a')).toBe(false);
    expect(await rules.list()).toEqual([]);
  });

  it('given more rules than one batch write takes (25), then replaceAll leaves exactly the given rules, sorted by id, and drops the stale ones', async () => {
    await rules.replaceAll([rule('stale-1'), rule('stale-2'), rule('kept', 30)]);
    const many = Array.from({ length: 30 }, (_, i) => rule(`r-${String(i).padStart(2, '0')}`));

    await rules.replaceAll([...many, rule('kept', 90)]);

    const listed = await rules.list();
    expect(listed.map((r) => r.id)).toEqual([...many.map((r) => r.id), 'kept'].sort());
    expect(listed.find((r) => r.id === 'kept')).toEqual(rule('kept', 90));
  });

  it('given an empty list, then replaceAll empties the table', async () => {
    await rules.replaceAll([rule('x'), rule('y')]);
    await rules.replaceAll([]);
    expect(await rules.list()).toEqual([]);
  });
});
