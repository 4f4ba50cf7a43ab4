import { NotFoundError } from '@buddie/domain';
import type { SummaryRepository } from '@buddie/persistence';
import { storedSummary } from '../../../../libs/api-contract/src/testing/stored-records';
import { ContactSummaryController } from './contact-summary.controller';

describe('ContactSummaryController (repository faked)', () => {
  const repository = { get: (id: string) => Promise.resolve(id === 'c-1' ? storedSummary('c-1') : undefined) } as unknown as SummaryRepository;
  const controller = new ContactSummaryController(repository);

  it('given a summarized contact, then the summary is served without usage, S3 locations or job bookkeeping', async () => {
    const summary = await controller.summary({ id: 'c-1' });
    expect(summary).toMatchObject({ contactId: 'c-1', status: 'summarized', summary: { headline: 'Billing question answered' } });
    for (const internal of ['usage', 'transcriptLocation', 'transcriptFormat', 'transcriptionJobName', 'mediaLocation', 'correlationId']) expect(summary).not.toHaveProperty(internal);
  });

  it('given no summary, then NOT_FOUND', async () => {
    await expect(controller.summary({ id: 'c-2' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
