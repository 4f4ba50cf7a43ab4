import { NotFoundError, type Transcript } from '@buddie/domain';
import type { SummaryRepository } from '@buddie/persistence';
import { storedSummary } from '../../../../libs/api-contract/src/testing/stored-records';
import { ContactTranscriptController } from './contact-transcript.controller';
import type { RedactedTranscriptStore } from './redacted-transcript.store';

const archived: Transcript = {
  contactId: 'c-1',
  source: 'contact-lens',
  channel: 'VOICE',
  language: 'en-US',
  redacted: true,
  turns: [
    { id: 't1', role: 'AGENT', beginMs: 0, endMs: 2000, text: 'How can I help?' },
    { id: 't2', role: 'CUSTOMER', beginMs: 2500, endMs: 6000, text: 'My card is [CREDIT_DEBIT_NUMBER].', sentiment: 'NEGATIVE', redactions: [{ type: 'CREDIT_DEBIT_NUMBER', begin: 11, end: 30 }] },
  ],
};

describe('ContactTranscriptController (repository and archive faked)', () => {
  const summaries = {
    get: (id: string) => Promise.resolve(id === 'c-1' ? storedSummary('c-1') : id === 'c-pending' ? { ...storedSummary('c-pending'), transcriptLocation: undefined } : undefined),
  } as unknown as SummaryRepository;
  const asked: string[] = [];
  const store = { get: (id: string) => (asked.push(id), Promise.resolve(id === 'c-1' ? archived : undefined)) } as unknown as RedactedTranscriptStore;
  const controller = new ContactTranscriptController(summaries, store);

  it('given a summarized contact, then its redacted turns are served without turn ids or redaction spans', async () => {
    const dto = await controller.transcript({ id: 'c-1' });
    expect(dto).toEqual({
      contactId: 'c-1',
      channel: 'VOICE',
      source: 'contact-lens',
      language: 'en-US',
      turns: [
        { role: 'AGENT', beginMs: 0, endMs: 2000, text: 'How can I help?', sentiment: undefined },
        { role: 'CUSTOMER', beginMs: 2500, endMs: 6000, text: 'My card is [CREDIT_DEBIT_NUMBER].', sentiment: 'NEGATIVE' },
      ],
    });
  });

  it('given a contact with no redacted transcript yet, then NOT_FOUND and the archive is not read', async () => {
    asked.length = 0;
    await expect(controller.transcript({ id: 'c-pending' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(controller.transcript({ id: 'c-unknown' })).rejects.toBeInstanceOf(NotFoundError);
    expect(asked).toEqual([]);
  });
});
