import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidInputError } from '@buddie/domain';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { apiKeyId, apiKeyMatches, ApiKeyRepository, createDynamoClients, hashApiKey, TABLES } from '../src';

describe('ApiKeyRepository on DynamoDB Local', () => {
  let env: TestEnvironment;
  let doc: ReturnType<typeof createDynamoClients>['doc'];
  let table: string;
  let keys: ApiKeyRepository;
  beforeAll(async () => {
    env = await createTestEnvironment();
    doc = createDynamoClients(env.config).doc;
    table = env.physical(TABLES.apiKeys.logicalName);
    keys = new ApiKeyRepository(doc, table);
  });
  afterAll(() => env.close());

  const storedItem = async (keyId: string) => (await doc.send(new GetCommand({ TableName: table, Key: { keyId }, ConsistentRead: true }))).Item;

  it('given a new key, then the plain key is returned once and only its SHA-256 is stored; the key verifies and a sibling does not', async () => {
    const { key, record } = await keys.create({ name: 'ops', scopes: ['read'], createdAt: '2026-12-01T10:00:00.000Z' });

    expect(key).toMatch(/^bk_[a-z0-9]{12}_[A-Za-z0-9_-]{32}$/);
    expect(apiKeyId(key)).toBe(record.keyId);
    expect(record).not.toHaveProperty('hash');
    const item = await storedItem(record.keyId);
    expect(item).toEqual({ keyId: record.keyId, name: 'ops', scopes: ['read'], hash: hashApiKey(key), createdAt: '2026-12-01T10:00:00.000Z' });
    expect(JSON.stringify(item)).not.toContain(key.slice(-32));

    const stored = await keys.get(record.keyId);
    expect(apiKeyMatches(key, stored!)).toBe(true);
    // Same id, another secret: the id finds the record, the hash refuses it.
    const sibling = `bk_${record.keyId}_${'A'.repeat(32)}`;
    expect(apiKeyId(sibling)).toBe(record.keyId);
    expect(apiKeyMatches(sibling, stored!)).toBe(false);
  });

  it('given scopes in any order or repeated, then they are stored once each in the canonical order; no scope at all is refused and nothing is written', async () => {
    const { record } = await keys.create({ name: 'many', scopes: ['pii', 'read', 'pii', 'admin'], createdAt: '2026-12-01T10:01:00.000Z' });
    expect((await storedItem(record.keyId))?.scopes).toEqual(['read', 'admin', 'pii']);

    const before = (await keys.list()).length;
    await expect(keys.create({ name: 'none', scopes: [], createdAt: '2026-12-01T10:02:00.000Z' })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await keys.list()).toHaveLength(before);
  });

  it.each(['', 'bk_short_x', `bk_UPPERCASEID1_${'a'.repeat(32)}`, `bk_abcdefabcdef_${'a'.repeat(31)}`, `xx_abcdefabcdef_${'a'.repeat(32)}`, `bk_abcdefabcdef_${'a'.repeat(32)}\n`])(
    'given the malformed key %j, then it has no key id (it never reaches the table)',
    (key) => {
      expect(apiKeyId(key)).toBeUndefined();
    },
  );

  it('given a key revoked twice, then the first revocation time stays; revoking an unknown key is false and creates nothing', async () => {
    const { record } = await keys.create({ name: 'to revoke', scopes: ['write'], createdAt: '2026-12-01T10:03:00.000Z' });

    expect(await keys.revoke(record.keyId, '2026-12-01T11:00:00.000Z')).toBe(true);
    expect(await keys.revoke(record.keyId, '2026-12-01T12:00:00.000Z')).toBe(true);
    expect((await keys.get(record.keyId))?.revokedAt).toBe('2026-12-01T11:00:00.000Z');

    expect(await keys.revoke('nosuchkey000', '2026-12-01T11:00:00.000Z')).toBe(false);
    expect(await storedItem('nosuchkey000')).toBeUndefined();
  });

  it('given uses recorded out of order, then lastUsedAt only moves forward; an unknown key is not created by a use', async () => {
    const { record } = await keys.create({ name: 'used', scopes: ['read'], createdAt: '2026-12-01T10:04:00.000Z' });

    await keys.recordUse(record.keyId, '2026-12-01T10:10:00.000Z');
    await keys.recordUse(record.keyId, '2026-12-01T10:05:00.000Z');
    expect((await keys.get(record.keyId))?.lastUsedAt).toBe('2026-12-01T10:10:00.000Z');
    await keys.recordUse(record.keyId, '2026-12-01T10:20:00.000Z');
    expect((await keys.get(record.keyId))?.lastUsedAt).toBe('2026-12-01T10:20:00.000Z');

    await keys.recordUse('unknownkey00', '2026-12-01T10:20:00.000Z');
    expect(await storedItem('unknownkey00')).toBeUndefined();
  });

  it('given a key stored before scope lists (one `scope`), or with a scope no longer known, then it reads as a list of known scopes', async () => {
    await doc.send(new PutCommand({ TableName: table, Item: { keyId: 'legacykey000', name: 'legacy', scope: 'admin', hash: hashApiKey('x'), createdAt: '2026-11-01T00:00:00.000Z' } }));
    await doc.send(new PutCommand({ TableName: table, Item: { keyId: 'oddscope0000', name: 'odd', scopes: ['read', 'root'], hash: hashApiKey('y'), createdAt: '2026-11-02T00:00:00.000Z' } }));

    expect((await keys.get('legacykey000'))?.scopes).toEqual(['admin']);
    expect((await keys.get('oddscope0000'))?.scopes).toEqual(['read']);
  });

  it('lists every key oldest first without its hash', async () => {
    const listed = await keys.list();

    expect(listed.length).toBeGreaterThanOrEqual(5);
    expect(listed.map((k) => k.createdAt)).toEqual([...listed.map((k) => k.createdAt)].sort());
    expect(listed.every((k) => !('hash' in k))).toBe(true);
  });
});
