import { parseContactEvent } from '../index';
import { readJson, sharedPath } from '../testing';

const connectedToAgent = () =>
  readJson(sharedPath('fixtures/real/connect-docs/contact-event-connected-to-agent.detail.json')) as Record<
    string,
    unknown
  >;

describe('parseContactEvent', () => {
  it('reads the published CONNECTED_TO_AGENT detail', () => {
    const result = parseContactEvent(connectedToAgent());

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.eventType).toBe('CONNECTED_TO_AGENT');
    expect(result.value.agentInfo?.connectedToAgentTimestamp).toBe('2021-08-04T17:29:09.000Z');
    expect(result.value.queueInfo?.queueType).toBe('type');
  });

  it('matches keys whatever their case and emits them in camelCase', () => {
    // Given the PascalCase of the model table, mixed with the camelCase of the samples
    const detail = {
      EventType: 'DISCONNECTED',
      ContactId: '11111111-1111-1111-1111-111111111111',
      instanceArn: 'arn:aws:connect:us-west-2:123456789012:instance/i',
      Channel: 'Voice',
      INITIATIONMETHOD: 'INBOUND',
      DisconnectTimestamp: '2021-08-04T17:18:37.000Z',
      AgentInfo: {
        AgentArn: 'arn:aws:connect:us-west-2:123456789012:instance/i/agent/a',
        ConnectedToAgentTimestamp: '2021-08-04T17:29:09.000Z',
      },
      QueueInfo: { QueueArn: 'arn:q', EnqueueTimestamp: '2021-08-04T17:29:04.000Z' },
    };

    // When parsed
    const result = parseContactEvent(detail);

    // Then the value has one spelling, and the channel is upper-cased
    expect(result).toEqual({
      ok: true,
      value: {
        eventType: 'DISCONNECTED',
        contactId: '11111111-1111-1111-1111-111111111111',
        instanceArn: 'arn:aws:connect:us-west-2:123456789012:instance/i',
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
        disconnectTimestamp: '2021-08-04T17:18:37.000Z',
        agentInfo: {
          agentArn: 'arn:aws:connect:us-west-2:123456789012:instance/i/agent/a',
          connectedToAgentTimestamp: '2021-08-04T17:29:09.000Z',
        },
        queueInfo: { queueArn: 'arn:q', enqueueTimestamp: '2021-08-04T17:29:04.000Z' },
      },
    });
  });

  it('keeps unknown keys as they came', () => {
    const result = parseContactEvent({ ...connectedToAgent(), SegmentAttributes: { x: '1' }, tags: {} });

    expect(result.ok && (result.value as unknown as Record<string, unknown>).SegmentAttributes).toEqual({
      x: '1',
    });
  });

  it('rejects the same key given in two casings', () => {
    const result = parseContactEvent({
      ...connectedToAgent(),
      ContactId: '22222222-2222-2222-2222-222222222222',
    });

    expect(result).toEqual({
      ok: false,
      issues: [{ path: 'contactId', message: "given twice, as 'contactId' and 'ContactId'" }],
    });
  });

  it.each([
    [
      'eventType',
      'COMPLETED',
      "must be one of INITIATED, CONNECTED_TO_SYSTEM, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED; got 'COMPLETED'",
    ],
    ['channel', 'email', "must be one of VOICE, CHAT, TASK, TASKS; got 'EMAIL'"],
    ['initiationMethod', 'inbound', expect.stringContaining("got 'inbound'")],
    ['initiationTimestamp', '2021-08-04 17:17:53', expect.stringContaining("got '2021-08-04 17:17:53'")],
  ])('rejects a bad %s', (key, value, message) => {
    expect(parseContactEvent({ ...connectedToAgent(), [key]: value })).toEqual({
      ok: false,
      issues: [{ path: key, message }],
    });
  });

  it('names the nested path in the normalized spelling', () => {
    const result = parseContactEvent({
      ...connectedToAgent(),
      agentInfo: undefined,
      AgentInfo: { AgentArn: 'a', ConnectedToAgentTimestamp: 'later' },
    });

    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'agentInfo.connectedToAgentTimestamp', message: expect.stringContaining("got 'later'") },
      ],
    });
  });

  it('requires the identifying fields', () => {
    const result = parseContactEvent({ channel: 'CHAT' });

    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual([
      'eventType',
      'contactId',
      'instanceArn',
      'initiationMethod',
    ]);
  });
});
