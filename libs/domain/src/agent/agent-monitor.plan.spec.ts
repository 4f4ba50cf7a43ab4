import type { AgentEventInput } from './agent-event.model';
import type { AgentAlert, AlertRule } from './agent-alert.model';
import { latencyPathFirst, writeGroups, planAgentRecords, planAgentTick, planLivenessWrite, type AgentRecordInput, type AgentWritePlan, type MonitoredAgent } from './agent-monitor.plan';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../testing/src/fixtures';

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);
const JDOE_ID = '7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01';
const MGARCIA_ID = MGARCIA[0].AgentARN.split('/agent/')[1];

const RULES: AlertRule[] = [
  { id: 'hold-30', name: 'hold over 30 s', enabled: true, condition: { kind: 'activity', activity: 'OnHold', overSeconds: 30 }, severity: 'warning' },
  { id: 'missed-1', name: 'a missed offer', enabled: true, condition: { kind: 'missed-in-a-row', count: 1 }, severity: 'critical' },
  { id: 'stale', name: 'stale', enabled: true, condition: { kind: 'stale' }, severity: 'warning' },
];

const records = (events: readonly AgentEventInput[]): AgentRecordInput[] => events.map((event, index) => ({ event, ref: `seq-${index}` }));

/** The agent as the monitor holds it after these events were planned and stored. */
function stored(agentId: string, events: readonly AgentEventInput[], rules: AlertRule[] = RULES): MonitoredAgent {
  const { plan } = planAgentRecords(agentId, undefined, records(events), rules);
  if (!plan) throw new Error('nothing planned');
  return { view: plan.view, version: plan.nextVersion, openAlerts: plan.openAlerts };
}

