import { fixedClock, NotFoundError } from '@buddie/domain';
import type { EscalationRepository, JourneyListQuery, JourneyRecord, JourneyRepository } from '@buddie/persistence';
import { storedJourney } from '../../../../libs/api-contract/src/testing/stored-records';
import { JourneysController } from './journeys.controller';

function fakeJourneys(records: JourneyRecord[]) {
  const queries: JourneyListQuery[] = [];
  const samples: number[] = [];
  const repository = {
    get: (id: string) => Promise.resolve(records.find((r) => r.contactId === id)),
    list: (query: JourneyListQuery) => (queries.push(query), Promise.resolve({ items: records, nextCursor: 'next' })),
    sample: (max: number) => (samples.push(max), Promise.resolve(records.slice(0, max))),
  } as unknown as JourneyRepository;
  const escalations = { listByContact: () => Promise.resolve([]) } as unknown as EscalationRepository;
  return { controller: new JourneysController(repository, escalations, fixedClock('2026-12-01T12:00:00Z')), queries, samples };
}

describe('JourneysController (repository faked)', () => {
  it('given a list query, then the filter and page reach the repository and each journey comes back as its DTO', async () => {
    const { controller, queries } = fakeJourneys([storedJourney('c-1')]);
    const page = await controller.list({ failed: true, limit: 5, cursor: 'abc' });
    expect(queries).toEqual([{ failed: true, limit: 5, cursor: 'abc', outcome: undefined, flowName: undefined, from: undefined, to: undefined }]);
    expect(page.nextCursor).toBe('next');
    expect(page.items[0]).not.toHaveProperty('internalNote');
    expect(page.items[0]).not.toHaveProperty('callerKey');
    expect(page.items[0].steps[1]).toMatchObject({ label: 'Lambda lookup', status: 'error', results: 'Timeout' });
    expect(page.items[0].steps[1]).not.toHaveProperty('parameters');
  });

  it('given no journey for the contact, then NOT_FOUND', async () => {
    await expect(fakeJourneys([]).controller.get({ id: 'nope' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('given journeys, then the funnel reads a bounded sample and counts steps', async () => {
    const { controller, samples } = fakeJourneys([storedJourney('c-1'), { ...storedJourney('c-2'), steps: storedJourney('c-2').steps.slice(0, 1) }]);
    const funnel = await controller.funnel();
    expect(samples).toEqual([1000]);
    expect(funnel).toEqual({
      journeys: 2,
      steps: [
        { step: 'Prompt "Welcome"', contacts: 2, share: 1, failures: 0 },
        { step: 'Lambda lookup', contacts: 1, share: 0.5, failures: 1 },
      ],
    });
  });
});
