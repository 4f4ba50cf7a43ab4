import { DEFAULT_ALERT_RULES } from './agent-alert.evaluate';
import { validateAlertRules } from './agent-alert-rules.validate';

const good = {
  id: 'acw-90',
  name: 'ACW over 90 s',
  enabled: true,
  severity: 'warning',
  condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds: 90 },
};

function withRule(patch: Record<string, unknown>): unknown[] {
  return [{ ...good, ...patch }];
}

function withCondition(condition: unknown): unknown[] {
  return [{ ...good, condition }];
}

describe('validateAlertRules', () => {
  it('given the default rules (as a file would hold them), then they validate unchanged', () => {
    const result = validateAlertRules(JSON.parse(JSON.stringify(DEFAULT_ALERT_RULES)));
    expect(result).toEqual({ ok: true, rules: DEFAULT_ALERT_RULES });
  });

  it('given a { rules: [...] } document with enabled left out and extra fields, then enabled defaults to true and extras are dropped', () => {
    const result = validateAlertRules({ rules: [{ ...good, enabled: undefined, note: 'ignored', scope: { queues: [' Billing '] } }] });
    expect(result).toEqual({
      ok: true,
      rules: [{ ...good, enabled: true, scope: { queues: ['Billing'] } }],
    });
  });

  it('given every condition kind in valid form, then all are accepted', () => {
    const result = validateAlertRules([
      { ...good, id: 'a', condition: { kind: 'status', statusName: 'Break', overSeconds: 0 } },
      { ...good, id: 'b', condition: { kind: 'activity', activity: 'OnHold', overSeconds: 90.5 } },
      { ...good, id: 'c', condition: { kind: 'missed-in-a-row', count: 2 } },
      { ...good, id: 'd', condition: { kind: 'stale' } },
      { ...good, id: 'e', condition: { kind: 'stale', overSeconds: 300 }, severity: 'critical' },
    ]);
    expect(result.ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['not a list', { id: 'x' }, ''],
    ['a rule that is not an object', ['acw'], '[0]'],
    ['a missing id', withRule({ id: undefined }), '[0].id'],
    ['an empty id', withRule({ id: '' }), '[0].id'],
    ['an id with a colon (alert ids are colon-separated)', withRule({ id: 'acw:90' }), '[0].id'],
    ['a numeric id', withRule({ id: 7 }), '[0].id'],
    ['a missing name', withRule({ name: '  ' }), '[0].name'],
    ['enabled as a string', withRule({ enabled: 'yes' }), '[0].enabled'],
    ['an unknown severity', withRule({ severity: 'urgent' }), '[0].severity'],
    ['a missing condition', withRule({ condition: undefined }), '[0].condition'],
    ['an unknown condition kind', withCondition({ kind: 'sentiment', overSeconds: 10 }), '[0].condition.kind'],
    ['negative seconds', withCondition({ kind: 'activity', activity: 'OnHold', overSeconds: -1 }), '[0].condition.overSeconds'],
    ['seconds as a string', withCondition({ kind: 'status', statusName: 'Break', overSeconds: '900' }), '[0].condition.overSeconds'],
    ['infinite seconds', withCondition({ kind: 'status', statusName: 'Break', overSeconds: Infinity }), '[0].condition.overSeconds'],
    ['a status rule without a status name', withCondition({ kind: 'status', overSeconds: 60 }), '[0].condition.statusName'],
    ['an unknown activity', withCondition({ kind: 'activity', activity: 'Lunch', overSeconds: 60 }), '[0].condition.activity'],
    ['a missed count of 0', withCondition({ kind: 'missed-in-a-row', count: 0 }), '[0].condition.count'],
    ['a fractional missed count', withCondition({ kind: 'missed-in-a-row', count: 1.5 }), '[0].condition.count'],
    ['a stale window of 0', withCondition({ kind: 'stale', overSeconds: 0 }), '[0].condition.overSeconds'],
    ['queues that are not a list', withRule({ scope: { queues: 'Billing' } }), '[0].scope.queues'],
    ['an empty routing profile list', withRule({ scope: { routingProfiles: [] } }), '[0].scope.routingProfiles'],
    ['a scope that is not an object', withRule({ scope: 'Billing' }), '[0].scope'],
    ['a duplicate id', [good, { ...good }], '[1].id'],
  ])('given %s, then it is rejected at %s', (_label, input, path) => {
    const result = validateAlertRules(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path)).toContain(path);
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('given several bad rules in a { rules } document, then every problem is reported with its path', () => {
    const result = validateAlertRules({
      rules: [good, { ...good, id: 'b', severity: 'loud' }, { ...good, id: 'c', condition: { kind: 'status', statusName: '', overSeconds: -5 } }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path).sort()).toEqual([
      'rules[1].severity',
      'rules[2].condition.overSeconds',
      'rules[2].condition.statusName',
    ]);
  });
});