describe('planAgentRecords', () => {
  it('given a new agent, when its login, Available and a heartbeat arrive, then one state write of version 2 announces the two visible changes in order', () => {
    const { plan, rejected } = planAgentRecords(JDOE_ID, undefined, records(JDOE.slice(0, 3)), RULES);

    expect(rejected).toEqual([]);
    expect(plan).toMatchObject({ agentId: JDOE_ID, expectedVersion: 0, nextVersion: 2, storeState: true, alertWrites: [] });
    expect(plan?.announcements.map((a) => (a.kind === 'state-changed' ? [a.kind, a.event.EventType, a.version] : [a.kind]))).toEqual([
      ['state-changed', 'LOGIN', 1],
      ['state-changed', 'STATE_CHANGE', 2],
    ]);
    // The heartbeat moved the view (liveness) without a visible change: stored, not announced, not in history.
    expect(plan?.view.lastEventId).toBe(JDOE[2].EventId);
    expect(plan?.history.map((point) => point.event.EventId)).toEqual([JDOE[0].EventId, JDOE[1].EventId]);
  });

  it('given a stored agent, when only a heartbeat arrives, then the state is written once more (version + 1) and nothing is announced', () => {
    const before = stored(JDOE_ID, JDOE.slice(0, 2));

    const { plan } = planAgentRecords(JDOE_ID, before, records([JDOE[2]]), RULES);

    expect(plan).toMatchObject({ expectedVersion: before.version, nextVersion: before.version + 1, announcements: [], history: [] });
  });

  describe('with livenessWriteMs (heartbeat-only folds)', () => {
    const heartbeat = (seconds: number, id: string): AgentEventInput => ({
      ...JDOE[1],
      EventType: 'HEART_BEAT',
      EventId: id,
      EventTimestamp: new Date(Date.parse(JDOE[1].EventTimestamp) + seconds * 1000).toISOString(),
    });
    const options = { livenessWriteMs: 120_000 };

    it('given a stored agent, when a heartbeat 120 s after the stored view arrives, then the fold is kept in memory only (storeState false) with the newer liveness', () => {
      const before = stored(JDOE_ID, JDOE.slice(0, 2));

      const { plan } = planAgentRecords(JDOE_ID, before, records([heartbeat(120, 'hb-1')]), RULES, options);

      expect(plan).toMatchObject({ storeState: false, announcements: [], history: [], alertWrites: [] });
      expect(plan?.view.lastEventId).toBe('hb-1');
    });

    it('given a deferred heartbeat, when the next one trails the stored view by more than the bound, then the state is written, counted from the stored view, not the held one', () => {
      const before = stored(JDOE_ID, JDOE.slice(0, 2));
      const first = planAgentRecords(JDOE_ID, before, records([heartbeat(120, 'hb-1')]), RULES, options).plan as AgentWritePlan;
      const held: MonitoredAgent = { ...before, view: first.view, storedLastEventAt: before.view.lastEventAt };

      const { plan } = planAgentRecords(JDOE_ID, held, records([heartbeat(240, 'hb-2')]), RULES, options);

      expect(plan).toMatchObject({ storeState: true, expectedVersion: before.version, nextVersion: before.version + 1 });
    });

    it('given a new agent, or a fold with a visible change, then the state is written whatever the bound', () => {
      expect(planAgentRecords(JDOE_ID, undefined, records(JDOE.slice(0, 1)), RULES, options).plan?.storeState).toBe(true);
      const before = stored(JDOE_ID, JDOE.slice(0, 1));
      expect(planAgentRecords(JDOE_ID, before, records(JDOE.slice(1, 2)), RULES, options).plan?.storeState).toBe(true);
    });

    it('given a held view with deferred liveness, then planLivenessWrite stores it as the next version; given none, there is nothing to write', () => {
      const before = stored(JDOE_ID, JDOE.slice(0, 2));
      const first = planAgentRecords(JDOE_ID, before, records([heartbeat(60, 'hb-1')]), RULES, options).plan as AgentWritePlan;

      expect(planLivenessWrite(JDOE_ID, before)).toBeUndefined();
      expect(planLivenessWrite(JDOE_ID, { ...before, view: first.view, storedLastEventAt: before.view.lastEventAt })).toMatchObject({
        storeState: true,
        expectedVersion: before.version,
        nextVersion: before.version + 1,
        announcements: [],
        view: expect.objectContaining({ lastEventId: 'hb-1' }),
      });
    });
  });

  it('given a stored agent, when records it has already seen are redelivered, then there is nothing to write', () => {
    const before = stored(JDOE_ID, JDOE.slice(0, 6));

    expect(planAgentRecords(JDOE_ID, before, records(JDOE.slice(3, 6)), RULES)).toEqual({ rejected: [] });
  });

  it('given a missed offer and the next call answered in one batch, then the alert row is raised then cleared, both announced after the batch\'s state changes', () => {
    const before = stored(MGARCIA_ID, MGARCIA.slice(0, 10));

    const { plan } = planAgentRecords(MGARCIA_ID, before, records(MGARCIA.slice(10, 14)), RULES);

    expect(plan?.alertWrites.map((write) => `${write.kind}:${write.alert.ruleId}`)).toEqual(['raise:missed-1', 'update:missed-1', 'clear:missed-1']);
    expect(plan?.announcements.map((a) => a.kind)).toEqual(['state-changed', 'state-changed', 'state-changed', 'state-changed', 'alert-raised', 'alert-cleared']);
    expect(plan?.openAlerts).toEqual([]);
    expect(plan?.nextVersion).toBe(before.version + 4);
  });

  it('given a missed offer, when it arrives, then the open alert is kept with the plan and every announced state carries the open count', () => {
    const before = stored(MGARCIA_ID, MGARCIA.slice(0, 10));

    const { plan } = planAgentRecords(MGARCIA_ID, before, records([MGARCIA[10]]), RULES);

    expect(plan?.openAlerts.map((alert) => alert.ruleId)).toEqual(['missed-1']);
    expect(plan?.announcements).toEqual([
      expect.objectContaining({ kind: 'state-changed', openAlerts: 1, version: before.version + 1 }),
      expect.objectContaining({ kind: 'alert-raised', alert: expect.objectContaining({ ruleId: 'missed-1', status: 'open' }) }),
    ]);
  });

  it('given a record for another agent in the group, when planned, then that record is rejected with its ref and the others still fold', () => {
    const { plan, rejected } = planAgentRecords(JDOE_ID, undefined, [...records(JDOE.slice(0, 2)), { event: MGARCIA[0], ref: 'seq-x' }], RULES);

    expect(rejected).toEqual([{ ref: 'seq-x', reason: expect.stringContaining('another agent') }]);
    expect(plan?.nextVersion).toBe(2);
  });
});

