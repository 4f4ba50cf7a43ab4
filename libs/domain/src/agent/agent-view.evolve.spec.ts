import { InvalidInputError } from '../errors';
import type { AgentEventInput } from './agent-event.model';
import {
  DEFAULT_HEARTBEAT_WINDOW_MS,
  RECENT_EVENT_IDS_CAPACITY,
  agentIdFromArn,
  evolveAgent,
  isStale,
  statusTypeOf,
  type AgentEvolution,
} from './agent-view.evolve';
import type { AgentView, ContactWork } from './agent-view.model';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents, readJson, readJsonc, sharedPath } from '../../../testing/src/fixtures';
import { seededShuffle } from './testing/fold-agent-events';

interface CtrAgent {
  ConnectedToAgentTimestamp: string;
  CustomerHoldDuration: number;
  NumberOfHolds: number;
  AfterContactWorkStartTimestamp: string;
  AfterContactWorkEndTimestamp: string;
  AfterContactWorkDuration: number;
  Username: string;
  RoutingProfile: { ARN: string; Name: string };
}
interface Ctr {
  ContactId: string;
  InitialContactId: string | null;
  AgentConnectionAttempts: number;
  Queue: { Name: string } | null;
  Agent: CtrAgent;
}

const CTR_01 = readJson<Ctr>(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json'));
const CTR_02B = readJson<Ctr>(sharedPath('fixtures', 'synthetic', 'ctr-02b-inbound-transferred-second-leg.json'));

interface Step {
  event: AgentEventInput;
  result: AgentEvolution;
}

function replay(events: readonly AgentEventInput[], start?: AgentView): { steps: Step[]; view: AgentView; completed: ContactWork[] } {
  let view = start;
  const steps: Step[] = [];
  const completed: ContactWork[] = [];
  for (const event of events) {
    const result = evolveAgent(view, event);
    steps.push({ event, result });
    completed.push(...result.completedContacts);
    view = result.view;
  }
  if (view === undefined) throw new Error('nothing replayed');
  return { steps, view, completed };
}

/** Collapse runs: the sequence of distinct values a field went through. */
function transitions<T>(values: readonly T[]): T[] {
  return values.filter((value, index) => index === 0 || value !== values[index - 1]);
}

/** CTR timestamps are whole seconds; agent events carry milliseconds. */
function toWholeSecond(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : `${iso.slice(0, 19)}Z`;
}

/** The duplicate ring is delivery-order dependent by nature; everything else must not be. */
function comparable(view: AgentView): Omit<AgentView, 'recentEventIds'> & { recentEventIds: string[] } {
  return { ...view, recentEventIds: [...view.recentEventIds].sort() };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

describe('evolveAgent', () => {
  describe('given jdoe\'s shift (synthetic, matches CTR-01)', () => {
    const events = readAgentEvents(JDOE_SHIFT);
    const { steps, view, completed } = replay(events);

    it('when replayed in order, then exactly one contact completes with the CTR\'s hold and ACW figures', () => {
      expect(completed).toHaveLength(1);
      const [work] = completed;
      expect(work.contactId).toBe(CTR_01.ContactId);
      expect(work.channel).toBe('VOICE');
      expect(work.missed).toBe(false);
      expect(work.holds).toBe(CTR_01.Agent.NumberOfHolds);
      expect(work.holdSeconds).toBe(CTR_01.Agent.CustomerHoldDuration);
      expect(work.acwSeconds).toBe(CTR_01.Agent.AfterContactWorkDuration);
      expect(toWholeSecond(work.acwStart)).toBe(CTR_01.Agent.AfterContactWorkStartTimestamp);
      expect(toWholeSecond(work.acwEnd)).toBe(CTR_01.Agent.AfterContactWorkEndTimestamp);
      expect(toWholeSecond(work.connectedAt)).toBe(CTR_01.Agent.ConnectedToAgentTimestamp);
    });

    it('then the contact completes on the event where it is ENDED before and gone after', () => {
      const at = steps.findIndex((step) => step.result.completedContacts.length > 0);
      const event = steps[at].event;
      expect(event.EventType).toBe('STATE_CHANGE');
      expect(event.PreviousAgentSnapshot?.Contacts?.map((c) => c.State)).toEqual(['ENDED']);
      expect(event.CurrentAgentSnapshot.Contacts).toEqual([]);
      expect(steps[at].result.completedContacts[0].acwEnd).toBe(event.EventTimestamp);
    });

    it('then activity goes Idle, Connecting, OnContact, OnHold, OnContact, AfterContactWork, Idle', () => {
      expect(transitions(steps.map((step) => step.result.view.activity))).toEqual([
        'Idle',
        'Connecting',
        'OnContact',
        'OnHold',
        'OnContact',
        'AfterContactWork',
        'Idle',
      ]);
    });

    it('then the running hold accumulator counts the hold once it ends, while the hold itself shows as OnHold since its start', () => {
      const onHold = steps.find((step) => step.result.view.activity === 'OnHold');
      const holdState = onHold?.event.CurrentAgentSnapshot.Contacts?.[0];
      expect(onHold?.result.view.activitySince).toBe(holdState?.StateStartTimestamp);
      expect(onHold?.result.view.work[0].holdSeconds).toBe(0);
      expect(onHold?.result.view.work[0].holds).toBe(1);
      const afterHold = steps[steps.indexOf(onHold as Step) + 1];
      expect(afterHold.result.view.work[0].holdSeconds).toBe(CTR_01.Agent.CustomerHoldDuration);
    });

    it('then status goes Offline, Available, Break (CUSTOM), Offline, and the agent ends logged out', () => {
      expect(transitions(steps.map((step) => `${step.result.view.status.name}/${step.result.view.status.type}`))).toEqual([
        'Offline/OFFLINE',
        'Available/ROUTABLE',
        'Break/CUSTOM',
        'Offline/OFFLINE',
      ]);
      expect(transitions(steps.map((step) => step.result.view.loggedIn))).toEqual([true, false]);
      const logout = steps.findIndex((step) => step.event.EventType === 'LOGOUT');
      expect(steps[logout].result.view.loggedIn).toBe(false);
      expect(steps[logout - 1].result.view.loggedIn).toBe(true);
      expect(view.status.name).toBe('Offline');
      expect(view.loggedIn).toBe(false);
    });

    it('then heartbeats refresh liveness but never count as a change', () => {
      const heartbeats = steps.filter((step) => step.event.EventType === 'HEART_BEAT');
      expect(heartbeats.length).toBeGreaterThan(5);
      for (const { event, result } of heartbeats) {
        expect(result.changed).toBe(false);
        expect(result.view.lastHeartbeatAt).toBe(event.EventTimestamp);
        expect(result.view.lastEventAt).toBe(event.EventTimestamp);
      }
      const last = events[events.length - 1];
      expect(view.lastEventId).toBe(last.EventId);
      expect(view.lastEventAt).toBe(last.EventTimestamp);
    });

    it('then every state change that alters what a supervisor sees is flagged changed', () => {
      for (const { event, result } of steps.filter((step) => step.event.EventType !== 'HEART_BEAT')) {
        expect({ id: event.EventId, changed: result.changed }).toEqual({ id: event.EventId, changed: true });
      }
    });

    it('then identity, routing profile, queues (without the agent queue), hierarchy and concurrency come from the snapshot', () => {
      expect(view.agentId).toBe('7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01');
      expect(view.agentArn).toBe(events[0].AgentARN);
      expect(view.username).toBe(CTR_01.Agent.Username);
      expect(view.name).toBe('Jordan Doe');
      expect(view.routingProfile).toEqual({ arn: CTR_01.Agent.RoutingProfile.ARN, name: CTR_01.Agent.RoutingProfile.Name });
      expect(view.queues.map((queue) => queue.name)).toEqual(['Billing']);
      expect(view.queues.some((queue) => queue.arn.includes('/queue/agent/'))).toBe(false);
      expect(view.hierarchy.map((level) => `${level.level}:${level.name}`)).toEqual([
        '1:North America',
        '2:Seattle Site',
        '3:Team Billing A',
      ]);
      expect(view.concurrency).toEqual([{ channel: 'VOICE', max: 1, available: 1 }]);
      const onCall = steps.find((step) => step.result.view.activity === 'OnContact')?.result.view;
      expect(onCall?.concurrency).toEqual([{ channel: 'VOICE', max: 1, available: 0 }]);
      expect(onCall?.contacts[0]).toMatchObject({ contactId: CTR_01.ContactId, channel: 'VOICE', state: 'CONNECTED', queue: { name: CTR_01.Queue?.Name } });
    });
  });

  describe('given mgarcia\'s shift (synthetic, matches CTR-02b)', () => {
    const events = readAgentEvents(MGARCIA_SHIFT);
    const { steps, view, completed } = replay(events);

    it('when replayed, then the missed offer counts once and the count resets when she connects', () => {
      expect(transitions(steps.map((step) => step.result.view.missedInARow))).toEqual([0, 1, 0]);
      const reset = steps.findIndex((step, i) => i > 0 && step.result.view.missedInARow === 0 && steps[i - 1].result.view.missedInARow === 1);
      expect(steps[reset].event.CurrentAgentSnapshot.Contacts?.[0].State).toBe('CONNECTED');
      const firstMiss = steps.findIndex((step) => step.result.view.missedInARow === 1);
      expect(steps[firstMiss].result.view.activity).toBe('Missed');
    });

    it('then the contact is offered as often as the CTR says, the missed offer completes without ACW and the answered one with the CTR\'s ACW', () => {
      const offers = completed.filter((work) => work.contactId === CTR_02B.ContactId);
      expect(offers).toHaveLength(CTR_02B.AgentConnectionAttempts);
      const [missed, answered] = offers;
      expect(missed).toMatchObject({ missed: true, holdSeconds: 0, holds: 0 });
      expect(missed.acwStart).toBeUndefined();
      expect(missed.connectedAt).toBeUndefined();
      expect(answered.missed).toBe(false);
      expect(answered.holdSeconds).toBe(CTR_02B.Agent.CustomerHoldDuration);
      expect(answered.holds).toBe(CTR_02B.Agent.NumberOfHolds);
      expect(answered.acwSeconds).toBe(CTR_02B.Agent.AfterContactWorkDuration);
      expect(toWholeSecond(answered.acwStart)).toBe(CTR_02B.Agent.AfterContactWorkStartTimestamp);
      expect(toWholeSecond(answered.acwEnd)).toBe(CTR_02B.Agent.AfterContactWorkEndTimestamp);
      expect(toWholeSecond(answered.connectedAt)).toBe(CTR_02B.Agent.ConnectedToAgentTimestamp);
    });

    it('then the next status shows during the call without interrupting it, and becomes the status (Lunch, CUSTOM) after ACW', () => {
      const queued = steps.findIndex((step) => step.result.view.nextStatus !== undefined);
      expect(steps[queued].result.changed).toBe(true);
      expect(steps[queued].result.view.nextStatus?.name).toBe('Lunch');
      expect(steps[queued].result.view.activity).toBe('OnContact');
      expect(steps[queued].result.view.status.name).toBe('Available');
      const lunch = steps.findIndex((step) => step.result.view.status.name === 'Lunch');
      expect(steps[lunch].result.view.status.type).toBe('CUSTOM');
      expect(steps[lunch].result.view.nextStatus).toBeUndefined();
      expect(steps[lunch].result.completedContacts.map((work) => work.contactId)).toEqual([CTR_02B.ContactId]);
      expect(steps[lunch - 1].result.view.activity).toBe('AfterContactWork');
      expect(steps.slice(queued, lunch).every((step) => step.result.view.nextStatus?.name === 'Lunch')).toBe(true);
    });

    it('then the transferred contact carries its initial contact id, and the shift ends Offline and logged out', () => {
      const onCall = steps.find((step) => step.result.view.activity === 'OnContact')?.result.view;
      expect(onCall?.contacts[0].initialContactId).toBe(CTR_02B.InitialContactId);
      expect(onCall?.contacts[0].initiationMethod).toBe('TRANSFER');
      expect(view.routingProfile.name).toBe(CTR_02B.Agent.RoutingProfile.Name);
      expect(view.status.name).toBe('Offline');
      expect(view.loggedIn).toBe(false);
      expect(view.work).toEqual([]);
    });
  });

  describe('given duplicate and out-of-order delivery', () => {
    for (const [label, file] of [
      ['jdoe', JDOE_SHIFT],
      ['mgarcia', MGARCIA_SHIFT],
    ] as const) {
      const events = readAgentEvents(file);
      const inOrder = replay(events);

      it(`when every ${label} event arrives twice, then the copies are ignored and the result is identical`, () => {
        const doubled = events.flatMap((event) => [event, clone(event)]);
        const { steps, view, completed } = replay(doubled);
        expect(steps.filter((step) => step.result.ignored === 'duplicate')).toHaveLength(events.length);
        for (const step of steps.filter((s) => s.result.ignored === 'duplicate')) expect(step.result.changed).toBe(false);
        expect(view).toEqual(inOrder.view);
        expect(completed).toEqual(inOrder.completed);
      });

      for (const seed of [1, 2, 3, 42, 2024, 65535]) {
        it(`when ${label}'s events (plus duplicates) arrive shuffled with seed ${seed}, then the final view is the in-order one`, () => {
          const withDuplicates = [...events, ...seededShuffle(events, seed + 1).slice(0, 8).map(clone)];
          const shuffled = seededShuffle(withDuplicates, seed);
          expect(shuffled.map((e) => e.EventId)).not.toEqual(withDuplicates.map((e) => e.EventId));
          const { steps, view } = replay(shuffled);
          expect(comparable(view)).toEqual(comparable(inOrder.view));
          expect(steps.filter((step) => step.result.ignored === 'duplicate')).toHaveLength(8);
          expect(steps.some((step) => step.result.ignored === 'out-of-order')).toBe(true);
        });
      }
    }

    it('when a state change arrives after a newer one, then it is ignored as out-of-order and does not move state back', () => {
      const events = readAgentEvents(JDOE_SHIFT);
      const breakAt = events.findIndex((event) => event.CurrentAgentSnapshot.AgentStatus.Name === 'Break');
      const availableAt = events.findIndex((event) => event.EventType === 'STATE_CHANGE' && event.CurrentAgentSnapshot.AgentStatus.Name === 'Available');
      const older = events[availableAt];
      const { view } = replay(events.slice(0, breakAt + 1).filter((event) => event !== older));
      const result = evolveAgent(view, older);
      expect(result.ignored).toBe('out-of-order');
      expect(result.changed).toBe(false);
      expect(result.view.status.name).toBe('Break');
      expect(result.view.lastEventAt).toBe(view.lastEventAt);
      expect(evolveAgent(result.view, older).ignored).toBe('duplicate');
    });

    it('when the hold event arrives after the unhold event, then the view stays OnContact and the hold is still counted', () => {
      const events = readAgentEvents(JDOE_SHIFT);
      const hold = events.findIndex((event) => event.CurrentAgentSnapshot.Contacts?.[0]?.State === 'CONNECTED_ONHOLD');
      const swapped = [...events.slice(0, hold), events[hold + 1], events[hold], ...events.slice(hold + 2)];
      const { steps, completed } = replay(swapped);
      expect(steps[hold + 1].result.ignored).toBe('out-of-order');
      expect(steps[hold + 1].result.view.activity).toBe('OnContact');
      expect(steps[hold + 1].result.view.work[0].holds).toBe(1);
      expect(completed[0].holdSeconds).toBe(CTR_01.Agent.CustomerHoldDuration);
    });

    it('when a heartbeat overtakes an older state change, then the state change still applies', () => {
      const events = readAgentEvents(JDOE_SHIFT);
      const connecting = events.findIndex((event) => event.CurrentAgentSnapshot.Contacts?.[0]?.State === 'CONNECTING');
      const { view } = replay(events.slice(0, connecting));
      const lateHeartbeat = clone(events[connecting - 1]);
      lateHeartbeat.EventId = 'synthetic-heartbeat-after-connecting';
      lateHeartbeat.EventTimestamp = '2024-03-12T14:03:18.000Z';
      const afterHeartbeat = evolveAgent(view, lateHeartbeat).view;
      const result = evolveAgent(afterHeartbeat, events[connecting]);
      expect(result.ignored).toBeUndefined();
      expect(result.changed).toBe(true);
      expect(result.view.activity).toBe('Connecting');
      expect(result.view.lastEventAt).toBe(lateHeartbeat.EventTimestamp);
    });

    it('when a heartbeat carries a different snapshot, then it changes nothing but liveness', () => {
      const events = readAgentEvents(JDOE_SHIFT);
      const { view } = replay(events.slice(0, 2));
      const heartbeat = clone(events[2]);
      heartbeat.CurrentAgentSnapshot.AgentStatus = { ...heartbeat.CurrentAgentSnapshot.AgentStatus, Name: 'Break', Type: 'CUSTOM' };
      const result = evolveAgent(view, heartbeat);
      expect(result.changed).toBe(false);
      expect(result.ignored).toBeUndefined();
      expect(result.view.status).toBe(view.status);
      expect(result.view.lastHeartbeatAt).toBe(heartbeat.EventTimestamp);
    });

    it('when more distinct events arrive than the ring holds, then it keeps only the most recent ids', () => {
      const events = readAgentEvents(JDOE_SHIFT);
      let { view } = replay(events.slice(0, 2));
      const base = Date.parse(events[1].EventTimestamp);
      for (let i = 0; i < RECENT_EVENT_IDS_CAPACITY + 10; i++) {
        const heartbeat = clone(events[2]);
        heartbeat.EventId = `hb-${i}`;
        heartbeat.EventTimestamp = new Date(base + (i + 1) * 1000).toISOString();
        view = evolveAgent(view, heartbeat).view;
      }
      expect(view.recentEventIds).toHaveLength(RECENT_EVENT_IDS_CAPACITY);
      expect(view.recentEventIds[RECENT_EVENT_IDS_CAPACITY - 1]).toBe(`hb-${RECENT_EVENT_IDS_CAPACITY + 9}`);
      expect(view.recentEventIds).not.toContain('hb-0');
    });

    it('when an event for another agent is folded into a view, then it is refused', () => {
      const jdoe = replay(readAgentEvents(JDOE_SHIFT).slice(0, 1)).view;
      const mgarcia = readAgentEvents(MGARCIA_SHIFT)[0];
      expect(() => evolveAgent(jdoe, mgarcia)).toThrow(InvalidInputError);
    });
  });

  describe('given the published doc samples (determine-acw-time, sample-agent-event-stream)', () => {
    const docs = (name: string, repairs?: Record<string, string>): AgentEventInput =>
      readJsonc<AgentEventInput>(sharedPath('fixtures', 'real', 'connect-docs', name), repairs);
    const acwStart = docs('agent-event-contact-ended-acw-start.jsonc');
    const acwEnd = docs('agent-event-state-change-acw-end.jsonc');
    // As published, the sample closes CurrentAgentSnapshot one line too early ("} ,"); it should be a comma.
    const heartbeat = docs('agent-event-heartbeat-chat-and-voice.jsonc', { '} ,': ',' });

    it('when the ACW start and end samples are replayed, then ACW runs from ENDED to removal and the status type is derived', () => {
      const { steps, completed } = replay([acwStart, acwEnd]);
      expect(steps[0].result.view.activity).toBe('AfterContactWork');
      expect(steps[0].result.view.activitySince).toBe('2019-05-25T18:55:27.017Z');
      expect(steps[0].result.view.status).toMatchObject({ name: 'Available', type: 'ROUTABLE' });
      expect(completed).toEqual([
        {
          contactId: 'ContactId-1',
          channel: 'VOICE',
          connectedAt: '2019-05-25T18:55:21.011Z',
          holdSeconds: 0,
          holds: 0,
          missed: false,
          acwStart: '2019-05-25T18:55:27.017Z',
          acwEnd: '2019-05-25T18:55:32.022Z',
          acwSeconds: 5,
        },
      ]);
    });

    it('when only the ACW end sample is seen (consumer started mid-ACW), then the ACW is still reported from the previous snapshot', () => {
      const { completed, view } = replay([acwEnd]);
      expect(completed).toHaveLength(1);
      expect(completed[0]).toMatchObject({ acwStart: '2019-05-25T18:55:27.017Z', acwEnd: '2019-05-25T18:55:32.022Z', acwSeconds: 5 });
      expect(view.activity).toBe('Idle');
      expect(view.activitySince).toBe('2019-05-25T18:55:32.022Z');
    });

    it('when a configuration-only state change keeps the ENDED contact, then ACW does not end', () => {
      const configChange = clone(acwStart);
      configChange.EventId = 'synthetic-config-change';
      configChange.EventTimestamp = '2019-05-25T18:55:29.000Z';
      configChange.PreviousAgentSnapshot = clone(acwStart.CurrentAgentSnapshot);
      configChange.CurrentAgentSnapshot.Configuration.RoutingProfile.Name = 'Renamed Profile';
      const { steps, completed } = replay([acwStart, configChange]);
      expect(completed).toEqual([]);
      expect(steps[1].result.changed).toBe(true);
      expect(steps[1].result.view.activity).toBe('AfterContactWork');
      expect(steps[1].result.view.routingProfile.name).toBe('Renamed Profile');
    });

    it('when the heartbeat sample bootstraps a view, then it shows the next status, both channels and named queues only', () => {
      const result = evolveAgent(undefined, heartbeat);
      expect(result.changed).toBe(true);
      const view = result.view;
      expect(view.agentId).toBe('agent-ARN');
      expect(view.status).toMatchObject({ name: 'Available', type: 'ROUTABLE' });
      expect(view.nextStatus).toEqual({ name: 'Lunch', arn: 'example-ARN2', since: '2019-08-13T20:58:00.004Z' });
      expect(view.queues.map((queue) => queue.name)).toEqual(['Omni-channel-queue']);
      expect(view.concurrency).toEqual([
        { channel: 'CHAT', max: 3, available: 3 },
        { channel: 'VOICE', max: 1, available: 1 },
      ]);
      expect(view.hierarchy).toEqual([]);
      expect(view.loggedIn).toBe(true);
      expect(view.lastHeartbeatAt).toBe('2019-08-13T20:58:44.031Z');
      expect(view.stateEventAt).toBeUndefined();
    });
  });

  describe('status type derivation and agent id', () => {
    it.each([
      ['Offline', undefined, 'OFFLINE'],
      ['Available', undefined, 'ROUTABLE'],
      ['Break', undefined, 'CUSTOM'],
      ['Available', null, 'ROUTABLE'],
      ['Training', 'CUSTOM', 'CUSTOM'],
      ['Offline', 'SOMETHING_NEW', 'OFFLINE'],
    ] as const)('given status %s with Type %s, then the type is %s', (name, type, expected) => {
      expect(statusTypeOf({ Name: name, Type: type })).toBe(expected);
    });

    it('given an agent ARN, then the id is the part after /agent/', () => {
      expect(agentIdFromArn('arn:aws:connect:us-east-1:1:instance/i-1/agent/abc-123')).toBe('abc-123');
      expect(agentIdFromArn('not-an-arn')).toBe('not-an-arn');
    });
  });
});

describe('isStale', () => {
  const events = readAgentEvents(JDOE_SHIFT);
  const available = replay(events.slice(0, 2)).view;
  const lastAt = Date.parse(available.lastEventAt);

  it('given a logged-in agent, when nothing arrives for longer than the window, then it is stale', () => {
    expect(isStale(available, new Date(lastAt + DEFAULT_HEARTBEAT_WINDOW_MS))).toBe(false);
    expect(isStale(available, new Date(lastAt + DEFAULT_HEARTBEAT_WINDOW_MS + 1))).toBe(true);
    expect(isStale(available, new Date(lastAt + 10_001), 10_000)).toBe(true);
  });

  it('given the default window, then it is two heartbeats plus grace', () => {
    expect(DEFAULT_HEARTBEAT_WINDOW_MS).toBeGreaterThan(2 * 120_000);
    expect(DEFAULT_HEARTBEAT_WINDOW_MS).toBeLessThan(3 * 120_000);
  });

  it('given a logged-out agent, then it is never stale', () => {
    const loggedOut = replay(events).view;
    expect(isStale(loggedOut, new Date(Date.parse(loggedOut.lastEventAt) + 24 * 3600_000))).toBe(false);
  });
});
