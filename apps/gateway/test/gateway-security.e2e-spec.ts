import { GatewayHarness, type RunningGateway } from './gateway.harness';

const DEV_KEY = 'bdk_dev-key-for-tests-0123456789abcdef';

describe('gateway security: keys, scopes, limits, headers', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let keys: { read: string; write: string; admin: string };

  const call = async (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('x-api-key', init.key);
    const response = await fetch(`${gateway.url}${path}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as { error?: { code: string; message: string } } & Record<string, unknown>) : undefined };
  };
  /** Nothing internal reaches a caller: no stack, no table or SDK names, no key material. */
  const expectNoLeak = (text: string, secrets: string[] = []) => {
    expect(text).not.toMatch(/at .+\.(ts|js):\d+|DynamoDB|ResourceNotFound|ValidationException|t[0-9a-f]{8}-/);
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start({ DEV_API_KEY: DEV_KEY, API_KEY_CACHE_MS: '0', MAX_BODY_BYTES: '4096', CORS_ORIGINS: 'https://board.example.com' });
    keys = { read: (await harness.key('read')).key, write: (await harness.key('write')).key, admin: (await harness.key('admin')).key };
  });
  afterAll(() => harness.close());

  it('given no key, then 401 UNAUTHORIZED on every API route', async () => {
    for (const path of ['/api/v1/contacts', '/api/v1/escalations', '/api/v1/journeys', '/api/v1/sync-status', '/api/v1/keys']) {
      const reply = await call(path);
      expect(reply.status).toBe(401);
      expect(reply.body?.error?.code).toBe('UNAUTHORIZED');
    }
  });

  it('given a wrong key (well-formed or garbage, header or bearer), then 401 and the key is not echoed', async () => {
    const wellFormed = keys.read.slice(0, -4) + 'AAAA';
    for (const key of [wellFormed, 'bk_000000000000_' + 'x'.repeat(32), 'nonsense', 'x'.repeat(5000)]) {
      const reply = await call('/api/v1/contacts', { key });
      expect(reply.status).toBe(401);
      expectNoLeak(reply.text, [key]);
    }
    const bearer = await call('/api/v1/contacts', { headers: { authorization: `Bearer ${wellFormed}` } });
    expect(bearer.status).toBe(401);
  });

  it('given the development key, then it works as an admin key', async () => {
    expect((await call('/api/v1/contacts', { key: DEV_KEY })).status).toBe(200);
    const me = await call('/api/v1/me', { key: DEV_KEY });
    expect(me.body).toMatchObject({ keyId: 'dev', scopes: ['admin'] });
    expect((await call('/api/v1/keys', { key: DEV_KEY })).status).toBe(200);
  });

  it('given a key that is revoked, then it stops working and last use was recorded while it worked', async () => {
    const { key, keyId } = await harness.key('read', 'soon revoked');
    expect((await call('/api/v1/contacts', { key })).status).toBe(200);
    const revoke = await call(`/api/v1/keys/${keyId}`, { method: 'DELETE', key: keys.admin });
    expect(revoke.status).toBe(204);

    const after = await call('/api/v1/contacts', { key });
    expect(after.status).toBe(401);
    expect(after.body?.error?.message).toMatch(/revoked/);
    const stored = await harness.keys.get(keyId);
    expect(stored?.revokedAt).toBeDefined();
    expect(stored?.lastUsedAt).toBeDefined();
    expect(stored?.hash).not.toContain(key);
    expect(JSON.stringify(stored)).not.toContain(key);
  });

  it('given a key without the scope a route needs, then 403 FORBIDDEN', async () => {
    const readPosts = await call('/api/v1/escalations/e-1/acknowledge', { method: 'POST', key: keys.read, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(readPosts.status).toBe(403);
    expect(readPosts.body?.error?.code).toBe('FORBIDDEN');
    expect((await call('/api/v1/keys', { key: keys.write })).status).toBe(403);
    const writeCreates = await call('/api/v1/keys', { method: 'POST', key: keys.write, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['admin'] }) });
    expect(writeCreates.status).toBe(403);
    // Higher scopes include the lower ones.
    expect((await call('/api/v1/contacts', { key: keys.write })).status).toBe(200);
    const adminCreates = await call('/api/v1/keys', { method: 'POST', key: keys.admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['read'], name: 'made over REST' }) });
    expect(adminCreates.status).toBe(201);
    expect(String(adminCreates.body?.key)).toMatch(/^bk_/);
    expect((await call('/api/v1/contacts', { key: String(adminCreates.body?.key) })).status).toBe(200);
  });

  it('given an oversized body, then 413 before anything is parsed', async () => {
    const reply = await call('/api/v1/keys', { method: 'POST', key: keys.admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['read'], name: 'x'.repeat(10_000) }) });
    expect(reply.status).toBe(413);
    expect(reply.body?.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('given malformed ids, then 400 INVALID_INPUT and nothing internal', async () => {
    for (const path of [
      '/api/v1/contacts/..%2F..%2Fetc%2Fpasswd',
      '/api/v1/contacts/%3Cscript%3E',
      `/api/v1/escalations/${'a'.repeat(300)}`,
      '/api/v1/journeys/a%20b',
      '/api/v1/sync-status/%00',
      '/api/v1/contacts/x%27%20OR%201%3D1/summary',
    ]) {
      const reply = await call(path, { key: keys.read });
      expect({ path, status: reply.status }).toEqual({ path, status: 400 });
      expect(reply.body?.error?.code).toBe('INVALID_INPUT');
      expectNoLeak(reply.text);
    }
    const badKeyId = await call('/api/v1/keys/DROP%20TABLE', { method: 'DELETE', key: keys.admin });
    expect(badKeyId.status).toBe(400);
  });

  it('given injection strings in filters and cursors, then 400 INVALID_INPUT and nothing internal', async () => {
    const forged = Buffer.from(JSON.stringify({ contactId: { S: 'x' }, '#lp': 'y' })).toString('base64url');
    for (const query of [
      "queue=' OR 1=1 --",
      'agent=%24%7Bjndi%3Aldap%3A%2F%2Fx%7D',
      'channel[$ne]=VOICE',
      'channel=VOICE%20OR%20channel%3DCHAT',
      'limit=1;DROP',
      'limit=100000',
      'cursor=not*a*cursor',
      `cursor=${forged}`,
      'unknownFilter=1',
    ]) {
      const reply = await call(`/api/v1/contacts?${query}`, { key: keys.read });
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
      expectNoLeak(reply.text);
    }
    const escalation = await call('/api/v1/escalations?status=open%27%20OR%20%271', { key: keys.read });
    expect(escalation.status).toBe(400);
    const journeys = await call('/api/v1/journeys?failed=maybe', { key: keys.read });
    expect(journeys.status).toBe(400);
  });

  it('given a missing record, then 404 NOT_FOUND; an unknown route is 404 too', async () => {
    expect((await call('/api/v1/escalations/esc-none', { key: keys.read })).body?.error?.code).toBe('NOT_FOUND');
    expect((await call('/api/v1/contacts/c-none/summary', { key: keys.read })).status).toBe(404);
    expect((await call('/api/v1/nothing-here', { key: keys.read })).status).toBe(404);
  });

  it('given API_DOCS off (the AWS default), then the OpenAPI document and its UI are not served at all', async () => {
    // The dashboard probes the document with HEAD and shows its "API docs" link only on a 200.
    expect((await fetch(`${gateway.url}/docs/openapi.json`, { method: 'HEAD' })).status).toBe(200);
    const closed = await harness.start({ API_DOCS: 'false' });
    expect((await fetch(`${closed.url}/docs/openapi.json`, { method: 'HEAD' })).status).toBe(404);
    for (const path of ['/docs', '/docs/openapi.json', '/docs/assets/swagger-ui.css', '/%64ocs/openapi.json']) {
      expect({ path, status: (await fetch(`${closed.url}${path}`)).status }).toEqual({ path, status: 404 });
    }
  });

  it('then security headers are set and CORS answers only the configured origin', async () => {
    const reply = await call('/api/v1/contacts', { key: keys.read, headers: { origin: 'https://board.example.com' } });
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(reply.headers.get('strict-transport-security')).toBeTruthy();
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://board.example.com');
    const foreign = await call('/api/v1/contacts', { key: keys.read, headers: { origin: 'https://evil.example.net' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${gateway.url}/api/v1/contacts`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('then /docs serves the OpenAPI document with every API resource, open to read', async () => {
    const spec = await call('/docs/openapi.json');
    expect(spec.status).toBe(200);
    const paths = Object.keys((spec.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/contacts', '/api/v1/contacts/{id}', '/api/v1/escalations', '/api/v1/escalations/{id}/acknowledge', '/api/v1/journeys', '/api/v1/journeys/analytics/funnel', '/api/v1/sync-status', '/api/v1/keys']));
    expect((await fetch(`${gateway.url}/docs`)).status).toBe(200);
  });

  it('given a key over its per-minute budget, then 429 RATE_LIMITED with Retry-After, other keys unaffected', async () => {
    const limited = await harness.start({ RATE_LIMIT_PER_MINUTE: '3', API_KEY_CACHE_MS: '0' });
    const { key } = await harness.key('read', 'busy');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${limited.url}/api/v1/contacts`, { headers: { 'x-api-key': key } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await fetch(`${limited.url}/api/v1/contacts`, { headers: { 'x-api-key': keys.read } })).status).toBe(200);
  });
});
