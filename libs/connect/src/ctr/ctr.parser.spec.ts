import {
  ConnectValidationError,
  orThrow,
  parseCtr,
  type ContactTraceRecord,
  type ValidationIssue,
} from '../index';
import { readJson, sharedPath } from '../testing';

type Json = Record<string, unknown>;

function answeredCall(): Json {
  return readJson(sharedPath('fixtures/synthetic/ctr-01-inbound-answered-recorded.json')) as Json;
}

/** Applies `edit` to a fresh copy of CTR-01 and returns the issues parseCtr reports. */
function issuesAfter(edit: (ctr: Json) => void): ValidationIssue[] {
  const ctr = answeredCall();
  edit(ctr);
  const result = parseCtr(ctr);
  return result.ok ? [] : result.issues;
}

const agentOf = (ctr: Json) => ctr.Agent as Json;
const queueOf = (ctr: Json) => ctr.Queue as Json;
const recordingsOf = (ctr: Json) => ctr.Recordings as Json[];

describe('parseCtr', () => {
  it('accepts the synthetic answered call and types its fields', () => {
    const result = parseCtr(answeredCall());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ctr: ContactTraceRecord = result.value;
    expect(ctr.Agent?.Username).toBe('jdoe');
    expect(ctr.Queue?.Duration).toBe(40);
    expect(ctr.Recordings?.[0]?.Status).toBe('AVAILABLE');
  });

  describe('rejects malformed input naming the field and the problem', () => {
    const cases: Array<[string, (ctr: Json) => void, ValidationIssue]> = [
      ['a missing ContactId', (c) => delete c.ContactId, { path: 'ContactId', message: 'is required' }],
      ['an empty ContactId', (c) => (c.ContactId = ''), { path: 'ContactId', message: expect.stringContaining('must be a contact id') }],
      ['a ContactId over 256 characters', (c) => (c.ContactId = 'x'.repeat(257)), { path: 'ContactId', message: expect.stringContaining('1-256') }],
      ['a ContactId with a newline', (c) => (c.ContactId = 'abc\nforged'), { path: 'ContactId', message: expect.stringContaining('must be a contact id') }],
      ['a ContactId with an emoji', (c) => (c.ContactId = 'call-📞'), { path: 'ContactId', message: expect.stringContaining('must be a contact id') }],
      ['a ContactId that is a path', (c) => (c.ContactId = '../../etc'), { path: 'ContactId', message: expect.stringContaining('must be a contact id') }],
      ['a PreviousContactId with a slash', (c) => (c.PreviousContactId = 'a/b'), { path: 'PreviousContactId', message: expect.stringContaining('must be a contact id') }],
      [
        'a missing LastUpdateTimestamp',
        (c) => delete c.LastUpdateTimestamp,
        { path: 'LastUpdateTimestamp', message: 'is required' },
      ],
      [
        'a null LastUpdateTimestamp',
        (c) => (c.LastUpdateTimestamp = null),
        { path: 'LastUpdateTimestamp', message: 'is required, got null' },
      ],
      [
        'a non-ISO LastUpdateTimestamp',
        (c) => (c.LastUpdateTimestamp = '03/12/2024 14:11:54'),
        { path: 'LastUpdateTimestamp', message: expect.stringContaining('must be an ISO 8601 timestamp') },
      ],
      [
        'an impossible date',
        (c) => (c.InitiationTimestamp = '2024-02-30T10:00:00Z'),
        { path: 'InitiationTimestamp', message: expect.stringContaining("got '2024-02-30T10:00:00Z'") },
      ],
      [
        'a non-ISO agent timestamp',
        (c) => (agentOf(c).ConnectedToAgentTimestamp = 'yesterday'),
        { path: 'Agent.ConnectedToAgentTimestamp', message: expect.stringContaining("got 'yesterday'") },
      ],
      [
        'a numeric timestamp',
        (c) => (c.DisconnectTimestamp = 1710252587000),
        {
          path: 'DisconnectTimestamp',
          message: 'must be an ISO 8601 timestamp string, got number 1710252587000',
        },
      ],
      [
        'a disconnect before initiation',
        (c) => (c.DisconnectTimestamp = '2024-03-12T14:02:04Z'),
        {
          path: 'DisconnectTimestamp',
          message: 'must not be before InitiationTimestamp (2024-03-12T14:02:04Z < 2024-03-12T14:02:05Z)',
        },
      ],
      [
        'a negative Queue.Duration',
        (c) => (queueOf(c).Duration = -5),
        { path: 'Queue.Duration', message: 'must be a non-negative integer, got -5' },
      ],
      [
        'a fractional hold duration',
        (c) => (agentOf(c).CustomerHoldDuration = 4.5),
        { path: 'Agent.CustomerHoldDuration', message: 'must be a non-negative integer, got number 4.5' },
      ],
      [
        'a duration sent as a string',
        (c) => (agentOf(c).AgentInteractionDuration = '341'),
        { path: 'Agent.AgentInteractionDuration', message: "must be a non-negative integer, got '341'" },
      ],
      [
        'an empty Username',
        (c) => (agentOf(c).Username = ''),
        { path: 'Agent.Username', message: 'must not be empty' },
      ],
      [
        'a Username over 100 characters',
        (c) => (agentOf(c).Username = 'u'.repeat(101)),
        { path: 'Agent.Username', message: 'must be at most 100 characters, got 101' },
      ],
      ['an Agent without ARN', (c) => delete agentOf(c).ARN, { path: 'Agent.ARN', message: 'is required' }],
      [
        'an unknown Channel',
        (c) => (c.Channel = 'EMAIL'),
        { path: 'Channel', message: "must be one of VOICE, CHAT, TASK, TASKS; got 'EMAIL'" },
      ],
      [
        'a lower-case Channel',
        (c) => (c.Channel = 'voice'),
        { path: 'Channel', message: expect.stringContaining("got 'voice'") },
      ],
      [
        'an unknown InitiationMethod',
        (c) => (c.InitiationMethod = 'CARRIER_PIGEON'),
        {
          path: 'InitiationMethod',
          message: expect.stringMatching(/^must be one of INBOUND, OUTBOUND, .*; got 'CARRIER_PIGEON'$/),
        },
      ],
      [
        'a non-string attribute value',
        (c) => ((c.Attributes as Json).accountTier = 3),
        { path: 'Attributes.accountTier', message: 'must be a string, got number 3' },
      ],
      [
        'a Recordings entry that is not an object',
        (c) => (c.Recordings = ['s3://x']),
        { path: 'Recordings[0]', message: "must be an object, got 's3://x'" },
      ],
      [
        'a numeric Recordings[0].Status',
        (c) => (recordingsOf(c)[0].Status = 1),
        { path: 'Recordings[0].Status', message: 'must be a string, got number 1' },
      ],
      [
        'a Queue given as a string',
        (c) => (c.Queue = 'Billing'),
        { path: 'Queue', message: "must be an object, got 'Billing'" },
      ],
      [
        'an empty endpoint address',
        (c) => ((c.CustomerEndpoint as Json).Address = ''),
        { path: 'CustomerEndpoint.Address', message: 'must not be empty' },
      ],
      [
        'a malformed account id',
        (c) => (c.AWSAccountId = '1111-2222'),
        { path: 'AWSAccountId', message: "must be a 12-digit AWS account id, got '1111-2222'" },
      ],
      [
        'a Voice ID score above 100',
        (c) => (c.VoiceIdResult = { Authentication: { Score: 101 } }),
        { path: 'VoiceIdResult.Authentication.Score', message: 'must be ≤ 100, got 101' },
      ],
    ];

    it.each(cases)('%s', (_name, edit, expected) => {
      expect(issuesAfter(edit)).toEqual([expected]);
    });
  });

  it('collects every issue, not just the first', () => {
    const issues = issuesAfter((c) => {
      delete c.ContactId;
      c.Channel = 'FAX';
      agentOf(c).ConnectedToAgentTimestamp = 'soon';
      recordingsOf(c)[0].StartTimestamp = '2024-03-12 14:03:21';
      queueOf(c).Duration = -1;
    });

    expect(issues.map((i) => i.path).sort()).toEqual([
      'Agent.ConnectedToAgentTimestamp',
      'Channel',
      'ContactId',
      'Queue.Duration',
      'Recordings[0].StartTimestamp',
    ]);
  });

  it('rejects a non-object with one issue at the root', () => {
    expect(parseCtr('{"ContactId":"a"}')).toEqual({
      ok: false,
      issues: [{ path: '', message: expect.stringContaining('must be an object') }],
    });
    expect(parseCtr(null)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'must be an object, got null' }],
    });
    expect(parseCtr([])).toEqual({
      ok: false,
      issues: [{ path: '', message: 'must be an object, got an array' }],
    });
  });

  it('keeps unknown fields, top level and nested, untouched', () => {
    const ctr = answeredCall();
    ctr.Tags = { 'aws:connect:routingProfile': 'Billing Voice' };
    agentOf(ctr).DeviceInfo = { PlatformName: 'Chrome' };
    recordingsOf(ctr)[0].NewAwsField = 42;

    const result = parseCtr(ctr);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const value = result.value as unknown as Json;
    expect(value.Tags).toEqual({ 'aws:connect:routingProfile': 'Billing Voice' });
    expect((value.Agent as Json).DeviceInfo).toEqual({ PlatformName: 'Chrome' });
    expect(((value.Recordings as Json[])[0] as Json).NewAwsField).toBe(42);
  });

  it('accepts the open sets with values the docs do not list', () => {
    const result = parseCtr({
      ...answeredCall(),
      DisconnectReason: 'SOMETHING_NEW',
      Recordings: [
        {
          ...recordingsOf(answeredCall())[0],
          ParticipantType: 'IVR',
          StorageType: 'SOMETHING_ELSE',
          Status: 'ARCHIVED',
        },
      ],
    });

    expect(result.ok).toBe(true);
  });

  it('accepts null and absent alike for optional fields', () => {
    const ctr = answeredCall();
    ctr.Agent = null;
    delete ctr.Queue;
    delete ctr.Recordings;
    ctr.CustomerEndpoint = null;

    expect(parseCtr(ctr).ok).toBe(true);
  });

  it('accepts whole-second and millisecond timestamps alike', () => {
    const seconds = parseCtr(answeredCall());
    const millis = parseCtr({
      ...answeredCall(),
      InitiationTimestamp: '2024-03-12T14:02:05.123Z',
      LastUpdateTimestamp: '2024-03-12T14:11:54.999Z',
    });

    expect(seconds.ok && seconds.value.LastUpdateTimestamp).toBe('2024-03-12T14:11:54Z');
    expect(millis.ok && millis.value.LastUpdateTimestamp).toBe('2024-03-12T14:11:54.999Z');
  });

  it('compares disconnect and initiation across precisions and offsets', () => {
    // 14:02:05.500Z is after 14:02:05Z, and 16:02:04+02:00 is 14:02:04Z, before it.
    expect(parseCtr({ ...answeredCall(), DisconnectTimestamp: '2024-03-12T14:02:05.500Z' }).ok).toBe(true);
    expect(
      issuesAfter((c) => (c.DisconnectTimestamp = '2024-03-12T16:02:04+02:00')).map((i) => i.path),
    ).toEqual(['DisconnectTimestamp']);
  });

  it('throws a ConnectValidationError listing every issue through orThrow', () => {
    const ctr = answeredCall();
    delete ctr.ContactId;
    queueOf(ctr).Duration = -1;

    const attempt = () => orThrow(parseCtr(ctr), 'contact trace record');

    expect(attempt).toThrow(ConnectValidationError);
    try {
      attempt();
    } catch (error) {
      const e = error as ConnectValidationError;
      expect(e.code).toBe('CONNECT_VALIDATION');
      expect(e.kind).toBe('contact trace record');
      expect(e.issues).toHaveLength(2);
      expect(e.message).toContain('ContactId: is required');
      expect(e.message).toContain('Queue.Duration: must be a non-negative integer, got -1');
    }
  });
});
