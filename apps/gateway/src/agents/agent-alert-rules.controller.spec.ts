import { InvalidInputError, NotFoundError, type AlertRule } from '@buddie/domain';
import type { AlertRuleRepository } from '@buddie/persistence';
import { AgentAlertRulesController } from './agent-alert-rules.controller';

const rule = (id: string, overSeconds = 60): AlertRule => ({ id, name: `rule ${id}`, enabled: true, severity: 'warning', condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds } });

/** The alert-rules table, faked in memory. */
function fakeRules(initial: AlertRule[] = []) {
  const rules = new Map(initial.map((r) => [r.id, r]));
  let writes = 0;
  const port: Pick<AlertRuleRepository, 'list' | 'get' | 'put' | 'delete' | 'replaceAll'> = {
    list: async () => [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)),
    get: async (id) => rules.get(id),
    put: async (r) => void (writes++, rules.set(r.id, r)),
    delete: async (id) => (writes++, rules.delete(id)),
    replaceAll: async (all) => {
      writes++;
      rules.clear();
      for (const r of all) rules.set(r.id, r);
    },
  };
  return { controller: new AgentAlertRulesController(port as AlertRuleRepository), rules, writes: () => writes };
}

const issuesOf = async (call: Promise<unknown>) => {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  return ((error as InvalidInputError).details as { issues: { path: string }[] }).issues.map((i) => i.path);
};

describe('AgentAlertRulesController (bodies validated by the domain, as a rules file is)', () => {
  it('given a valid new rule, then it is stored and returned; the same id again is refused and points at PUT', async () => {
    const { controller, rules } = fakeRules();
    expect(await controller.create(rule('acw'))).toEqual(rule('acw'));
    expect(rules.get('acw')).toEqual(rule('acw'));
    await expect(controller.create(rule('acw', 90))).rejects.toThrow('rule acw already exists; use PUT /api/v1/agent-alert-rules/acw');
    expect(rules.get('acw')).toEqual(rule('acw'));
  });

  it('given an invalid rule, then every issue is reported with its path inside the rule (no [0] prefix) and nothing is written', async () => {
    const { controller, writes } = fakeRules();
    const paths = await issuesOf(controller.create({ id: 'bad id', name: 'x', enabled: 'yes', severity: 'loud', condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds: 60 } }));
    expect(paths).toEqual(expect.arrayContaining(['id', 'enabled', 'severity']));
    expect(paths.every((p) => !p.startsWith('['))).toBe(true);
    expect(writes()).toBe(0);
  });

  it('given PUT /:ruleId, then the id comes from the path, whatever the body says', async () => {
    const { controller, rules } = fakeRules([rule('acw')]);
    expect(await controller.upsert({ ruleId: 'acw' }, rule('other', 120))).toEqual({ ...rule('other', 120), id: 'acw' });
    expect([...rules.keys()]).toEqual(['acw']);
    await issuesOf(controller.upsert({ ruleId: 'acw' }, ['not', 'an', 'object']));
  });

  it('given a whole set, then it replaces the rules (as an array or { rules }); a set with a duplicate id is refused whole', async () => {
    const { controller, rules } = fakeRules([rule('old')]);
    expect(await controller.replaceAll([rule('a'), rule('b')])).toEqual({ rules: [rule('a'), rule('b')] });
    expect([...rules.keys()]).toEqual(['a', 'b']);
    await controller.replaceAll({ rules: [rule('c')] });
    expect([...rules.keys()]).toEqual(['c']);

    expect(await issuesOf(controller.replaceAll([rule('d'), rule('d')]))).toEqual(['[1].id']);
    expect([...rules.keys()]).toEqual(['c']);
  });

  it('given an unknown rule, then get and delete are NotFoundError; a known one is deleted', async () => {
    const { controller, rules } = fakeRules([rule('acw')]);
    await expect(controller.get({ ruleId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(controller.remove({ ruleId: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
    await controller.remove({ ruleId: 'acw' });
    expect(rules.size).toBe(0);
  });
});
