import type { BuddieConfig } from '@buddie/config';
import { fixedClock, type ApiKeyScope } from '@buddie/domain';
import { hashApiKey, type ApiKeyRecord, type ApiKeyRepository } from '@buddie/persistence';
import { ApiKeyVerifier, AuthenticationError, keyFromHeaders } from './api-key.verifier';

const KEY = `bk_opskey000000_${'o'.repeat(32)}`;
const KEY_ID = 'opskey000000';
const DEV = 'bdk_local-development-key-0123456789';

/** The keys table, faked: one key whose record a test may revoke or delete; reads and use writes are counted. */
function fakeKeys(scopes: ApiKeyScope[] = ['read']) {
  let record: ApiKeyRecord | undefined = { keyId: KEY_ID, name: 'ops', scopes, hash: hashApiKey(KEY), createdAt: '2026-12-01T09:00:00.000Z' };
  const reads: string[] = [];
  const uses: [string, string][] = [];
  const port: Pick<ApiKeyRepository, 'get' | 'recordUse'> = {
    get: async (keyId) => (reads.push(keyId), keyId === KEY_ID ? record && { ...record } : undefined),
    recordUse: async (keyId, at) => void uses.push([keyId, at]),
  };
  return {
    port: port as ApiKeyRepository,
    reads,
    uses,
    revoke: (at: string) => (record = record && { ...record, revokedAt: at }),
    remove: () => (record = undefined),
  };
}

function given(options: { cacheMs?: number; devKey?: string; app?: string } = {}) {
  const clock = fixedClock('2026-12-01T10:00:00.000Z');
  const keys = fakeKeys();
  const config = { API_KEY_CACHE_MS: options.cacheMs ?? 5_000, DEV_API_KEY: options.devKey } as BuddieConfig;
  return { verifier: new ApiKeyVerifier(keys.port, config, clock, options.app ?? 'gateway'), keys, clock };
}

const reasonOf = (call: Promise<unknown>) => call.then(() => 'accepted', (error: unknown) => (error instanceof AuthenticationError ? error.reason : `unexpected ${String(error)}`));

describe('ApiKeyVerifier', () => {
  it('given a stored key, then its principal; given the same id with another secret, a malformed or an over-long key, then refused with the reason', async () => {
    const { verifier } = given();
    expect(await verifier.verify(KEY)).toEqual({ keyId: KEY_ID, name: 'ops', scopes: ['read'] });
    expect(await reasonOf(verifier.verify(`bk_${KEY_ID}_${'x'.repeat(32)}`))).toBe('invalid');
    expect(await reasonOf(verifier.verify('bk_nope'))).toBe('malformed');
    expect(await reasonOf(verifier.verify(`bk_${KEY_ID}_${'o'.repeat(300)}`))).toBe('malformed');
    expect(await reasonOf(verifier.verify(undefined))).toBe('missing');
  });

  it('given a revocation, then the cached verdict holds until API_KEY_CACHE_MS ends, and a revoked key is refused after it', async () => {
    const { verifier, keys, clock } = given({ cacheMs: 5_000 });
    await verifier.verify(KEY);
    keys.revoke('2026-12-01T10:00:01.000Z');

    clock.advance(4_999);
    expect(await reasonOf(verifier.verify(KEY))).toBe('accepted');
    expect(keys.reads).toHaveLength(1);
    clock.advance(1);
    expect(await reasonOf(verifier.verify(KEY))).toBe('revoked');
  });

  it('given forget(keyId) after a revocation, then this instance refuses the key at once', async () => {
    const { verifier, keys } = given({ cacheMs: 60_000 });
    await verifier.verify(KEY);
    keys.revoke('2026-12-01T10:00:01.000Z');
    verifier.forget(KEY_ID);
    expect(await reasonOf(verifier.verify(KEY))).toBe('revoked');
  });

  it('given API_KEY_CACHE_MS 0, then every verification reads the table', async () => {
    const { verifier, keys } = given({ cacheMs: 0 });
    await verifier.verify(KEY);
    await verifier.verify(KEY);
    expect(keys.reads).toEqual([KEY_ID, KEY_ID]);
  });

  it('records last use at most once a minute per key, stamped by the clock, and only in the gateway (the one writer of the keys table)', async () => {
    const { verifier, keys, clock } = given({ cacheMs: 0 });
    await verifier.verify(KEY);
    clock.advance(59_999);
    await verifier.verify(KEY);
    clock.advance(1);
    await verifier.verify(KEY);
    expect(keys.uses).toEqual([
      [KEY_ID, '2026-12-01T10:00:00.000Z'],
      [KEY_ID, '2026-12-01T10:01:00.000Z'],
    ]);

    const elsewhere = given({ app: 'ingestion', cacheMs: 0 });
    await elsewhere.verifier.verify(KEY);
    expect(elsewhere.keys.uses).toEqual([]);
  });

  it('given the configured development key, then an admin principal without a table read; without one configured, the dev key id is not active', async () => {
    const { verifier, keys } = given({ devKey: DEV });
    expect(await verifier.verify(DEV)).toEqual({ keyId: 'dev', name: 'development key', scopes: ['admin'] });
    expect(keys.reads).toEqual([]);
    expect(await verifier.isActive('dev')).toBe(true);
    expect(await given().verifier.isActive('dev')).toBe(false);
  });

  it('isActive reads the table, never the cache: a revoked or deleted key is inactive at once', async () => {
    const { verifier, keys } = given({ cacheMs: 60_000 });
    await verifier.verify(KEY);
    expect(await verifier.isActive(KEY_ID)).toBe(true);
    keys.revoke('2026-12-01T10:00:01.000Z');
    expect(await verifier.isActive(KEY_ID)).toBe(false);
    keys.remove();
    expect(await verifier.isActive(KEY_ID)).toBe(false);
  });
});

describe('keyFromHeaders', () => {
  it.each([
    [{ 'x-api-key': KEY }, KEY],
    [{ authorization: `Bearer ${KEY} ` }, KEY],
    [{ authorization: `Basic ${KEY}` }, undefined],
    [{}, undefined],
  ])('given %j, then %s', (headers, expected) => {
    expect(keyFromHeaders(headers)).toBe(expected);
  });

  it('given x-api-key sent twice, then malformed, not a guess at which one', () => {
    expect(() => keyFromHeaders({ 'x-api-key': [KEY, 'other'] })).toThrow(expect.objectContaining({ reason: 'malformed' }));
  });
});
