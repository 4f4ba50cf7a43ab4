import { assembleJourney, decideEscalations, DEFAULT_ESCALATION_RULES } from '@buddie/domain';
import { createDynamoClients, EscalationRepository, JourneyRepository } from '@buddie/persistence';
import { GatewayHarness, type RunningGateway } from './gateway.harness';
import { connectLive, subscribe } from './live-client';

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const entry = (type: string, s: number, extra: Record<string, unknown> = {}) => ({ ContactId: 'c-7', ContactFlowName: 'Main IVR', ContactFlowModuleType: type, Identifier: type, Timestamp: ago(s), ...extra });

describe('journeys and escalations through the gateway (REST + live snapshot)', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let keys: { read: string; write: string };
  let escalationId: string;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start();
    keys = { read: (await harness.key('read')).key, write: (await harness.key('write')).key };
    const { doc } = createDynamoClients(harness.env.config);
    const journey = assembleJourney({
      contactId: 'c-7',
      entries: [entry('PlayPrompt', 100, { Parameters: { Text: 'Welcome' } }), entry('GetUserInput', 90, { Parameters: { Text: 'For billing, press 1.' }, Results: 'Timeout' }), entry('GetUserInput', 80, { Parameters: { Text: 'For billing, press 1.' }, Results: '7' })],
    });
    await new JourneyRepository(doc, harness.env.physical('journeys')).save({ ...journey, callerKey: 'caller-key-xyz' }, ago(60), 'corr-7');
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId: 'c-7', correlationId: 'corr-7', occurredAt: ago(50), failures: journey.failures }, DEFAULT_ESCALATION_RULES);
    escalationId = draft.escalationId;
    await new EscalationRepository(doc, harness.env.physical('escalations')).open(draft, ago(50));
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const get = (path: string, key = keys.read) => fetch(`${gateway.url}${path}`, { headers: { 'x-api-key': key } }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const post = (path: string, key: string) => fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: '{}' }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('serves the timeline with its escalations, lists by outcome, and never the caller key', async () => {
    const timeline = await get('/api/v1/journeys/c-7');
    expect(timeline.status).toBe(200);
    expect(timeline.body).toMatchObject({ contactId: 'c-7', outcome: 'in-progress', failed: true, escalations: [expect.objectContaining({ escalationId, status: 'open' })] });
    expect(JSON.stringify(timeline.body)).not.toContain('caller-key-xyz');
    expect(JSON.stringify(timeline.body)).not.toMatch(/listPartition|fingerprint|flowKey/);
    const byOutcome = await get('/api/v1/journeys?outcome=in-progress');
    expect(byOutcome).toMatchObject({ status: 200 });
    expect((byOutcome.body.items as unknown[]).length).toBe(1);
    expect(((await get('/api/v1/journeys?outcome=contained')).body.items as unknown[]).length).toBe(0);
    expect(((await get(`/api/v1/journeys?flow=${encodeURIComponent('Main IVR')}&from=${encodeURIComponent(ago(3600))}`)).body.items as unknown[]).length).toBe(1);
    expect((await get('/api/v1/journeys?outcome=lost')).status).toBe(400);
  });

  it('serves analytics with the waterfall', async () => {
    const analytics = await get('/api/v1/journeys/analytics?bucket=day');
    expect(analytics.body).toMatchObject({ journeys: 1, totals: { contacts: 1 } });
    const [flow] = analytics.body.byFlow as { flowName: string; waterfall: { label: string; reached: number; timedOut: number; noMatch: number }[] }[];
    expect(flow.flowName).toBe('Main IVR');
    expect(flow.waterfall[1]).toMatchObject({ label: 'Menu "For billing, press 1."', reached: 1, timedOut: 1, noMatch: 1 });
  });

  it('puts journeys and open escalations in the live snapshot without internal attributes', async () => {
    const { socket } = await connectLive(gateway.url, { apiKey: keys.read });
    try {
      const journeys = await subscribe(socket, 'journeys');
      expect(journeys.snapshot?.items.map((j: Record<string, unknown>) => j.contactId)).toEqual(['c-7']);
      expect(JSON.stringify(journeys.snapshot)).not.toMatch(/caller-key-xyz|listPartition|fingerprint/);
      const escalations = await subscribe(socket, 'escalations');
      expect(escalations.snapshot?.items.map((e: Record<string, unknown>) => e.escalationId)).toEqual([escalationId]);
    } finally {
      socket.close();
    }
  });

  it('acknowledges and resolves with a write key (read keys are refused), recording who and when, and refuses going back', async () => {
    expect((await post(`/api/v1/escalations/${encodeURIComponent(escalationId)}/acknowledge`, keys.read)).status).toBe(403);
    const acked = await post(`/api/v1/escalations/${encodeURIComponent(escalationId)}/acknowledge`, keys.write);
    expect(acked).toMatchObject({ status: 200, body: { status: 'acknowledged', acknowledgedBy: expect.any(String), acknowledgedAt: expect.any(String) } });
    const resolved = await post(`/api/v1/escalations/${encodeURIComponent(escalationId)}/resolve`, keys.write);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: expect.any(String), acknowledgedBy: acked.body.acknowledgedBy });
    expect((await post(`/api/v1/escalations/${encodeURIComponent(escalationId)}/acknowledge`, keys.write)).status).toBe(409);
    expect(((await get('/api/v1/escalations?status=resolved')).body.items as { escalationId: string }[]).map((e) => e.escalationId)).toEqual([escalationId]);
  });
});
