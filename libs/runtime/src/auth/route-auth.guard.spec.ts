import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { BuddieConfig } from '@buddie/config';
import { fixedClock, type ApiKeyScope } from '@buddie/domain';
import { MetricsRegistry } from '@buddie/observability';
import { hashApiKey, type ApiKeyRecord, type ApiKeyRepository } from '@buddie/persistence';
import { ApiKeyVerifier, AuthenticationError } from './api-key.verifier';
import { Public, RequireScope, Scopes } from './auth.decorators';
import { MemoryRateLimiter } from './rate-limiter';
import { RouteAuthGuard } from './route-auth.guard';

/** Routes as controllers declare them: the guard reads only this metadata, never a URL. */
class ProbeController {
  @Public()
  health(): void {}
  @Public((config) => config.METRICS_PUBLIC)
  metrics(): void {}
  list(): void {}
  @RequireScope('admin')
  keys(): void {}
  @Scopes('read', 'pii')
  caller(): void {}
}

@Public()
class OpenController {
  anything(): void {}
}

const KEYS = {
  read: `bk_readkey00000_${'r'.repeat(32)}`,
  write: `bk_writekey0000_${'w'.repeat(32)}`,
  admin: `bk_adminkey0000_${'a'.repeat(32)}`,
  pii: `bk_piikey000000_${'p'.repeat(32)}`,
  revoked: `bk_revokedkey00_${'x'.repeat(32)}`,
};

const record = (key: string, scopes: ApiKeyScope[], extra: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  keyId: key.split('_')[1],
  name: `${scopes.join('+')} key`,
  scopes,
  hash: hashApiKey(key),
  createdAt: '2026-12-01T09:00:00.000Z',
  ...extra,
});

/** The keys table, faked in memory: the records a `buddie keys create` would have stored. */
function fakeKeys() {
  const records = new Map(
    [
      record(KEYS.read, ['read']),
      record(KEYS.write, ['write']),
      record(KEYS.admin, ['admin']),
      record(KEYS.pii, ['read', 'pii']),
      record(KEYS.revoked, ['admin'], { revokedAt: '2026-12-01T09:30:00.000Z' }),
    ].map((r) => [r.keyId, r]),
  );
  const lookups: string[] = [];
  const port: Pick<ApiKeyRepository, 'get' | 'recordUse'> = {
    get: async (keyId) => (lookups.push(keyId), records.get(keyId)),
    recordUse: async () => undefined,
  };
  return { port: port as ApiKeyRepository, lookups };
}

interface Request {
  method: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: { keyId: string; scopes: ApiKeyScope[] };
}

function given(options: { metricsPublic?: boolean; failuresPerMinute?: number; perKeyPerMinute?: number } = {}) {
  const clock = fixedClock('2026-12-01T10:00:10.000Z');
  const config = { METRICS_PUBLIC: options.metricsPublic ?? false, API_KEY_CACHE_MS: 0 } as BuddieConfig;
  const keys = fakeKeys();
  const metrics = new MetricsRegistry();
  const guard = new RouteAuthGuard(
    new Reflector(),
    new ApiKeyVerifier(keys.port, config, clock, 'gateway'),
    metrics,
    config,
    new MemoryRateLimiter(options.failuresPerMinute ?? 10, clock),
    new MemoryRateLimiter(options.perKeyPerMinute ?? 100, clock),
  );
  /** Runs the guard for one request to a handler; the reply's headers and the request come back. */
  const call = async (handler: keyof ProbeController | 'open', method: string, key?: string, ip = '203.0.113.7') => {
    const request: Request = { method, ip, headers: key === undefined ? {} : { 'x-api-key': key } };
    const headers: Record<string, string | number> = {};
    const context = {
      getType: () => 'http',
      getHandler: () => (handler === 'open' ? OpenController.prototype.anything : ProbeController.prototype[handler]),
      getClass: () => (handler === 'open' ? OpenController : ProbeController),
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ header: (name: string, value: string | number) => (headers[name] = value) }) }),
    } as unknown as ExecutionContext;
    const outcome = await guard.canActivate(context).catch((error: unknown) => error);
    return { outcome, request, headers };
  };
  return { call, keys, metrics, clock };
}

