import type { CallSummary } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { BatchGetIncompleteError, ContactRepository, createDynamoClients, SummaryRepository, type ContactCtrWrite } from '../src';

function write(id: string, ctr: Record<string, unknown> = { ContactId: id }): ContactCtrWrite {
  return {
    contactId: id,
    conversationId: `conv-${id}`,
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    initiationTimestamp: '2024-03-12T14:00:00Z',
    disconnectTimestamp: null,
    lastUpdateTimestamp: '2024-03-12T15:00:00Z',
    agentUsername: 'jdoe',
    queueName: 'Billing',
    abandoned: false,
    fingerprint: `fp-${id}`,
    ctr,
  };
}

const summary = (contactId: string): CallSummary => ({
  contactId,
  headline: `Headline ${contactId}`,
  reason: 'Billing question',
  actionsTaken: [],
  outcome: 'resolved',
  followUps: [],
  sentiment: { start: 'neutral', end: 'positive' },
  agentNotes: [],
  topics: [],
  escalation: { recommended: false },
  provider: 'offline',
  createdAt: '2024-03-12T15:00:00Z',
});

describe('batch reads (BatchGetItem) on DynamoDB Local', () => {
  let env: TestEnvironment;
  let dynamo: ReturnType<typeof createDynamoClients>;
  let contacts: ContactRepository;
  let summaries: SummaryRepository;
  const sent: number[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment();
    dynamo = createDynamoClients(env.config);
    // Counts the keys of every BatchGetItem request the repositories send (the real client, nothing answered for it).
    dynamo.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchGetItemCommand') {
          const items = (args.input as { RequestItems: Record<string, { Keys: unknown[] }> }).RequestItems;
          sent.push(Object.values(items).reduce((n, t) => n + t.Keys.length, 0));
        }
        return next(args);
      },
      { step: 'initialize', name: 'countBatchGets' },
    );
    contacts = new ContactRepository(dynamo.doc, env.physical('contacts'));
    summaries = new SummaryRepository(dynamo.doc, env.physical('call-summaries'));
    for (let i = 0; i < 230; i++) {
      const id = `b-${i}`;
      await contacts.upsertCtr(write(id), '2024-03-12T15:00:01Z');
      if (i % 2 === 0) await summaries.putSummary({ contactId: id, status: 'summarized', updatedAt: '2024-03-12T15:00:02Z', summary: summary(id) });
      else await summaries.putStatus(id, 'no-recording', '2024-03-12T15:00:02Z', { reason: 'no recording' });
    }
  });
  afterAll(async () => {
    dynamo.client.destroy();
    await env.close();
  });

  beforeEach(() => (sent.length = 0));

  it('given 230 stored ids asked with duplicates and unknown ids, then every stored one once, read 100 keys a request', async () => {
    const ids = [...Array.from({ length: 230 }, (_, i) => `b-${i}`), 'b-0', 'b-7', 'nobody-1', 'nobody-2'];
    const found = await contacts.getMany(ids);
    expect([...found.keys()].sort()).toEqual(Array.from({ length: 230 }, (_, i) => `b-${i}`).sort());
    expect(found.get('b-7')).toMatchObject({ contactId: 'b-7', conversationId: 'conv-b-7', queueName: 'Billing', ctr: { ContactId: 'b-7' } });
    // Stored as the single get reads it (pipeline stages folded, list keys dropped).
    expect(found.get('b-7')).toEqual(await contacts.get('b-7'));
    expect(sent).toEqual([100, 100, 32]);

    sent.length = 0;
    const stored = await summaries.getMany(ids);
    expect(stored.size).toBe(230);
    expect(stored.get('b-4')).toMatchObject({ status: 'summarized', summary: { headline: 'Headline b-4' } });
    expect(stored.get('b-5')).toMatchObject({ status: 'no-recording' });
    expect(stored.get('b-4')).toEqual(await summaries.get('b-4'));
    expect(sent).toEqual([100, 100, 32]);
    expect(await contacts.getMany([])).toEqual(new Map());
  });

  it('given items too large for one response (16 MB), then the unprocessed keys are asked again after a backoff and all are returned', async () => {
    // 60 contacts of ~350 KB: about 21 MB, more than one BatchGetItem response may carry.
    const padding = 'x'.repeat(350_000);
    const big = Array.from({ length: 60 }, (_, i) => `big-${i}`);
    for (const id of big) await contacts.upsertCtr(write(id, { ContactId: id, Attributes: { padding } }), '2024-03-12T15:00:01Z');
    sent.length = 0;
    const waits: number[] = [];
    const found = await contacts.getMany(big, { sleep: async (ms) => void waits.push(ms) });
    expect([...found.keys()].sort()).toEqual([...big].sort());
    expect(sent.length).toBeGreaterThan(1);
    expect(sent[0]).toBe(60);
    expect(sent.slice(1).every((n) => n < 60)).toBe(true);
    expect(waits).toHaveLength(sent.length - 1);

    // Out of rounds with keys still unprocessed: an error, never an incomplete map that passes unread keys off as missing.
    await expect(contacts.getMany(big, { maxRounds: 1, sleep: async () => undefined })).rejects.toBeInstanceOf(BatchGetIncompleteError);
  });
});
