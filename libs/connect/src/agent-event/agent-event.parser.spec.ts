import { parseAgentEvent, type ValidationIssue } from '../index';
import type { AgentEventInput } from '@buddie/domain';
import { readJsonLines, sharedPath } from '../testing';

type Json = Record<string, unknown>;

const jdoeShift = () =>
  readJsonLines(
    sharedPath('fixtures/synthetic/agent-events-01-jdoe-shift-inbound-call-hold-acw.jsonl'),
  ) as Json[];

/** The first event of jdoe's shift that has a contact in its current snapshot. */
function eventWithContact(): Json {
  const event = jdoeShift().find((e) => ((e.CurrentAgentSnapshot as Json).Contacts as unknown[]).length > 0);
  if (!event) throw new Error('fixture changed: no event with a contact');
  return event;
}

const current = (e: Json) => e.CurrentAgentSnapshot as Json;
const firstContact = (e: Json) => (current(e).Contacts as Json[])[0];

function issuesAfter(edit: (e: Json) => void, base: Json = eventWithContact()): ValidationIssue[] {
  edit(base);
  const result = parseAgentEvent(base);
  return result.ok ? [] : result.issues;
}

describe('parseAgentEvent', () => {
  it('reads the whole synthetic shift, LOGIN with a null PreviousAgentSnapshot included', () => {
    const results = jdoeShift().map(parseAgentEvent);

    expect(results.every((r) => r.ok)).toBe(true);
    const [login] = results;
    expect(login.ok && login.value.EventType).toBe('LOGIN');
    expect(login.ok && login.value.PreviousAgentSnapshot).toBeNull();
    const states = results.flatMap((r) =>
      r.ok ? r.value.CurrentAgentSnapshot.Contacts.map((c) => c.State) : [],
    );
    expect(new Set(states)).toEqual(new Set(['CONNECTING', 'CONNECTED', 'CONNECTED_ONHOLD', 'ENDED']));
  });

  it.each<[string, (e: Json) => void, ValidationIssue]>([
    [
      'an unknown EventType',
      (e) => (e.EventType = 'TELEPORT'),
      {
        path: 'EventType',
        message: "must be one of LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT; got 'TELEPORT'",
      },
    ],
    [
      'an unknown contact State',
      (e) => (firstContact(e).State = 'DANCING'),
      {
        path: 'CurrentAgentSnapshot.Contacts[0].State',
        message: expect.stringMatching(/^must be one of INCOMING, .*ENDED; got 'DANCING'$/),
      },
    ],
    [
      'an unknown contact Channel',
      (e) => (firstContact(e).Channel = 'SMOKE_SIGNAL'),
      {
        path: 'CurrentAgentSnapshot.Contacts[0].Channel',
        message: "must be one of VOICE, CHAT, TASK, TASKS; got 'SMOKE_SIGNAL'",
      },
    ],
    [
      'a second-precision-less timestamp',
      (e) => (e.EventTimestamp = '2024-03-12T14:03'),
      { path: 'EventTimestamp', message: expect.stringContaining("got '2024-03-12T14:03'") },
    ],
    ['a missing EventId', (e) => delete e.EventId, { path: 'EventId', message: 'is required' }],
    [
      'an account id of 11 digits',
      (e) => (e.AWSAccountId = '11112222333'),
      { path: 'AWSAccountId', message: "must be a 12-digit AWS account id, got '11112222333'" },
    ],
    [
      'a Username over 100 characters',
      (e) => ((current(e).Configuration as Json).Username = 'x'.repeat(101)),
      {
        path: 'CurrentAgentSnapshot.Configuration.Username',
        message: 'must be at most 100 characters, got 101',
      },
    ],
    [
      'negative free slots',
      (e) =>
        ((
          ((current(e).Configuration as Json).RoutingProfile as Json).Concurrency as Json[]
        )[0].AvailableSlots = -1),
      {
        path: 'CurrentAgentSnapshot.Configuration.RoutingProfile.Concurrency[0].AvailableSlots',
        message: 'must be a non-negative integer, got -1',
      },
    ],
    [
      'Contacts missing',
      (e) => delete current(e).Contacts,
      { path: 'CurrentAgentSnapshot.Contacts', message: 'is required' },
    ],
  ])('rejects %s, naming the field', (_name, edit, expected) => {
    expect(issuesAfter(edit)).toEqual([expected]);
  });

  it.each(['TASKS', 'TASK'])('accepts the task channel spelled %s', (spelling) => {
    expect(issuesAfter((e) => (firstContact(e).Channel = spelling))).toEqual([]);
  });

  it('accepts an unknown agent status Type and keeps unknown fields', () => {
    const event = eventWithContact();
    (current(event).AgentStatus as Json).Type = 'SOMETHING_NEW';
    firstContact(event).SegmentAttributes = { 'connect:Subtype': 'connect:Telephony' };

    const result = parseAgentEvent(event);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.CurrentAgentSnapshot.AgentStatus.Type).toBe('SOMETHING_NEW');
    expect((result.value.CurrentAgentSnapshot.Contacts[0] as unknown as Json).SegmentAttributes).toEqual({
      'connect:Subtype': 'connect:Telephony',
    });
  });

  it('reads whole-second and millisecond timestamps alike', () => {
    expect(issuesAfter((e) => (e.EventTimestamp = '2024-03-12T14:03:21Z'))).toEqual([]);
    expect(issuesAfter((e) => (e.EventTimestamp = '2024-03-12T14:03:21.004Z'))).toEqual([]);
  });
});

describe('AgentEvent and the domain agent model', () => {
  it('is assignable to @buddie/domain AgentEventInput (checked by tsc)', () => {
    const parsed = parseAgentEvent(eventWithContact());
    if (!parsed.ok) throw new Error('fixture should parse');

    // The domain declares its own loose input type so it need not depend on this lib; this line breaks the
    // typecheck if the two drift apart.
    const input: AgentEventInput = parsed.value;

    expect(input.CurrentAgentSnapshot.Configuration.RoutingProfile.Name).toBe('Billing Voice');
  });
});
