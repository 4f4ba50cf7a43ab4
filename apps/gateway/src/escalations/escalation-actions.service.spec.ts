import { BuddieError, fixedClock, NotFoundError } from '@buddie/domain';
import type { BuddieEventType, PublishableEvent } from '@buddie/messaging';
import type { EscalationRecord, EscalationTransition, EscalationTransitionResult } from '@buddie/persistence';
import { EscalationActions } from './escalation-actions.service';

const open: EscalationRecord = {
  escalationId: 'e-1', subjectType: 'contact', subjectId: 'c-9', contactId: 'c-9', agentId: null, cause: 'ivr-system-failure', severity: 'high', reasons: ['lookup failed'],
  trigger: 'journey-failure', correlationId: 'c-1', triggeredAt: '2026-12-01T10:00:00.000Z', status: 'open', version: 1, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
};
const supervisor = { keyId: 'k1', name: 'sam', scopes: ['write' as const] };

function setup(result: EscalationTransitionResult, publishFails = false) {
  const calls: string[] = [];
  const published: PublishableEvent[] = [];
  const repository = {
    transition: (id: string, change: EscalationTransition) => {
      calls.push(`transition ${id} ${change.action} by ${change.by} at ${change.at}${change.note ? ` (${change.note})` : ''}`);
      return Promise.resolve(result);
    },
    markPublished: (id: string, version: number) => (calls.push(`markPublished ${id} ${version}`), Promise.resolve(true)),
    releasePublish: (id: string, version: number) => (calls.push(`releasePublish ${id} ${version}`), Promise.resolve(true)),
  };
  const events = {
    publish: async <T extends BuddieEventType>(batch: PublishableEvent<T>[]) => {
      if (publishFails) throw new Error('PutEvents failed');
      published.push(...(batch as unknown as PublishableEvent[]));
    },
  };
  const warnings: string[] = [];
  const actions = new EscalationActions(repository, events, fixedClock('2026-12-01T11:00:00.000Z'), { warn: (m: string) => void warnings.push(m) });
  return { actions, calls, published, warnings };
}

describe('EscalationActions', () => {
  it('given an open escalation, when acknowledged with a note, then the stored change is returned, published once on the bus as EscalationUpdated, and only then its marker cleared', async () => {
    const stored: EscalationRecord = { ...open, status: 'acknowledged', version: 2, updatedAt: '2026-12-01T11:00:00.000Z', acknowledgedAt: '2026-12-01T11:00:00.000Z', acknowledgedBy: 'sam', acknowledgeNote: 'on it' };
    const { actions, calls, published } = setup({ outcome: 'applied', escalation: stored });

    await expect(actions.apply('e-1', 'acknowledge', supervisor, 'on it')).resolves.toEqual(stored);

    expect(calls).toEqual(['transition e-1 acknowledge by sam at 2026-12-01T11:00:00.000Z (on it)', 'markPublished e-1 2']);
    expect(published).toEqual([
      {
        type: 'EscalationUpdated',
        detail: expect.objectContaining({ escalationId: 'e-1', version: 2, status: 'acknowledged', acknowledgedBy: 'sam', correlationId: 'c-1', occurredAt: '2026-12-01T11:00:00.000Z' }),
      },
    ]);
    // The bus event carries the catalog's fields only: the note stays in the table.
    expect(Object.keys(published[0].detail)).not.toContain('acknowledgeNote');
  });

  it('given PutEvents failing, then the request still gets the stored change, the marker is handed to the reconciler and nothing is marked published', async () => {
    const stored: EscalationRecord = { ...open, status: 'resolved', version: 3, resolvedAt: '2026-12-01T11:00:00.000Z', resolvedBy: 'sam' };
    const { actions, calls, published, warnings } = setup({ outcome: 'applied', escalation: stored }, true);
    await expect(actions.apply('e-1', 'resolve', supervisor)).resolves.toEqual(stored);
    expect(published).toEqual([]);
    expect(calls.slice(1)).toEqual(['releasePublish e-1 3']);
    expect(warnings[0]).toContain('the escalation reconciler publishes it');
  });

  it('given someone else resolved it first, when acknowledged, then a permanent CONFLICT names the current status and nothing is published', async () => {
    const { actions, published } = setup({ outcome: 'conflict', current: { ...open, status: 'resolved' } });
    const error = await actions.apply('e-1', 'acknowledge', supervisor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuddieError);
    expect(error).toMatchObject({ code: 'CONFLICT', permanent: true, message: 'escalation e-1 is resolved; it cannot be acknowledged now' });
    expect(published).toEqual([]);
  });

  it('given no such escalation, then NOT_FOUND and nothing is published', async () => {
    const { actions, published } = setup({ outcome: 'not-found' });
    await expect(actions.apply('nope', 'resolve', supervisor)).rejects.toBeInstanceOf(NotFoundError);
    expect(published).toEqual([]);
  });
});
