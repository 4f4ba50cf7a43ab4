import request from 'supertest';
import { createDynamoClients, SummaryRepository } from '@buddie/persistence';
import { GatewayHarness, type RunningGateway } from './gateway.harness';

const summary = (contactId: string) => ({
  contactId,
  headline: `Billing: contact ${contactId}`,
  reason: 'Charged twice.',
  actionsTaken: ['Refunded'],
  outcome: 'resolved' as const,
  followUps: [],
  sentiment: { start: 'negative' as const, end: 'positive' as const },
  agentNotes: [],
  topics: ['billing'],
  escalation: { recommended: false },
  provider: 'offline',
  createdAt: '2024-03-12T14:30:00.000Z',
});

describe('summaries API', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let key: string;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start();
    key = (await harness.key('read')).key;
    const repo = new SummaryRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('call-summaries'));
    for (let i = 0; i < 5; i++) {
      const contactId = `c-sum-${i}`;
      await repo.putSummary({ contactId, status: 'summarized', updatedAt: '2024-03-12T14:30:00.000Z', summary: summary(contactId), usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 } });
    }
    await repo.putStatus('c-missing', 'transcript-not-found', '2024-03-12T14:30:00.000Z', { reason: 'recording s3://b/k not found' });
    // Dead ends outnumber summaries, so a read of a few items often holds none that pass the filter.
    for (let i = 0; i < 30; i++) await repo.putStatus(`c-dead-${i}`, 'no-recording', '2024-03-12T14:30:00.000Z', { reason: 'the contact has no recording or transcript' });
  });
  afterAll(() => harness.close());

  it('given five summaries and one dead end, then cursor pages return each summary exactly once and never the dead end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await request(gateway.url)
        .get('/api/v1/summaries')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('x-api-key', key)
        .expect(200);
      seen.push(...(res.body.items as { contactId: string; status: string }[]).map((i) => `${i.contactId}:${i.status}`));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `c-sum-${i}:summarized`));
  });

  it('given more dead ends than summaries, then every page is full (limit=1 holds a summary) until the last, which has no cursor', async () => {
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(gateway.url)
        .get('/api/v1/summaries')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set('x-api-key', key)
        .expect(200);
      sizes.push((res.body.items as unknown[]).length);
      cursor = res.body.nextCursor as string | null;
    } while (cursor && sizes.length < 20);
    expect(sizes).toEqual([1, 1, 1, 1, 1]);
  });

  it('given a contact without a summary, then GET /contacts/:id/summary shows the recorded reason', async () => {
    const res = await request(gateway.url).get('/api/v1/contacts/c-missing/summary').set('x-api-key', key).expect(200);
    expect(res.body).toMatchObject({ status: 'transcript-not-found', reason: 'recording s3://b/k not found' });
  });

  it('given a bad cursor or no key, then 400 / 401', async () => {
    await request(gateway.url).get('/api/v1/summaries').query({ cursor: 'bm90LWEta2V5' }).set('x-api-key', key).expect(400);
    await request(gateway.url).get('/api/v1/summaries').expect(401);
  });
});