describe('RouteAuthGuard: decisions from the matched route metadata', () => {
  it('given a @Public() route or controller, then it passes without a key and no key is looked up', async () => {
    const { call, keys } = given();
    expect((await call('health', 'GET')).outcome).toBe(true);
    expect((await call('open', 'POST')).outcome).toBe(true);
    expect(keys.lookups).toEqual([]);
  });

  it('given a route public only where config says so, then it is public when METRICS_PUBLIC is on and needs a key when off', async () => {
    expect((await given({ metricsPublic: true }).call('metrics', 'GET')).outcome).toBe(true);
    expect((await given({ metricsPublic: false }).call('metrics', 'GET')).outcome).toMatchObject({ code: 'UNAUTHORIZED', reason: 'missing' });
  });

  it('given no key on a route that is not public, then 401 (missing) counted by reason, and the address budget is not spent', async () => {
    const { call, metrics } = given({ failuresPerMinute: 1 });
    for (let i = 0; i < 3; i++) expect((await call('list', 'GET')).outcome).toBeInstanceOf(AuthenticationError);
    expect(metrics.value('buddie_auth_failures_total', { reason: 'missing' })).toBe(3);
    // The budget of 1 is intact: a valid key from the same address still gets in.
    expect((await call('list', 'GET', KEYS.read)).outcome).toBe(true);
  });

  it.each([
    ['list', 'GET', 'read', true],
    ['list', 'HEAD', 'read', true],
    ['list', 'POST', 'read', "this route needs the 'write' scope"],
    ['list', 'DELETE', 'write', true],
    ['keys', 'GET', 'write', "this route needs the 'admin' scope"],
    ['keys', 'GET', 'admin', true],
    ['caller', 'GET', 'admin', "this route needs the 'pii' scope"],
    ['caller', 'GET', 'pii', true],
  ] as const)('given %s %s with the %s key, then %s', async (handler, method, label, expected) => {
    const key = KEYS[label];
    const { outcome, request } = await given().call(handler, method, key);
    if (expected === true) {
      expect(outcome).toBe(true);
      expect(request.principal?.keyId).toBe(key.split('_')[1]);
    } else {
      expect(outcome).toMatchObject({ code: 'FORBIDDEN', message: expected });
    }
  });

  it('given a revoked key or a key whose secret does not match, then 401 with the reason counted, never which keys exist', async () => {
    const { call, metrics } = given();
    expect((await call('list', 'GET', KEYS.revoked)).outcome).toMatchObject({ code: 'UNAUTHORIZED', reason: 'revoked' });
    expect((await call('list', 'GET', `bk_readkey00000_${'z'.repeat(32)}`)).outcome).toMatchObject({ code: 'UNAUTHORIZED', reason: 'invalid', message: 'the API key is not valid' });
    expect((await call('list', 'GET', 'not-a-key')).outcome).toMatchObject({ code: 'UNAUTHORIZED', reason: 'malformed', message: 'the API key is not valid' });
    expect([metrics.value('buddie_auth_failures_total', { reason: 'revoked' }), metrics.value('buddie_auth_failures_total', { reason: 'invalid' })]).toEqual([1, 1]);
  });

  it('given an address that failed its budget, then even a valid key from it gets 429 with retry-after until the window ends; other addresses are not affected', async () => {
    const { call, metrics, clock } = given({ failuresPerMinute: 2 });
    const wrong = `bk_readkey00000_${'z'.repeat(32)}`;
    await call('list', 'GET', wrong);
    await call('list', 'GET', wrong);

    const throttled = await call('list', 'GET', KEYS.read);
    expect(throttled.outcome).toMatchObject({ code: 'RATE_LIMITED' });
    expect(throttled.headers['retry-after']).toBe(50);
    expect(metrics.value('buddie_auth_throttled_total')).toBe(1);
    expect((await call('list', 'GET', KEYS.read, '198.51.100.1')).outcome).toBe(true);

    clock.advance(50_000);
    expect((await call('list', 'GET', KEYS.read)).outcome).toBe(true);
  });

  it('given a key past its per-minute budget, then 429 with retry-after, and the limit headers on every answer', async () => {
    const { call } = given({ perKeyPerMinute: 2 });
    const first = await call('list', 'GET', KEYS.read);
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': 2, 'x-ratelimit-remaining': 1 });
    await call('list', 'GET', KEYS.read);
    const third = await call('list', 'GET', KEYS.read);
    expect(third.outcome).toMatchObject({ code: 'RATE_LIMITED' });
    expect(third.headers).toMatchObject({ 'x-ratelimit-remaining': 0, 'retry-after': 50 });
    // Another key has its own budget.
    expect((await call('list', 'GET', KEYS.admin)).outcome).toBe(true);
  });

  it('given a non-HTTP context (sockets authenticate in their handshake, queues in their consumer), then this guard lets it through', async () => {
    const { keys } = given();
    const guard = new RouteAuthGuard(new Reflector(), new ApiKeyVerifier(keys.port, {} as BuddieConfig, fixedClock('2026-12-01T10:00:00Z'), 'gateway'), new MetricsRegistry(), {} as BuddieConfig, new MemoryRateLimiter(1), new MemoryRateLimiter(1));
    expect(await guard.canActivate({ getType: () => 'ws' } as unknown as ExecutionContext)).toBe(true);
    expect(keys.lookups).toEqual([]);
  });
});
