import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { waitFor } from '@buddie/runtime';
import { probe, probeAbsoluteForm } from '@buddie/testing';
import { StackRunner, type RunningStack } from '../e2e/stack.harness';

const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'synthetic');
const fixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown> & { ContactId: string };
const CALLER = '+13125550142';
const WRONG_KEY = 'bk_000000000000_' + 'A'.repeat(32);

/**
 * The security suite (`npm run test:security`): a fresh `buddie start`, probed as an attacker would, in
 * the categories of the OWASP API Security Top 10 (2023). Every case issue 9 found open is here.
 */
describe('security: a fresh buddie start under attack (OWASP API Top 10, 2023)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'buddie-security-'));
  const stacks = new StackRunner({ BUDDIE_DATA_DIR: dataDir, BUDDIE_SIMULATOR: 'off', AUTH_FAILURES_PER_MINUTE: '40', API_KEY_CACHE_MS: '1000' });
  let running: RunningStack;
  let gateway: string;
  let apps: Record<string, string>;
  let keys: { admin: string; ingest: string; read: string; pii: string; write: string };

  const call = async (url: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('x-api-key', init.key);
    const response = await fetch(url, { ...init, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, code: (() => { try { return (JSON.parse(text) as { error?: { code?: string } }).error?.code; } catch { return undefined; } })() };
  };
  const ingest = (body: unknown, key: string | undefined = keys.ingest, type = 'application/json') =>
    call(`${apps.ingestion}/ingest/ctr`, { method: 'POST', key, headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const createKey = async (scopes: string[]) => {
    const reply = await call(`${gateway}/api/v1/keys`, { method: 'POST', key: keys.admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes, name: `suite ${scopes.join('+')}` }) });
    expect(reply.status).toBe(201);
    return JSON.parse(reply.text) as { key: string; record: { keyId: string } };
  };

  beforeAll(async () => {
    running = await stacks.start();
    gateway = stacks.url;
    const state = JSON.parse(readFileSync(join(dataDir, 'local-stack.json'), 'utf8')) as { apps: Record<string, string>; ingestKey: string };
    apps = state.apps;
    const admin = readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
    keys = { admin, ingest: state.ingestKey, read: '', pii: '', write: '' };
    keys.read = (await createKey(['read'])).key;
    keys.pii = (await createKey(['read', 'pii'])).key;
    keys.write = (await createKey(['write'])).key;
    expect((await ingest(fixture('ctr-01-inbound-answered-recorded.json'))).status).toBe(200);
  }, 240000);
  afterAll(async () => {
    await stacks.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  describe('API2 broken authentication', () => {
    it('given no key or a wrong key, then every service refuses, in plain, percent-encoded and absolute-form spellings', async () => {
      const targets: [string, string, string][] = [
        [gateway, 'GET', '/api/v1/contacts'],
        [gateway, 'GET', '/%61pi/v1/contacts'],
        [gateway, 'POST', '/%61pi/v1/agent-alert-rules'],
        [gateway, 'DELETE', '/%61pi/v1/agent-alert-rules/x'],
        [gateway, 'GET', '/api/v1/%6Beys'],
        [apps.ingestion, 'POST', '/ingest/ctr'],
        [apps.ingestion, 'POST', '/%69ngest/ctr'],
        ...Object.values(apps).map((url): [string, string, string] => [url, 'GET', '/metrics']),
      ];
      for (const [url, method, path] of targets) {
        for (const headers of [{}, { 'x-api-key': WRONG_KEY }] as Record<string, string>[]) {
          const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
          const plain = await probe(url, method, path, headers, body);
          const absolute = await probeAbsoluteForm(url, method, path, headers, body);
          expect({ path, method, plain: plain.status, absolute: absolute.status }).toEqual({ path, method, plain: 401, absolute: 401 });
        }
      }
    });

    it('given a revoked key, then REST refuses it and its open socket is closed; a token minted before does not connect', async () => {
      const { key, record } = await createKey(['read']);
      const token = (JSON.parse((await call(`${gateway}/api/v1/live/token`, { method: 'POST', key })).text) as { token: string }).token;
      const socket = io(`${gateway}/live`, { auth: { apiKey: key }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
      const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      expect((await call(`${gateway}/api/v1/keys/${record.keyId}`, { method: 'DELETE', key: keys.admin })).status).toBe(204);
      expect(await closed).toBe('io server disconnect');
      expect((await call(`${gateway}/api/v1/contacts`, { key })).status).toBe(401);
      const late = io(`${gateway}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      await expect(new Promise((resolve, reject) => late.once('connect', () => resolve('connected')).once('connect_error', (e) => reject(e)))).rejects.toThrow('UNAUTHORIZED');
      late.close();
    });
  });

  describe('API1 / API5 object and function level authorization', () => {
    it('given keys of lower or other scopes, then they are refused what they were not given', async () => {
      expect((await call(`${gateway}/api/v1/keys`, { key: keys.read })).status).toBe(403);
      expect((await call(`${gateway}/api/v1/keys`, { method: 'POST', key: keys.write, headers: { 'content-type': 'application/json' }, body: '{"scopes":["admin"]}' })).status).toBe(403);
      expect((await call(`${gateway}/api/v1/contacts`, { key: keys.ingest })).status).toBe(403);
      expect((await ingest(fixture('ctr-07-chat.json'), keys.read)).status).toBe(403);
      expect((await ingest(fixture('ctr-07-chat.json'), keys.admin)).status).toBe(403);
      expect((await call(`${apps.ingestion}/ingest/ctr`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture('ctr-07-chat.json')) })).status).toBe(401);
    });

    it('given a socket, then it cannot join rooms that are not the documented ones', async () => {
      const socket = io(`${gateway}/live`, { auth: { apiKey: keys.read }, transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
      for (const room of ['key:dev', 'agent:../../x', 'everything']) {
        const reply = (await socket.timeout(5000).emitWithAck('subscribe', { room })) as { ok: boolean };
        expect({ room, ok: reply.ok }).toEqual({ room, ok: false });
      }
      socket.close();
    });
  });

  describe('API3 broken object property level authorization (PII)', () => {
    it('given a read key, then the caller number is masked; a pii key sees it', async () => {
      const id = fixture('ctr-01-inbound-answered-recorded.json').ContactId;
      await waitFor('the contact', async () => {
        if ((await call(`${gateway}/api/v1/contacts/${id}`, { key: keys.read })).status !== 200) throw new Error('not stored yet');
      }, 30000);
      const masked = await call(`${gateway}/api/v1/contacts/${id}`, { key: keys.read });
      expect(masked.text).not.toContain(CALLER);
      expect(masked.text).toContain('0142');
      expect((await call(`${gateway}/api/v1/contacts?limit=100`, { key: keys.read })).text).not.toContain(CALLER);
      expect((await call(`${gateway}/api/v1/contacts/${id}`, { key: keys.pii })).text).toContain(CALLER);
    });
  });

  describe('API4 unrestricted resource consumption', () => {
    it('given a 600 KB CTR or one nested 40 deep, then 400 naming the DynamoDB limit', async () => {
      const large = await ingest({ ...fixture('ctr-06-queued-callback.json'), ContactId: 'sec-large', Padding: 'x'.repeat(600 * 1024) });
      expect([large.status, large.code]).toEqual([400, 'ITEM_TOO_LARGE']);
      expect(large.text).toContain('400 KB');
      const deep = await ingest({ ...fixture('ctr-06-queued-callback.json'), ContactId: 'sec-deep', Nested: JSON.parse('{"n":'.repeat(40) + '1' + '}'.repeat(40)) });
      expect([deep.status, deep.code]).toEqual([400, 'ITEM_TOO_DEEP']);
      expect(deep.text).toContain('32 levels');
    });

    it('given an over-long alert rule name or key name, then 400 or 413, never stored', async () => {
      const reply = await call(`${gateway}/api/v1/keys`, { method: 'POST', key: keys.admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['read'], name: 'x'.repeat(500) }) });
      expect([400, 413]).toContain(reply.status);
    });
  });

  describe('API6 sensitive business flows (tampering)', () => {
    it('given a LastUpdateTimestamp in 2099, then 400 with the reason and the contact is not frozen', async () => {
      const record = fixture('ctr-05-outbound-agent-dialed.json');
      const reply = await ingest({ ...record, LastUpdateTimestamp: '2099-01-01T00:00:00Z' });
      expect([reply.status, reply.code]).toEqual([400, 'TIMESTAMP_IN_FUTURE']);
      expect((await ingest(record)).status).toBe(200);
    });
  });

  describe('API8 security misconfiguration', () => {
    it('given any service, then it sends security headers', async () => {
      for (const url of Object.values(apps)) {
        const reply = await call(`${url}/health`);
        expect({ url, nosniff: reply.headers.get('x-content-type-options'), csp: Boolean(reply.headers.get('content-security-policy')) }).toEqual({ url, nosniff: 'nosniff', csp: true });
      }
    });

    it('given form-urlencoded or text bodies on JSON endpoints, then 415', async () => {
      const form = await call(`${gateway}/api/v1/keys`, { method: 'POST', key: keys.admin, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'scopes=admin&name=form' });
      expect([form.status, form.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect((await ingest('ContactId=x', keys.ingest, 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await ingest('{"ContactId":"x"}', keys.ingest, 'text/plain')).status).toBe(415);
    });
  });

  describe('API10 unsafe consumption of Connect input', () => {
    it.each([
      ['blank', '   '],
      ['path characters', '../../etc/passwd'],
      ['an emoji', 'call-\u{1F4DE}'],
      ['a newline', 'sec-1\n[ingestion] FORGED log line'],
    ])('given a ContactId with %s, then 400 and nothing reaches a log line', async (_label, contactId) => {
      const reply = await ingest({ ...fixture('ctr-07-chat.json'), ContactId: contactId });
      expect([reply.status, reply.code]).toEqual([400, 'CONNECT_VALIDATION']);
      expect(running.out.text()).not.toMatch(/^\[ingestion\] FORGED log line/m);
    });

    it('given a forged cursor, or one from another endpoint or partition, then 400, not 500', async () => {
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const forged = b64({ contactId: 'x', agentUsername: 'y', '#lp': 'z' });
      // What a client could copy from one list's nextCursor and replay on another, or re-point at another partition.
      const openEscalations = b64({ l: 'escalations.byStatus', k: { escalationId: 'e-1', status: 'open', createdAt: '2026-12-01T00:00:00Z' } });
      const otherPartition = b64({ l: 'escalations.byStatus', k: { escalationId: 'e-1', status: 'resolved', createdAt: '2026-12-01T00:00:00Z' } });
      const probes: [string, string][] = [
        ['/api/v1/contacts', forged],
        ['/api/v1/contacts', 'not*a*cursor'],
        ['/api/v1/contacts', openEscalations],
        ['/api/v1/summaries', openEscalations],
        ['/api/v1/escalations?status=open', otherPartition],
      ];
      for (const [path, cursor] of probes) {
        const url = `${gateway}${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
        const reply = await call(url, { key: keys.read });
        expect({ path, cursor, status: reply.status }).toEqual({ path, cursor, status: 400 });
      }
    });
  });

  // Last: it leaves this address throttled for the rest of the minute.
  describe('API2 brute force', () => {
    it('given wrong keys in a row from one address, then 429 before any key is looked at, a valid one included', async () => {
      let status = 0;
      for (let i = 0; i < 60 && status !== 429; i++) status = (await call(`${gateway}/api/v1/contacts`, { key: `bk_${'0'.repeat(12)}_${String(i).padStart(32, 'x')}` })).status;
      expect(status).toBe(429);
      const valid = await call(`${gateway}/api/v1/contacts`, { key: keys.read });
      expect([valid.status, valid.code, Number(valid.headers.get('retry-after')) > 0]).toEqual([429, 'RATE_LIMITED', true]);
    });
  });
});
