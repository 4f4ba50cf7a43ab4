import { GatewayHarness, type RunningGateway } from './gateway.harness';
import { probe, probeEveryRoute } from '@buddie/testing';

describe('gateway: every route denies by default', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start({ AUTH_FAILURES_PER_MINUTE: '1000000', API_KEY_CACHE_MS: '0', RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(() => harness.close());

  it('given every registered route, then only /health is public and each other refuses no key, a wrong key and a lower scope in every spelling', async () => {
    const { routes, failures, probes } = await probeEveryRoute(gateway.app, gateway.url);
    expect(routes.filter((r) => r.requirement.public).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
    // The routes the issue found open: the default scope now comes from the handler, whatever the URL.
    expect(routes.find((r) => r.method === 'GET' && r.path === '/api/v1/contacts')?.requirement).toEqual({ public: false, scopes: ['read'] });
    expect(routes.find((r) => r.method === 'POST' && r.path === '/api/v1/agent-alert-rules')?.requirement).toEqual({ public: false, scopes: ['write'] });
    expect(routes.length).toBeGreaterThan(20);
    expect(probes).toBeGreaterThan(routes.length * 10);
    expect(failures).toEqual([]);
  });

  it('given the encoded spelling the issue used, then it is routed to the real handler and refused there', async () => {
    expect((await probe(gateway.url, 'GET', '/%61pi/v1/contacts')).status).toBe(401);
    expect((await probe(gateway.url, 'DELETE', '/%61pi/v1/agent-alert-rules/x')).status).toBe(401);
  });
});
