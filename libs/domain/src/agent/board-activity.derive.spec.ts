import type { AgentEventInput } from './agent-event.model';
import { evolveAgent } from './agent-view.evolve';
import type { AgentView } from './agent-view.model';
import { boardActivityOf, type BoardActivityState } from './board-activity.derive';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../testing/src/fixtures';

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);

/** The activity after each event that changed something a supervisor sees, without repeats. */
function activities(events: readonly AgentEventInput[]): (BoardActivityState & { at: string })[] {
  let view: AgentView | undefined;
  const seen: (BoardActivityState & { at: string })[] = [];
  for (const event of events) {
    view = evolveAgent(view, event).view;
    const state = boardActivityOf(view);
    const last = seen[seen.length - 1];
    if (!last || last.activity !== state.activity || last.label !== state.label || last.since !== state.since) seen.push({ ...state, at: event.EventTimestamp });
  }
  return seen;
}

function withContact(view: AgentView, state: string, since: string): AgentView {
  let next = view;
  const contact = { ContactId: 'c-9', Channel: 'VOICE', State: state, StateStartTimestamp: since, Queue: null };
  const event: AgentEventInput = {
    AgentARN: view.agentArn,
    EventId: `e-${state}-${since}`,
    EventTimestamp: since,
    EventType: 'STATE_CHANGE',
    CurrentAgentSnapshot: { ...JDOE[1].CurrentAgentSnapshot, Contacts: [contact] },
    PreviousAgentSnapshot: JDOE[1].CurrentAgentSnapshot,
  };
  next = evolveAgent(next, event).view;
  return next;
}

describe('boardActivityOf', () => {
  it('given jdoe\'s shift (call, hold, ACW, break, logout), then the card reads what she is doing, each from when it began', () => {
    expect(activities(JDOE).map(({ activity, label, since }) => [activity, label, since])).toEqual([
      // Logged in but not yet Available: offline since her status went Offline the evening before.
      ['offline', 'Offline', '2024-03-11T22:03:10.118Z'],
      ['available', 'Available', '2024-03-12T13:55:04.870Z'],
      ['incoming', 'Incoming', '2024-03-12T14:03:17.205Z'],
      ['on-contact', 'On contact', '2024-03-12T14:03:21.388Z'],
      ['on-hold', 'On hold', '2024-03-12T14:06:00.117Z'],
      ['on-contact', 'On contact', '2024-03-12T14:06:45.130Z'],
      ['after-contact-work', 'After contact work', '2024-03-12T14:09:47.512Z'],
      // Her status stayed Available through the call: available again from the end of ACW, not from 13:55.
      ['available', 'Available', '2024-03-12T14:10:52.640Z'],
      ['custom', 'Break', '2024-03-12T14:15:30.051Z'],
      // Logged out two seconds later: still offline since the status changed.
      ['offline', 'Offline', '2024-03-12T14:24:10.300Z'],
    ]);
  });

  it('given mgarcia\'s missed offer and a queued Lunch, then missed shows until the offer clears, and Lunch only once the status changes', () => {
    expect(activities(MGARCIA).map(({ activity, label }) => `${activity}:${label}`)).toEqual([
      'offline:Offline',
      'available:Available',
      'incoming:Incoming',
      'missed:Missed',
      'available:Available',
      'incoming:Incoming',
      'on-contact:On contact',
      'after-contact-work:After contact work',
      'custom:Lunch',
      'offline:Offline',
    ]);
  });

  it('given an agent whose status is Offline but still in ACW, then the contact decides: after-contact work', () => {
    let view = evolveAgent(undefined, JDOE[1]).view;
    view = withContact(view, 'ENDED', '2024-03-12T14:00:00.000Z');
    view = { ...view, status: { name: 'Offline', type: 'OFFLINE', since: '2024-03-12T14:00:01.000Z' } };
    expect(boardActivityOf(view)).toEqual({ activity: 'after-contact-work', label: 'After contact work', since: '2024-03-12T14:00:00.000Z' });
  });

  it.each([
    ['PENDING', 'incoming'],
    ['INCOMING', 'incoming'],
    ['CONNECTING', 'incoming'],
    ['CONNECTED', 'on-contact'],
    ['CONNECTED_ONHOLD', 'on-hold'],
    ['ENDED', 'after-contact-work'],
    ['MISSED', 'missed'],
    ['REJECTED', 'missed'],
    ['ERROR', 'missed'],
  ])('given a contact in state %s, then the activity is %s', (state, activity) => {
    const view = withContact(evolveAgent(undefined, JDOE[1]).view, state, '2024-03-12T14:00:00.000Z');
    expect(boardActivityOf(view)).toMatchObject({ activity, since: '2024-03-12T14:00:00.000Z' });
  });

  it('given a logged-out agent whose heartbeats still say Available, then offline from the logout', () => {
    const view = { ...evolveAgent(undefined, JDOE[1]).view, loggedIn: false, logoutAt: '2024-03-12T15:00:00.000Z' };
    expect(boardActivityOf(view)).toEqual({ activity: 'offline', label: 'Offline', since: '2024-03-12T15:00:00.000Z' });
  });
});
