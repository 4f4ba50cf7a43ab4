import { fixedClock } from '../clock';
import type { AgentEventInput } from './agent-event.model';
import { DEFAULT_ALERT_RULES, alertId, evaluateAlerts } from './agent-alert.evaluate';
import type { AgentAlert, AlertRule } from './agent-alert.model';
import { DEFAULT_HEARTBEAT_WINDOW_MS, evolveAgent } from './agent-view.evolve';
import type { AgentView } from './agent-view.model';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents, readJson, sharedPath } from '../../../testing/src/fixtures';

interface CtrAgent {
  AfterContactWorkDuration: number;
  CustomerHoldDuration: number;
}
const CTR_01 = readJson<{ Agent: CtrAgent }>(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json'));

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);

function rule(id: string, condition: AlertRule['condition'], extra: Partial<AlertRule> = {}): AlertRule {
  return { id, name: id, enabled: true, condition, severity: 'warning', ...extra };
}

interface Logged {
  at: string;
  kind: 'raise' | 'update' | 'clear';
  alert: AgentAlert;
}

/**
 * Drive a shift the way the agent-monitor does: fold each event as it arrives and evaluate the rules
 * right after it, and also on a fixed clock tick between events, feeding back what was stored as open.
 */
function simulate(
  events: readonly AgentEventInput[],
  rules: readonly AlertRule[],
  tickMs = 1000,
): { log: Logged[]; open: AgentAlert[]; view: AgentView } {
  const clock = fixedClock(events[0].EventTimestamp);
  let view: AgentView | undefined;
  let open: AgentAlert[] = [];
  const log: Logged[] = [];
  const evaluate = (): void => {
    if (view === undefined) return;
    const now = clock.now();
    const { raise, update, clear } = evaluateAlerts(view, rules, open, now);
    const replaced = new Set([...update, ...clear].map((alert) => alert.id));
    open = [...open.filter((alert) => !replaced.has(alert.id)), ...update, ...raise];
    for (const [kind, alerts] of [['raise', raise], ['update', update], ['clear', clear]] as const) {
      for (const alert of alerts) log.push({ at: now.toISOString(), kind, alert });
    }
  };
  for (const event of events) {
    const eventMs = Date.parse(event.EventTimestamp);
    while (clock.now().getTime() + tickMs < eventMs) {
      clock.advance(tickMs);
      evaluate();
    }
    clock.set(event.EventTimestamp);
    view = evolveAgent(view, event).view;
    evaluate();
  }
  return { log, open, view: view as AgentView };
}

function eventWhere(events: readonly AgentEventInput[], predicate: (event: AgentEventInput) => boolean): AgentEventInput {
  const found = events.find(predicate);
  if (found === undefined) throw new Error('fixture has no such event');
  return found;
}

const contactState = (event: AgentEventInput): string | undefined => event.CurrentAgentSnapshot.Contacts?.[0]?.State;

