import {
  agentIdFromArn,
  conversationIdOf,
  ctrMaterialFingerprint,
  isAbandoned,
  orThrow,
  parseCtr,
  type ContactTraceRecord,
} from '../index';
import { readJson, sharedPath } from '../testing';

function ctr(name: string): ContactTraceRecord {
  return orThrow(parseCtr(readJson(sharedPath('fixtures/synthetic', name))), name);
}

/** Rebuilds an object with its keys in reverse order, recursively, to prove order does not matter. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('ctrMaterialFingerprint', () => {
  const original = ctr('ctr-01-inbound-answered-recorded.json');

  it('is a sha256 hex digest', () => {
    expect(ctrMaterialFingerprint(original)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores LastUpdateTimestamp and key order: a plain redelivery is not material', () => {
    const redelivered = {
      ...(reverseKeys(original) as ContactTraceRecord),
      LastUpdateTimestamp: '2024-03-12T15:00:00Z',
    };

    expect(ctrMaterialFingerprint(redelivered)).toBe(ctrMaterialFingerprint(original));
  });

  it('treats a null field like an absent one', () => {
    const { VoiceIdResult: _dropped, ...withoutVoiceId } = original;

    expect(ctrMaterialFingerprint(withoutVoiceId as ContactTraceRecord)).toBe(
      ctrMaterialFingerprint(original),
    );
  });

  it.each<[string, (c: ContactTraceRecord) => ContactTraceRecord]>([
    [
      'an attribute updated after the call',
      (c) => ({ ...c, Attributes: { ...c.Attributes, callReason: 'refund' } }),
    ],
    [
      'a recording deleted',
      (c) => ({ ...c, Recordings: c.Recordings?.map((r) => ({ ...r, Status: 'DELETED' })) }),
    ],
    ['an unknown field added by AWS', (c) => ({ ...c, Tags: { team: 'billing' } }) as ContactTraceRecord],
    [
      'the recordings reordered',
      (c) => ({ ...c, Recordings: [...(c.Recordings ?? []), { Location: 'second' }].reverse() }),
    ],
  ])('changes when the record does: %s', (_name, change) => {
    expect(ctrMaterialFingerprint(change(original))).not.toBe(ctrMaterialFingerprint(original));
  });
});

describe('isAbandoned', () => {
  it.each([
    ['ctr-03-inbound-abandoned-in-queue.json', true],
    ['ctr-01-inbound-answered-recorded.json', false],
    ['ctr-04-ivr-only-caller-hung-up-in-menu.json', false], // never queued
    ['ctr-05-outbound-agent-dialed.json', false], // queue without EnqueueTimestamp
    ['ctr-07-chat.json', false],
  ])('%s → %s', (name, expected) => {
    expect(isAbandoned(ctr(name))).toBe(expected);
  });

  it('counts an agent record without ConnectedToAgentTimestamp as not connected', () => {
    const answered = ctr('ctr-01-inbound-answered-recorded.json');

    expect(
      isAbandoned({ ...answered, Agent: { ARN: answered.Agent!.ARN, ConnectedToAgentTimestamp: null } }),
    ).toBe(true);
  });
});

describe('agentIdFromArn', () => {
  it('takes the user id after /agent/', () => {
    expect(
      agentIdFromArn(
        'arn:aws:connect:us-east-1:111122223333:instance/5f0c2d7e-3b1a-4c9e-9a41-7e2d6b8c1f00/agent/7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01',
      ),
    ).toBe('7c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e01');
  });

  it.each([
    ['arn'],
    ['arn:aws:connect:us-east-1:111122223333:instance/x/queue/agent/'],
    [''],
    [null],
    [undefined],
  ])('returns undefined for %p', (arn) => {
    expect(agentIdFromArn(arn)).toBeUndefined();
  });

  it('does not mistake the agent queue ARN for an agent', () => {
    expect(
      agentIdFromArn('arn:aws:connect:us-west-2:012345678901:instance/i/queue/agent/agent-ARN'),
    ).toBeUndefined();
  });
});

describe('conversationIdOf', () => {
  it('uses InitialContactId for later legs and ContactId for the first', () => {
    const first = ctr('ctr-02a-inbound-transferred-first-leg.json');
    const second = ctr('ctr-02b-inbound-transferred-second-leg.json');

    expect(conversationIdOf(first)).toBe(first.ContactId);
    expect(conversationIdOf(second)).toBe(first.ContactId);
  });
});
