import type { AgentAlertDto, AgentDto, AnyLiveEvent, EscalationDto } from '@buddie/api-contract';
import { isRoom, roomsFor } from './live.protocol';

describe('live feed rooms', () => {
  it('given events, then each goes to its type room plus the agent and queue rooms it names', () => {
    const meta = { id: '1', occurredAt: '2026-12-01T12:00:00.000Z', correlationId: 'c' };
    const agent = { agentId: 'a1', queueNames: ['Billing'] } as AgentDto;
    const alert = { id: 'a1:r:t', agentId: 'a1' } as AgentAlertDto;
    const events: AnyLiveEvent[] = [
      { ...meta, type: 'AgentStateChanged', detail: agent },
      { ...meta, type: 'AgentAlertCleared', detail: alert },
      { ...meta, type: 'EscalationUpdated', detail: { escalationId: 'e', status: 'open', createdAt: meta.occurredAt } as EscalationDto },
      { ...meta, type: 'ContactCompleted', detail: { contactId: 'c1', queueName: null } },
    ];
    expect(events.map(roomsFor)).toEqual([['agents', 'agent:a1', 'queue:Billing'], ['alerts', 'agent:a1'], ['escalations'], ['contacts']]);
    expect(isRoom('agent:a1')).toBe(true);
    expect(isRoom('agent:../x')).toBe(false);
    expect(isRoom('everything')).toBe(false);
  });
});