describe('evaluateAlerts', () => {
  describe('given jdoe\'s shift and an ACW rule with a 60 s threshold', () => {
    const acw60 = rule('acw-60', { kind: 'activity', activity: 'AfterContactWork', overSeconds: 60 });
    const { log, open } = simulate(JDOE, [acw60]);
    const ended = eventWhere(JDOE, (event) => contactState(event) === 'ENDED');
    const acwStart = ended.EventTimestamp;
    const acwEnd = eventWhere(JDOE, (event) => event.PreviousAgentSnapshot?.Contacts?.[0]?.State === 'ENDED' && contactState(event) === undefined);

    it('when the ACW passes 60 s, then exactly one alert is raised, identified by agent, rule and ACW start', () => {
      const raised = log.filter((entry) => entry.kind === 'raise');
      expect(raised).toHaveLength(1);
      const alert = raised[0].alert;
      expect(alert.id).toBe(alertId('7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01', 'acw-60', acwStart));
      expect(alert).toMatchObject({ ruleId: 'acw-60', severity: 'warning', status: 'open', startedAt: acwStart });
      expect(Date.parse(alert.raisedAt) - Date.parse(acwStart)).toBeGreaterThan(60_000);
      expect(Date.parse(alert.raisedAt) - Date.parse(acwStart)).toBeLessThanOrEqual(62_000);
      expect(alert.lastValue).toBe(61);
      expect(alert.message).toContain('jdoe');
    });

    it('then it is updated while the ACW lasts and cleared at the ACW-end event with the CTR\'s ACW duration', () => {
      const updates = log.filter((entry) => entry.kind === 'update').map((entry) => entry.alert.lastValue);
      expect(updates.length).toBeGreaterThan(0);
      expect(updates).toEqual([...updates].sort((a, b) => a - b));
      const cleared = log.filter((entry) => entry.kind === 'clear');
      expect(cleared).toHaveLength(1);
      expect(cleared[0].at).toBe(acwEnd.EventTimestamp);
      expect(cleared[0].alert).toMatchObject({ status: 'cleared', clearedAt: acwEnd.EventTimestamp, lastValue: CTR_01.Agent.AfterContactWorkDuration });
      expect(open).toEqual([]);
    });

    it('when evaluated again and again at the same moment with the stored alerts, then nothing new is raised or updated', () => {
      const raisedAt = log.find((entry) => entry.kind === 'raise')?.at as string;
      const view = JDOE.filter((event) => Date.parse(event.EventTimestamp) <= Date.parse(raisedAt)).reduce<AgentView | undefined>(
        (current, event) => evolveAgent(current, event).view,
        undefined,
      ) as AgentView;
      const now = new Date(raisedAt);
      const first = evaluateAlerts(view, [acw60], [], now);
      expect(first.raise).toHaveLength(1);
      for (let i = 0; i < 5; i++) {
        const again = evaluateAlerts(view, [acw60], first.raise, now);
        expect(again).toEqual({ raise: [], update: [], clear: [] });
      }
    });
  });

  describe('given jdoe\'s 45 s hold', () => {
    it('when the hold rule is 90 s, then it never fires', () => {
      const { log } = simulate(JDOE, [rule('hold-90', { kind: 'activity', activity: 'OnHold', overSeconds: 90 })]);
      expect(log).toEqual([]);
    });

    it('when the hold rule is 30 s, then it fires once and clears at unhold with the CTR\'s hold time', () => {
      const { log } = simulate(JDOE, [rule('hold-30', { kind: 'activity', activity: 'OnHold', overSeconds: 30 })]);
      expect(log.filter((entry) => entry.kind === 'raise')).toHaveLength(1);
      const cleared = log.filter((entry) => entry.kind === 'clear');
      expect(cleared).toHaveLength(1);
      expect(cleared[0].alert.lastValue).toBe(CTR_01.Agent.CustomerHoldDuration);
    });
  });

  describe('given jdoe\'s 8-minute Break', () => {
    it('when the status rule is 15 min, then it stays quiet; at 5 min it fires and clears when she goes Offline', () => {
      expect(simulate(JDOE, [rule('break-15m', { kind: 'status', statusName: 'Break', overSeconds: 900 })]).log).toEqual([]);
      const { log } = simulate(JDOE, [rule('break-5m', { kind: 'status', statusName: 'break', overSeconds: 300 })], 5000);
      const offline = eventWhere(JDOE, (event) => event.EventType === 'STATE_CHANGE' && event.CurrentAgentSnapshot.AgentStatus.Name === 'Offline');
      expect(log.filter((entry) => entry.kind === 'raise')).toHaveLength(1);
      expect(log.filter((entry) => entry.kind === 'clear').map((entry) => entry.at)).toEqual([offline.EventTimestamp]);
    });
  });

  describe('given mgarcia\'s missed offer', () => {
    const missedEvent = eventWhere(MGARCIA, (event) => contactState(event) === 'MISSED');
    const connected = eventWhere(MGARCIA, (event) => contactState(event) === 'CONNECTED');

    it('when the rule is 1 missed in a row, then it fires at the miss and clears when she connects', () => {
      const { log } = simulate(MGARCIA, [rule('missed-1', { kind: 'missed-in-a-row', count: 1 }, { severity: 'critical' })]);
      expect(log.filter((entry) => entry.kind !== 'update').map((entry) => [entry.kind, entry.at])).toEqual([
        ['raise', missedEvent.EventTimestamp],
        ['clear', connected.EventTimestamp],
      ]);
      expect(log[0].alert.startedAt).toBe(missedEvent.CurrentAgentSnapshot.Contacts?.[0]?.StateStartTimestamp);
      expect(log[0].alert.severity).toBe('critical');
    });

    it('when the rule is 3 in a row, then one miss is not enough', () => {
      expect(simulate(MGARCIA, [rule('missed-3', { kind: 'missed-in-a-row', count: 3 })]).log).toEqual([]);
    });
  });

  describe('given an agent that goes silent', () => {
    const staleRule = rule('stale', { kind: 'stale' });
    const afterAvailable = JDOE.slice(0, 2).reduce<AgentView | undefined>((view, event) => evolveAgent(view, event).view, undefined) as AgentView;
    const lastMs = Date.parse(afterAvailable.lastEventAt);

    it('when no event arrives for longer than the window, then stale fires; when one arrives, it clears', () => {
      expect(evaluateAlerts(afterAvailable, [staleRule], [], new Date(lastMs + DEFAULT_HEARTBEAT_WINDOW_MS)).raise).toEqual([]);
      const late = evaluateAlerts(afterAvailable, [staleRule], [], new Date(lastMs + DEFAULT_HEARTBEAT_WINDOW_MS + 1000));
      expect(late.raise).toHaveLength(1);
      expect(late.raise[0].startedAt).toBe(afterAvailable.lastEventAt);

      const heartbeat = { ...JDOE[2], EventTimestamp: new Date(lastMs + DEFAULT_HEARTBEAT_WINDOW_MS + 5000).toISOString() };
      const revived = evolveAgent(afterAvailable, heartbeat).view;
      const cleared = evaluateAlerts(revived, [staleRule], late.raise, new Date(heartbeat.EventTimestamp));
      expect(cleared.clear).toHaveLength(1);
      expect(cleared.clear[0].lastValue).toBe((DEFAULT_HEARTBEAT_WINDOW_MS + 5000) / 1000);
    });

    it('when the rule sets its own window, then that window applies', () => {
      const short = rule('stale-60', { kind: 'stale', overSeconds: 60 });
      expect(evaluateAlerts(afterAvailable, [short], [], new Date(lastMs + 61_000)).raise).toHaveLength(1);
    });

    it('when the agent has logged out, then silence is not an alert', () => {
      const { view } = simulate(JDOE, []);
      expect(evaluateAlerts(view, [staleRule], [], new Date(Date.parse(view.lastEventAt) + 3600_000))).toEqual({ raise: [], update: [], clear: [] });
    });
  });

  describe('given the default rules', () => {
    it('when both synthetic shifts run, then a normal shift raises nothing', () => {
      expect(simulate(JDOE, [...DEFAULT_ALERT_RULES]).log).toEqual([]);
      expect(simulate(MGARCIA, [...DEFAULT_ALERT_RULES]).log).toEqual([]);
    });

    it('then they cover ACW over 120 s, hold over 90 s, Break over 15 min, 3 missed in a row and stale', () => {
      expect(DEFAULT_ALERT_RULES.map((r) => r.condition)).toEqual([
        { kind: 'activity', activity: 'AfterContactWork', overSeconds: 120 },
        { kind: 'activity', activity: 'OnHold', overSeconds: 90 },
        { kind: 'status', statusName: 'Break', overSeconds: 900 },
        { kind: 'missed-in-a-row', count: 3 },
        { kind: 'stale' },
      ]);
    });
  });

  describe('given scopes, disabled rules and other agents', () => {
    const onContact = (scope: AlertRule['scope']): AlertRule => rule('on-contact-10', { kind: 'activity', activity: 'OnContact', overSeconds: 10 }, { scope });

    it('when a rule is scoped to a routing profile, then only agents on it are alerted', () => {
      const scoped = onContact({ routingProfiles: ['Billing Tier 2'] });
      expect(simulate(JDOE, [scoped]).log.filter((entry) => entry.kind === 'raise')).toHaveLength(0);
      expect(simulate(MGARCIA, [scoped]).log.filter((entry) => entry.kind === 'raise')).toHaveLength(1);
    });

    it('when a rule is scoped to queues, then agents serving any of them are alerted', () => {
      const escalations = onContact({ queues: ['BillingEscalations'] });
      expect(simulate(JDOE, [escalations]).log.filter((entry) => entry.kind === 'raise')).toHaveLength(0);
      expect(simulate(MGARCIA, [escalations]).log.filter((entry) => entry.kind === 'raise')).toHaveLength(1);
      // jdoe talks twice: before and after the hold, each a new OnContact occurrence.
      expect(simulate(JDOE, [onContact({ queues: ['Billing'] })]).log.filter((entry) => entry.kind === 'raise')).toHaveLength(2);
    });

    it('when a rule is disabled or removed while its alert is open, then the alert clears; other agents\' alerts are left alone', () => {
      const hold = rule('hold-10', { kind: 'activity', activity: 'OnHold', overSeconds: 10 });
      const holdEvent = eventWhere(JDOE, (event) => contactState(event) === 'CONNECTED_ONHOLD');
      const view = JDOE.slice(0, JDOE.indexOf(holdEvent) + 1).reduce<AgentView | undefined>((v, e) => evolveAgent(v, e).view, undefined) as AgentView;
      const now = new Date(Date.parse(holdEvent.EventTimestamp) + 20_000);
      const [open] = evaluateAlerts(view, [hold], [], now).raise;
      const someoneElse: AgentAlert = { ...open, id: 'other-agent:hold-10:x', agentId: 'other-agent' };

      const disabled = evaluateAlerts(view, [{ ...hold, enabled: false }], [open, someoneElse], now);
      expect(disabled.clear.map((alert) => alert.id)).toEqual([open.id]);
      expect(disabled.clear[0]).toMatchObject({ status: 'cleared', clearedAt: now.toISOString(), lastValue: 20 });

      const removed = evaluateAlerts(view, [], [open, someoneElse], now);
      expect(removed.clear.map((alert) => alert.id)).toEqual([open.id]);
      expect(removed.raise).toEqual([]);
    });
  });
});
