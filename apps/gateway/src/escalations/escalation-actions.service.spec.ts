import { BuddieError, fixedClock, NotFoundError } from '@buddie/domain';
import type { EscalationRecord, EscalationTransition, EscalationTransitionResult } from '@buddie/persistence';
import type { AnyLiveEvent } from '@buddie/api-contract';
import { EscalationActions } from './escalation-actions.service';

const open: EscalationRecord = {
  escalationId: 'e-1', subjectType: 'contact', subjectId: 'c-9', contactId: 'c-9', agentId: null, cause: 'ivr-system-failure', severity: 'high', reasons: ['lookup failed'],
  trigger: 'journey-failure', correlationId: 'c-1', triggeredAt: '2026-12-01T10:00:00.000Z', status: 'open', createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
};
const supervisor = { keyId: 'k1', name: 'sam', scopes: ['write' as const] };

function setup(result: EscalationTransitionResult) {
  const calls: { id: string; change: EscalationTransition }[] = [];
  const published: AnyLiveEvent[] = [];
  const repository = {
    transition: (id: string, change: EscalationTransition) => {
      calls.push({ id, change });
      return Promise.resolve(result);
    },
  };
  const live = { publish: (event: AnyLiveEvent) => (published.push(event), true) };
  const actions = new EscalationActions(repository, live, fixedClock('2026-12-01T11:00:00.000Z'));
  return { actions, calls, published };
}

describe('EscalationActions', () => {
  it('given an open escalation, when acknowledged with a note, then the stored change is returned and announced once with the clock time', async () => {
    const stored: EscalationRecord = { ...open, status: 'acknowledged', acknowledgedAt: '2026-12-01T11:00:00.000Z', acknowledgedBy: 'sam', acknowledgeNote: 'on it' };
    const { actions, calls, published } = setup({ outcome: 'applied', escalation: stored });

    await expect(actions.apply('e-1', 'acknowledge', supervisor, 'on it')).resolves.toEqual(stored);

    expect(calls).toEqual([{ id: 'e-1', change: { action: 'acknowledge', by: 'sam', at: '2026-12-01T11:00:00.000Z', note: 'on it' } }]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'EscalationUpdated', occurredAt: '2026-12-01T11:00:00.000Z', correlationId: 'c-1', detail: { escalationId: 'e-1', status: 'acknowledged', acknowledgedBy: 'sam' } });
    // The announcement is the allow-listed DTO: the stored correlation id travels on the envelope only.
    expect(Object.keys(published[0].detail)).not.toContain('correlationId');
    expect(published[0].id).toMatch(/^gateway-/);
  });

  it('given a record without a correlation id, then the announcement correlates by the escalation id', async () => {
    const { actions, published } = setup({ outcome: 'applied', escalation: { ...open, correlationId: '', status: 'resolved' } });
    await actions.apply('e-1', 'resolve', supervisor);
    expect(published[0].correlationId).toBe('e-1');
  });

  it('given someone else resolved it first, when acknowledged, then a permanent CONFLICT names the current status and nothing is announced', async () => {
    const { actions, published } = setup({ outcome: 'conflict', current: { ...open, status: 'resolved' } });
    const error = await actions.apply('e-1', 'acknowledge', supervisor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuddieError);
    expect(error).toMatchObject({ code: 'CONFLICT', permanent: true, message: 'escalation e-1 is resolved; it cannot be acknowledged now' });
    expect(published).toEqual([]);
  });

  it('given no such escalation, then NOT_FOUND and nothing is announced', async () => {
    const { actions, published } = setup({ outcome: 'not-found' });
    await expect(actions.apply('nope', 'resolve', supervisor)).rejects.toBeInstanceOf(NotFoundError);
    expect(published).toEqual([]);
  });
});
