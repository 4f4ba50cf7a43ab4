import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { ContactRepository, createDynamoClients, type ContactCtrWrite } from '../src';

function write(id: string, overrides: Partial<ContactCtrWrite> = {}): ContactCtrWrite {
  return {
    contactId: id,
    conversationId: id,
    channel: 'VOICE',
    initiationMethod: 'INBOUND',
    initiationTimestamp: `2024-03-12T14:${id.padStart(2, '0')}:00Z`,
    disconnectTimestamp: null,
    lastUpdateTimestamp: '2024-03-12T15:00:00Z',
    agentUsername: 'jdoe',
    queueName: 'Billing',
    abandoned: false,
    fingerprint: `fp-${id}`,
    ctr: { ContactId: id },
    ...overrides,
  };
}

describe('ContactRepository on DynamoDB Local', () => {
  let env: TestEnvironment;
  let repo: ContactRepository;

  beforeAll(async () => {
    env = await createTestEnvironment();
    repo = new ContactRepository(createDynamoClients(env.config).doc, env.physical('contacts'));
    for (let i = 1; i <= 7; i++) {
      await repo.upsertCtr(write(String(i), i % 2 === 0 ? { channel: 'CHAT', agentUsername: 'akim' } : {}), '2024-03-12T15:00:01Z');
    }
  });
  afterAll(() => env.close());

  it('lists newest first across pages with an opaque cursor, and the last page has no cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list({ limit: 3, cursor });
      seen.push(...page.items.map((c) => c.contactId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['7', '6', '5', '4', '3', '2', '1']);
  });

  it('filters by channel and agent', async () => {
    const chats = await repo.list({ channel: 'CHAT', limit: 50 });
    expect(chats.items.map((c) => c.contactId)).toEqual(['6', '4', '2']);
    const jdoe = await repo.list({ agentUsername: 'jdoe', channel: 'VOICE', limit: 50 });
    expect(jdoe.items.map((c) => c.contactId)).toEqual(['7', '5', '3', '1']);
  });

  it('rejects a tampered cursor as invalid input', async () => {
    await expect(repo.list({ cursor: Buffer.from('{"contactId":{"S":"x"}}').toString('base64url') })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(repo.list({ cursor: 'not-base64-json' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('given a filter most contacts fail, then pages are full and the cursor walk returns each match exactly once', async () => {
    const agent = 'rare-agent';
    for (let i = 60; i < 90; i++) await repo.upsertCtr(write(String(i), i % 10 === 0 ? { agentUsername: agent } : { agentUsername: 'busy-agent' }), 'now');
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list({ limit: 2, agentUsername: agent, cursor });
      pages.push(page.items.map((c) => c.contactId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([['80', '70'], ['60']]);
  });

  it('returns every leg of a transferred conversation, oldest first', async () => {
    await repo.upsertCtr(write('21', { conversationId: '21' }), 'now');
    await repo.upsertCtr(write('22', { conversationId: '21', initiationMethod: 'TRANSFER' }), 'now');
    const legs = await repo.listConversation('21');
    expect(legs.map((c) => [c.contactId, c.initiationMethod])).toEqual([
      ['21', 'INBOUND'],
      ['22', 'TRANSFER'],
    ]);
  });

  it('keeps contact events apart from CTR data and never moves them back in time', async () => {
    await repo.recordContactEvent('31', 'QUEUED', '2024-03-12T16:00:05.000Z', '31');
    await repo.recordContactEvent('31', 'QUEUED', '2024-03-12T16:00:01.000Z', '31');
    await repo.recordContactEvent('31', 'CONNECTED_TO_AGENT', '2024-03-12T16:00:09.000Z', '31');
    const live = await repo.get('31');
    expect(live).toMatchObject({ status: 'in-progress', contactEvents: { QUEUED: '2024-03-12T16:00:05.000Z', CONNECTED_TO_AGENT: '2024-03-12T16:00:09.000Z' } });
    const result = await repo.upsertCtr(write('31'), '2024-03-12T16:10:00Z');
    expect(result.outcome).toBe('created');
    expect(result.contact).toMatchObject({ status: 'completed', contactEvents: { QUEUED: '2024-03-12T16:00:05.000Z' } });
  });

  describe('copies of one contact (CONNECT-FORMATS.md (a): keep the greatest LastUpdateTimestamp)', () => {
    const at = (id: string, lastUpdateTimestamp: string, fingerprint: string, disposition: string) =>
      write(id, { lastUpdateTimestamp, fingerprint, ctr: { ContactId: id, Attributes: { disposition } } });

    it('given the identical copy again, then it is a duplicate and nothing changes', async () => {
      await repo.upsertCtr(at('51', '2024-03-12T15:00:00Z', 'fp-a', 'a'), 'now');
      const again = await repo.upsertCtr(at('51', '2024-03-12T15:00:00Z', 'fp-a', 'a'), 'later');
      expect(again).toMatchObject({ outcome: 'duplicate', contact: { fingerprint: 'fp-a', pipeline: { ingested: 'now' } } });
    });

    it('given an older copy, then it is stale and the newer one stays', async () => {
      await repo.upsertCtr(at('52', '2024-03-12T15:00:00Z', 'fp-b', 'b'), 'now');
      const older = await repo.upsertCtr(at('52', '2024-03-12T14:59:59Z', 'fp-z', 'z'), 'later');
      expect(older).toMatchObject({ outcome: 'stale', contact: { fingerprint: 'fp-b' } });
    });

    it.each([
      ['lower fingerprint first', ['fp-c1', 'fp-c2']],
      ['higher fingerprint first', ['fp-c2', 'fp-c1']],
    ])('given two different copies with the same timestamp (%s), then both orders keep the copy with the higher fingerprint and report a conflict', async (name, [first, second]) => {
      const id = name.startsWith('lower') ? '53' : '54';
      expect((await repo.upsertCtr(at(id, '2024-03-12T15:00:00Z', first, first), 'now')).outcome).toBe('created');
      const result = await repo.upsertCtr(at(id, '2024-03-12T15:00:00Z', second, second), 'later');
      expect(result.outcome).toBe('conflict');
      expect(result.contact).toMatchObject({ fingerprint: 'fp-c2', ctr: { Attributes: { disposition: 'fp-c2' } } });
      expect(await repo.get(id)).toMatchObject({ fingerprint: 'fp-c2', ctr: { Attributes: { disposition: 'fp-c2' } } });
      expect(await repo.get(id)).not.toHaveProperty('previousCtrUpdatedAtMs');
    });
  });

  it('records pipeline stages on the contact', async () => {
    await repo.markStage('1', 'summarized', '2024-03-12T15:05:00Z');
    expect((await repo.get('1'))?.pipeline).toEqual({ ingested: '2024-03-12T15:00:01Z', summarized: '2024-03-12T15:05:00Z' });
    await expect(repo.markStage('missing', 'summarized', 'x')).rejects.toThrow();
  });
});

describe('ensureTables on a table from an older definition', () => {
  it('adds the indexes the current definition has and the stored table lacks, keeping the data', async () => {
    const env = await createTestEnvironment();
    try {
      const { client, doc } = createDynamoClients(env.config);
      const name = env.physical('contacts');
      const { DeleteTableCommand, waitUntilTableNotExists } = await import('@aws-sdk/client-dynamodb');
      await client.send(new DeleteTableCommand({ TableName: name }));
      await waitUntilTableNotExists({ client, maxWaitTime: 30 }, { TableName: name });
      const { TABLES, ensureTables } = await import('../src');
      const older = { ...TABLES.contacts, indexes: [TABLES.contacts.indexes[0]] };
      await ensureTables(client, [older], () => name);
      const repo = new ContactRepository(doc, name);
      await repo.upsertCtr(write('41', { conversationId: '40' }), 'now');

      await ensureTables(client, [TABLES.contacts], () => name);

      expect((await repo.listConversation('40')).map((c) => c.contactId)).toEqual(['41']);
      expect((await repo.get('41'))?.contactId).toBe('41');
    } finally {
      await env.close();
    }
  });
});