describe('planAgentTick', () => {
  const onHold = () => stored(JDOE_ID, JDOE.slice(0, 10));
  const at = (iso: string, plusSeconds: number) => new Date(Date.parse(iso) + plusSeconds * 1000);

  it('given an agent on hold for 20 s, when the timer evaluates, then nothing is planned', () => {
    expect(planAgentTick(JDOE_ID, onHold(), RULES, at(JDOE[9].EventTimestamp, 20))).toBeUndefined();
  });

  it('given an agent on hold for 31 s, when the timer evaluates, then the alert is raised, stored with the state (version + 1) and announced', () => {
    const before = onHold();

    const plan = planAgentTick(JDOE_ID, before, RULES, at(JDOE[9].EventTimestamp, 31));

    expect(plan).toMatchObject({ expectedVersion: before.version, nextVersion: before.version + 1, storeState: true, history: [] });
    expect(plan?.alertWrites.map((write) => write.kind)).toEqual(['raise']);
    expect(plan?.announcements).toEqual([{ kind: 'alert-raised', alert: expect.objectContaining({ ruleId: 'hold-30', lastValue: 31 }) }]);
  });

  it('given an open hold alert, when the timer evaluates later, then only the row\'s lastValue moves: written to the alert, kept in memory, not stored with the state', () => {
    const before = onHold();
    const raised = planAgentTick(JDOE_ID, before, RULES, at(JDOE[9].EventTimestamp, 31)) as NonNullable<ReturnType<typeof planAgentTick>>;
    const held: MonitoredAgent = { ...before, version: raised.nextVersion, openAlerts: raised.openAlerts };

    const plan = planAgentTick(JDOE_ID, held, RULES, at(JDOE[9].EventTimestamp, 40));

    expect(plan?.storeState).toBe(false);
    expect(plan?.announcements).toEqual([]);
    expect(plan?.alertWrites).toEqual([{ kind: 'update', alert: expect.objectContaining({ lastValue: 40 }) }]);
    expect((plan?.openAlerts as AgentAlert[])[0].lastValue).toBe(40);
  });
});

describe('latencyPathFirst', () => {
  const planOf = (agentId: string, before: MonitoredAgent | undefined, events: readonly AgentEventInput[]): AgentWritePlan => {
    const { plan } = planAgentRecords(agentId, before, records(events), RULES);
    if (!plan) throw new Error('nothing planned');
    return plan;
  };

  it('given a slice where a heartbeat-only agent comes before two agents with state changes, then the announcing writes go first, in slice order, and the heartbeat write last', () => {
    const heartbeatOnly = planOf(JDOE_ID, stored(JDOE_ID, JDOE.slice(0, 2)), [JDOE[2]]);
    const mgarciaLogin = planOf(MGARCIA_ID, undefined, MGARCIA.slice(0, 2));
    const jdoeOther = planOf('other-agent', undefined, JDOE.slice(0, 2).map((event) => ({ ...event, AgentARN: event.AgentARN.replace(JDOE_ID, 'other-agent') })));

    const ordered = latencyPathFirst([heartbeatOnly, mgarciaLogin, jdoeOther]);

    expect(heartbeatOnly.announcements).toEqual([]);
    expect(ordered.map((plan) => plan.agentId)).toEqual([MGARCIA_ID, 'other-agent', JDOE_ID]);
  });

  it('given a timer plan that only raises an alert, then it counts as announcing: its notice is on the latency path too', () => {
    const onHold = stored(JDOE_ID, JDOE.slice(0, 10));
    const raised = planAgentTick(JDOE_ID, onHold, RULES, new Date(Date.parse(JDOE[9].EventTimestamp) + 31_000)) as AgentWritePlan;
    const heartbeatOnly = planOf(MGARCIA_ID, stored(MGARCIA_ID, MGARCIA.slice(0, 2)), [{ ...MGARCIA[1], EventType: 'HEART_BEAT', EventId: 'hb-1', EventTimestamp: new Date(Date.parse(MGARCIA[1].EventTimestamp) + 120_000).toISOString() }]);

    expect(latencyPathFirst([heartbeatOnly, raised]).map((plan) => plan.agentId)).toEqual([JDOE_ID, MGARCIA_ID]);
  });
});

