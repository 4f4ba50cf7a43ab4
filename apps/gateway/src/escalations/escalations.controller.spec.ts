import { NotFoundError } from '@buddie/domain';
import type { EscalationListQuery, EscalationRepository } from '@buddie/persistence';
import { storedEscalation } from '../../../../libs/api-contract/src/testing/stored-records';
import type { EscalationActions } from './escalation-actions.service';
import { EscalationsController } from './escalations.controller';

describe('EscalationsController (repository and actions faked)', () => {
  const queries: EscalationListQuery[] = [];
  const applied: unknown[][] = [];
  const repository = {
    get: (id: string) => Promise.resolve(id === 'e-1' ? storedEscalation('e-1') : undefined),
    listByStatus: (query: EscalationListQuery) => (queries.push(query), Promise.resolve({ items: [storedEscalation('e-1')], nextCursor: null })),
  } as unknown as EscalationRepository;
  const actions = { apply: (...args: unknown[]) => (applied.push(args), Promise.resolve({ ...storedEscalation('e-1'), status: 'resolved' })) } as unknown as EscalationActions;
  const controller = new EscalationsController(repository, actions);
  const principal = { keyId: 'k', name: 'sam', scopes: ['write' as const] };

  it('given no status, then open escalations are listed, as DTOs', async () => {
    const page = await controller.list({});
    expect(queries.at(-1)).toEqual({ status: 'open', limit: 50, cursor: undefined });
    expect(page.items).toEqual([expect.objectContaining({ escalationId: 'e-1', status: 'open' })]);
    expect(page.items[0]).not.toHaveProperty('internalNote');
    expect(page.items[0]).not.toHaveProperty('correlationId');
  });

  it('given an unknown id, then NOT_FOUND', async () => {
    await expect(controller.get({ id: 'e-9' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('given a resolve with a note, then the action gets the caller and the note, and the answer is the DTO', async () => {
    const answer = await controller.resolve({ id: 'e-1' }, { note: 'done' }, { principal });
    expect(applied.at(-1)).toEqual(['e-1', 'resolve', principal, 'done']);
    expect(answer).toMatchObject({ escalationId: 'e-1', status: 'resolved' });
    expect(answer).not.toHaveProperty('internalNote');
  });
});
