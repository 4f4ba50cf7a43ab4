import { isRoom, roomsFor, type LiveEvent } from './live.protocol';

describe('live feed rooms', () => {
  it('given events, then each goes to its type room plus the agent and queue rooms it names', () => {
    const event = (type: LiveEvent['type'], detail: Record<string, unknown>) => ({ id: '1', type, occurredAt: '', detail }) as LiveEvent;
    expect(roomsFor(event('AgentStateChanged', { agentId: 'a1', queueNames: ['Billing'] }))).toEqual(['agents', 'agent:a1', 'queue:Billing']);
    expect(roomsFor(event('AgentAlertCleared', { agentId: 'a1' }))).toEqual(['alerts', 'agent:a1']);
    expect(roomsFor(event('EscalationUpdated', { escalationId: 'e' }))).toEqual(['escalations']);
    expect(isRoom('agent:a1')).toBe(true);
    expect(isRoom('agent:../x')).toBe(false);
    expect(isRoom('everything')).toBe(false);
  });
});