describe('writeGroups', () => {
  /** A plan with this many history rows (only the count matters to the grouping). */
  const withRows = (agentId: string, rows: number): AgentWritePlan => {
    const { plan } = planAgentRecords(agentId, undefined, records(JDOE.slice(0, 2)), RULES);
    const base = plan as AgentWritePlan;
    return { ...base, agentId, history: Array.from({ length: rows }, () => base.history[0]) };
  };
  const shape = (groups: AgentWritePlan[][]) => groups.map((group) => group.map((plan) => `${plan.agentId}:${plan.history.length}`));

  it('given plans whose writes (state + history rows) pass the bound, then a new group starts before the plan that would pass it, in order, never splitting a plan', () => {
    const plans = [withRows('a', 10), withRows('b', 10), withRows('c', 10), withRows('d', 3)];

    expect(shape(writeGroups(plans, { maxWrites: 25, spread: 1, minPlans: 1 }))).toEqual([['a:10', 'b:10'], ['c:10', 'd:3']]);
  });

  it('given one plan with more writes than the bound, then it is a group of its own', () => {
    const plans = [withRows('a', 1), withRows('big', 120), withRows('c', 1)];

    expect(shape(writeGroups(plans, { maxWrites: 100, spread: 1, minPlans: 1 }))).toEqual([['a:1'], ['big:120'], ['c:1']]);
  });

  it('given a slice well under the bound, then it is spread over the groups written at once, the last taking what is left', () => {
    const plans = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((agentId) => withRows(agentId, 1));

    expect(shape(writeGroups(plans, { maxWrites: 100, spread: 4, minPlans: 1 }))).toEqual([['a:1', 'b:1', 'c:1'], ['d:1', 'e:1', 'f:1'], ['g:1', 'h:1', 'i:1'], ['j:1']]);
  });

  it('given a slice too small to spread with groups of the minimum size, then fewer, fuller groups', () => {
    const plans = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((agentId) => withRows(agentId, 0));

    expect(shape(writeGroups(plans, { maxWrites: 100, spread: 4, minPlans: 5 }))).toEqual([['a:0', 'b:0', 'c:0', 'd:0', 'e:0'], ['f:0', 'g:0']]);
    expect(shape(writeGroups(plans.slice(0, 2), { maxWrites: 100, spread: 4, minPlans: 5 }))).toEqual([['a:0', 'b:0']]);
  });

  it('given a catch-up slice over the bound, then groups fill up to the bound and there are more of them than are written at once', () => {
    const plans = Array.from({ length: 300 }, (_, index) => withRows(`agent-${index}`, 1));
    const groups = writeGroups(plans, { maxWrites: 100, spread: 4, minPlans: 5 });

    expect(groups.map((group) => group.length)).toEqual([50, 50, 50, 50, 50, 50]);
  });

  it('given no plans, then no groups', () => {
    expect(writeGroups([], { maxWrites: 100, spread: 4, minPlans: 5 })).toEqual([]);
  });
});
