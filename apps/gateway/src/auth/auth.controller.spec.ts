import { fixedClock, NotFoundError } from '@buddie/domain';
import type { ApiKeyRepository, ApiKeySummary } from '@buddie/persistence';
import type { ApiKeyVerifier } from '@buddie/runtime';
import { AuthController } from './auth.controller';
import { KeyRevocations } from './key-revocations';
import { LiveTokenSigner } from './live-token';

/** The keys table, faked: creates and revokes in memory, keeping the stored record's hash out of what it returns. */
function fakeKeys() {
  const keys = new Map<string, ApiKeySummary & { hash: string }>();
  const port: Pick<ApiKeyRepository, 'create' | 'list' | 'revoke'> = {
    create: async ({ name, scopes, createdAt }) => {
      const keyId = `key${keys.size.toString().padStart(9, '0')}`;
      keys.set(keyId, { keyId, name, scopes: [...scopes], createdAt, hash: 'h' });
      return { key: `bk_${keyId}_${'s'.repeat(32)}`, record: { keyId, name, scopes: [...scopes], createdAt } };
    },
    list: async () => [...keys.values()],
    revoke: async (keyId, at) => {
      const key = keys.get(keyId);
      if (!key) return false;
      key.revokedAt ??= at;
      return true;
    },
  };
  return { port: port as ApiKeyRepository, keys };
}

function given() {
  const clock = fixedClock('2026-12-01T10:00:00.000Z');
  const keys = fakeKeys();
  const revocations = new KeyRevocations();
  const revoked: string[] = [];
  revocations.onRevoked((keyId) => revoked.push(keyId));
  const forgotten: string[] = [];
  const verifier: Pick<ApiKeyVerifier, 'forget'> = { forget: (keyId) => void forgotten.push(keyId) };
  const controller = new AuthController(keys.port, new LiveTokenSigner('secret', 300, clock), revocations, verifier as ApiKeyVerifier, clock);
  return { controller, keys: keys.keys, revoked, forgotten, clock };
}

describe('AuthController', () => {
  it('given a created key, then the plain key is returned once with its record stamped by the clock; the listing never carries a hash', async () => {
    const { controller, clock } = given();
    clock.advance(5_000);

    const created = await controller.create({ scopes: ['read', 'pii'] });

    expect(created.key).toMatch(/^bk_/);
    expect(created.record).toEqual({ keyId: created.record.keyId, name: 'read+pii key', scopes: ['read', 'pii'], createdAt: '2026-12-01T10:00:05.000Z', revokedAt: undefined, lastUsedAt: undefined });
    const listed = await controller.list();
    expect(listed.map((k) => k.keyId)).toEqual([created.record.keyId]);
    expect(JSON.stringify(listed)).not.toContain('hash');
  });

  it('given a revocation, then it is stamped by the clock, this instance forgets the key at once and its live connections are told to close', async () => {
    const { controller, keys, revoked, forgotten } = given();
    const { record } = await controller.create({ name: 'ops', scopes: ['admin'] });

    await controller.revoke({ id: record.keyId });

    expect(keys.get(record.keyId)?.revokedAt).toBe('2026-12-01T10:00:00.000Z');
    expect(forgotten).toEqual([record.keyId]);
    expect(revoked).toEqual([record.keyId]);
  });

  it('given an unknown key id, then NotFoundError and nobody is told anything', async () => {
    const { controller, revoked, forgotten } = given();
    await expect(controller.revoke({ id: 'nosuchkey000' })).rejects.toBeInstanceOf(NotFoundError);
    expect([revoked, forgotten]).toEqual([[], []]);
  });

  it('mints a live token carrying the caller’s own scopes, expiring by the clock; /me says who the key is', () => {
    const { controller } = given();
    const principal = { keyId: 'k1', name: 'dash', scopes: ['read' as const] };

    const token = controller.liveToken({ principal });

    expect(token.expiresAt).toBe('2026-12-01T10:05:00.000Z');
    expect(new LiveTokenSigner('secret', 300, fixedClock('2026-12-01T10:04:59.000Z')).verify(token.token)).toEqual(principal);
    expect(controller.me({ principal })).toEqual(principal);
  });
});
