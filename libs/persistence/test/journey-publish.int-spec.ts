import { assembleJourney, type Journey } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { createDynamoClients, JourneyRepository, TABLES } from '../src';

const DEADLINE_MS = 30_000;
const T0 = '2026-12-01T10:01:00.000Z';
const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

describe('JourneyRepository publish claims on DynamoDB Local: of concurrent assemblies of one contact exactly one publishes', () => {
  let env: TestEnvironment;
  let repo: JourneyRepository;
  beforeAll(async () => {
    env = await createTestEnvironment();
    repo = new JourneyRepository(createDynamoClients(env.config).doc, env.physical(TABLES.journeys.logicalName), { publishDeadlineMs: DEADLINE_MS });
  });
  afterAll(() => env.close());

  const journeyOf = (contactId: string, failed = true): Journey =>
    assembleJourney({
      contactId,
      entries: [
        { ContactId: contactId, ContactFlowModuleType: 'PlayPrompt', Timestamp: '2026-12-01T10:00:00.000Z', ContactFlowName: 'Main IVR' },
        { ContactId: contactId, ContactFlowModuleType: failed ? 'InvokeExternalResource' : 'PlayPrompt', Timestamp: '2026-12-01T10:00:05.000Z', ContactFlowName: 'Main IVR' },
      ],
    });

  /** What ivr-journey's assembly does with a save: publish when told to, then mark it published. */
  const assembleOnce = async (journey: Journey, at: string, published: string[]) => {
    const saved = await repo.save(journey, at, 'corr-1');
    if (saved.needsPublish) {
      published.push(`${journey.contactId}@v${saved.record.version}`);
      await repo.markPublished(journey.contactId, saved.fingerprint);
    }
    return saved;
  };

  it('given two concurrent saves of the same journey, then exactly one publishes it, however the two interleave', async () => {
    const published: string[] = [];
    const contacts = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    await Promise.all(contacts.flatMap((id) => [assembleOnce(journeyOf(id), T0, published), assembleOnce(journeyOf(id), T0, published)]));
    expect(published.sort()).toEqual(contacts.map((id) => `${id}@v1`).sort());
  });

  it('given a stored journey whose writer has not published yet, then two concurrent re-assemblies of it publish nothing and leave the contact to the writer', async () => {
    const journey = journeyOf('held');
    const writer = await repo.save(journey, T0, 'corr-1');
    expect(writer).toMatchObject({ outcome: 'created', needsPublish: true, publishHeldElsewhere: false });

    const others = await Promise.all([repo.save(journey, later(1_000), 'corr-1'), repo.save(journey, later(1_000), 'corr-1')]);
    expect(others.map((s) => [s.needsPublish, s.publishHeldElsewhere])).toEqual([
      [false, true],
      [false, true],
    ]);
    // the claim is internal: never part of the record
    expect(others[0].record).not.toHaveProperty('publishClaimedAt');

    await repo.markPublished('held', writer.fingerprint);
    expect(await repo.save(journey, later(2_000), 'corr-1')).toMatchObject({ outcome: 'unchanged', needsPublish: false, publishHeldElsewhere: false });
  });

  it('given a writer that crashed before publishing, then past the deadline exactly one of ten concurrent assemblies takes the publish over', async () => {
    const journey = journeyOf('crashed');
    await repo.save(journey, T0, 'corr-1'); // the writer never publishes

    const before = await Promise.all(Array.from({ length: 3 }, () => repo.save(journey, later(DEADLINE_MS - 1), 'corr-1')));
    expect(before.filter((s) => s.needsPublish)).toHaveLength(0);

    const published: string[] = [];
    const takers = await Promise.all(Array.from({ length: 10 }, () => assembleOnce(journey, later(DEADLINE_MS), published)));
    expect(published).toEqual(['crashed@v1']);
    expect(takers.filter((s) => s.publishHeldElsewhere)).toHaveLength(9);

    // published now: a later assembly has nothing to do
    expect(await repo.save(journey, later(10 * DEADLINE_MS), 'corr-1')).toMatchObject({ needsPublish: false, publishHeldElsewhere: false });
  });

  it('given a publish that failed and was released, then the next assembly publishes at once, before the deadline', async () => {
    const journey = journeyOf('released', false);
    const writer = await repo.save(journey, T0, 'corr-1');
    expect(await repo.releasePublish('released', writer.fingerprint)).toBe(true);
    const [a, b] = await Promise.all([repo.save(journey, later(1), 'corr-1'), repo.save(journey, later(1), 'corr-1')]);
    expect([a.needsPublish, b.needsPublish].sort()).toEqual([false, true]);
  });

  it('given a changed journey, then its writer publishes the new version even while the old one is claimed', async () => {
    const first = await repo.save(journeyOf('changed', false), T0, 'corr-1');
    const second = await repo.save(journeyOf('changed', true), later(1_000), 'corr-1');
    expect(second).toMatchObject({ outcome: 'updated', needsPublish: true, record: { version: 2 } });
    // the old version's publish lands late: it does not mark the new one published
    await repo.markPublished('changed', first.fingerprint);
    expect(await repo.save(journeyOf('changed', true), later(DEADLINE_MS + 1_000), 'corr-1')).toMatchObject({ needsPublish: true });
  });
});
