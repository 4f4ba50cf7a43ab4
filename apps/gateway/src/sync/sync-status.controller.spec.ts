import { NotFoundError } from '@buddie/domain';
import type { SyncStatusRepository } from '@buddie/persistence';
import { syncRecord } from '../../../../libs/api-contract/src/testing/stored-records';
import { SyncStatusController } from './sync-status.controller';

describe('SyncStatusController (repository faked)', () => {
  const repository = {
    get: (id: string) => Promise.resolve(id === 'c-1' ? syncRecord('c-1') : undefined),
    list: (query: { limit?: number }) => Promise.resolve({ items: Array.from({ length: Math.min(2, query.limit ?? 50) }, (_, i) => syncRecord(`c-${i}`)), nextCursor: null }),
  } as unknown as SyncStatusRepository;
  const controller = new SyncStatusController(repository);

  it('given contacts, then each sync status comes back as its DTO', async () => {
    expect((await controller.list({ limit: 1 })).items).toEqual([{ contactId: 'c-0', state: 'pending', initiationTimestamp: '2026-12-01T10:00:00Z', agentUsername: 'jdoe', queueName: 'Billing', summarizedAt: '2026-12-01T10:07:00Z', syncedAt: null, salesforceId: null, errorCode: null, reason: null, lastError: null, voiceCall: null }]);
  });

  it('given an unknown contact, then NOT_FOUND', async () => {
    await expect(controller.get({ id: 'c-9' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(controller.get({ id: 'c-1' })).resolves.toMatchObject({ contactId: 'c-1', state: 'pending' });
  });
});
