import { decideEscalations, DEFAULT_ESCALATION_RULES } from '@buddie/domain';
import { AgentStateRepository, createDynamoClients, EscalationRepository } from '@buddie/persistence';
import { agentInStatus, agentStateChangedDetail } from '../../../libs/api-contract/src/testing/stored-records';
import { GatewayHarness, type RunningGateway } from './gateway.harness';
import { connectLive, redisReachable, subscribe, type ReceivedEvent } from './live-client';

const REDIS_URL = process.env.BUDDIE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'live-token-secret-shared-by-both-instances';

/** AgentStateChanged as agent-monitor publishes it (the catalog rejects anything else). */
const stateChanged = (agentId: string, statusName: string, at: string, correlationId: string, version = 1) =>
  agentStateChangedDetail(agentInStatus(agentId, statusName, at), version, 0, correlationId);

describe('live feed: two gateways behind Redis', () => {
  let harness: GatewayHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let adminKey: string;
  let redisUp = false;

  const publish = (type: string, details: Record<string, unknown>[]) =>
    harness.env.router.putEvents(
      details.map((detail) => ({ Source: type.startsWith('Agent') ? 'buddie.agent-monitor' : 'buddie.escalation', DetailType: type, Detail: JSON.stringify(detail), EventBusName: 'buddie' })),
    );
  const waitFor = async (check: () => boolean, ms = 15000) => {
    const deadline = Date.now() + ms;
    while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  };
  const agentEvents = (received: ReceivedEvent[]) => received.filter((e) => e.type === 'AgentStateChanged');

  beforeAll(async () => {
    redisUp = await redisReachable(REDIS_URL);
    if (!redisUp) {
      const message = `Redis is not reachable at ${REDIS_URL}: the two-gateway fan-out test needs it (start redis-server or set BUDDIE_TEST_REDIS_URL)`;
      if (process.env.CI === 'true') throw new Error(message);
      console.warn(`SKIPPED: ${message}`);
      return;
    }
    harness = await GatewayHarness.create();
    const overrides = { REDIS_URL, LIVE_TOKEN_SECRET: SECRET, SQS_WAIT_TIME_SECONDS: '1', LIVE_REVOCATION_CHECK_MS: '500' };
    a = await harness.start(overrides);
    b = await harness.start(overrides);
    adminKey = (await harness.key('admin')).key;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('given a client on each instance, then every event reaches each client exactly once, though each event is consumed by one instance', async () => {
    if (!redisUp) return;
    const token = ((await (await fetch(`${a.url}/api/v1/live/token`, { method: 'POST', headers: { 'x-api-key': adminKey } })).json()) as { token: string }).token;
    const onA = await connectLive(a.url, { apiKey: adminKey });
    // A token minted by instance A is accepted by instance B: they share the signing secret.
    const onB = await connectLive(b.url, { token });
    const alertsOnly = await connectLive(b.url, { apiKey: adminKey });
    expect((await subscribe(onA.socket, 'agents')).ok).toBe(true);
    expect((await subscribe(onB.socket, 'agents')).ok).toBe(true);
    expect((await subscribe(alertsOnly.socket, 'alerts')).ok).toBe(true);

    const count = 30;
    const at = (i: number) => new Date(Date.UTC(2024, 2, 12, 15, 0, i)).toISOString();
    await publish(
      'AgentStateChanged',
      Array.from({ length: count }, (_, i) => stateChanged(`agent-${i % 3}`, i % 2 ? 'Available' : 'Break', at(i), `c-${i}`, i + 1)),
    );
    await waitFor(() => agentEvents(onA.received).length >= count && agentEvents(onB.received).length >= count);
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would arrive by now

    for (const client of [onA, onB]) {
      const ids = agentEvents(client.received).map((e) => e.id);
      expect(ids).toHaveLength(count);
      expect(new Set(ids).size).toBe(count);
    }
    expect(new Set(agentEvents(onA.received).map((e) => e.correlationId))).toEqual(new Set(Array.from({ length: count }, (_, i) => `c-${i}`)));
    const processed = async (g: RunningGateway) => Number(/buddie_queue_processed_total (\d+)/.exec(await (await fetch(`${g.url}/metrics`, { headers: { 'x-api-key': adminKey } })).text())?.[1] ?? 0);
    const [byA, byB] = [await processed(a), await processed(b)];
    console.log(`SQS split: instance A consumed ${byA}, instance B ${byB} of ${count} events`);
    expect(byA + byB).toBeGreaterThanOrEqual(count);
    // Room membership is the server's: the alerts-only socket got no agent events.
    expect(agentEvents(alertsOnly.received)).toHaveLength(0);
    [onA, onB, alertsOnly].forEach((c) => c.socket.disconnect());
  });

  it('given a supervisor acknowledging on instance A, then a client on each instance gets that EscalationUpdated exactly once (from the bus, fanned out by Redis)', async () => {
    if (!redisUp) return;
    const [draft] = decideEscalations(
      { kind: 'journey-failure', contactId: 'c-live-esc', correlationId: 'corr-live-esc', occurredAt: '2024-03-12T15:00:00.000Z', failures: [{ kind: 'lambda-error', severity: 'high', stepLabel: 'Lookup', reason: 'Lambda failed' }] },
      DEFAULT_ESCALATION_RULES,
    );
    // Opened and announced as the escalation app does it.
    const escalations = new EscalationRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('escalations'));
    await escalations.open(draft, new Date().toISOString());
    await escalations.markPublished(draft.escalationId, 1);
    const onA = await connectLive(a.url, { apiKey: adminKey });
    const onB = await connectLive(b.url, { apiKey: adminKey });
    expect((await subscribe(onA.socket, 'escalations')).ok).toBe(true);
    expect((await subscribe(onB.socket, 'escalations')).ok).toBe(true);

    const acked = await fetch(`${a.url}/api/v1/escalations/${encodeURIComponent(draft.escalationId)}/acknowledge`, { method: 'POST', headers: { 'x-api-key': adminKey, 'content-type': 'application/json' }, body: '{}' });
    expect(acked.status).toBe(200);
    const updates = (received: ReceivedEvent[]) => received.filter((e) => e.type === 'EscalationUpdated' && e.detail.escalationId === draft.escalationId);
    await waitFor(() => updates(onA.received).length >= 1 && updates(onB.received).length >= 1);
    await new Promise((r) => setTimeout(r, 1500)); // any duplicate would arrive by now
    for (const client of [onA, onB]) expect(updates(client.received).map((e) => e.detail.status)).toEqual(['acknowledged']);
    [onA, onB].forEach((c) => c.socket.disconnect());
  });

  it('given a reconnecting client, then it gets a snapshot with what changed while it was away, then deltas', async () => {
    if (!redisUp) return;
    const { doc } = createDynamoClients(harness.env.config);
    const states = new AgentStateRepository(doc, harness.env.physical('agent-states'));
    await states.save(agentInStatus('agent-r', 'Available', '2024-03-12T15:00:00.000Z'), 0, { openAlerts: 0, now: '2024-03-12T15:00:00.000Z' });
    const first = await connectLive(a.url, { apiKey: adminKey });
    const snapshot1 = await subscribe(first.socket, 'agent:agent-r');
    expect(snapshot1.snapshot?.items.map((i) => i.statusName)).toEqual(['Available']);
    first.socket.disconnect();

    // While it is away the agent goes on Break (state written, event published).
    await states.save(agentInStatus('agent-r', 'Break', '2024-03-12T15:01:00.000Z'), 1, { openAlerts: 0, now: '2024-03-12T15:01:00.000Z' });
    await publish('AgentStateChanged', [stateChanged('agent-r', 'Break', '2024-03-12T15:01:00.000Z', 'away', 2)]);

    const again = await connectLive(b.url, { apiKey: adminKey });
    const snapshot2 = await subscribe(again.socket, 'agent:agent-r');
    expect(snapshot2.snapshot?.items.map((i) => i.statusName)).toEqual(['Break']);
    await publish('AgentStateChanged', [stateChanged('agent-r', 'Available', '2024-03-12T15:02:00.000Z', 'back', 3)]);
    await waitFor(() => agentEvents(again.received).some((e) => e.correlationId === 'back'));
    const back = agentEvents(again.received).find((e) => e.correlationId === 'back');
    // The delta is the same DTO as the snapshot item: one shape to merge.
    expect(back?.detail).toMatchObject({ agentId: 'agent-r', statusName: 'Available', version: 3 });
    expect(Object.keys(back?.detail ?? {}).sort()).toEqual(Object.keys(snapshot2.snapshot?.items[0] ?? {}).sort());
    again.socket.disconnect();
  });

  it('given a key revoked on one instance, then its sockets close on both within seconds and its live token no longer connects', async () => {
    if (!redisUp) return;
    const { key, keyId } = await harness.key('read', 'revoked while live');
    const token = ((await (await fetch(`${b.url}/api/v1/live/token`, { method: 'POST', headers: { 'x-api-key': key } })).json()) as { token: string }).token;
    const onA = await connectLive(a.url, { apiKey: key });
    const onB = await connectLive(b.url, { token });
    const bystander = await connectLive(b.url, { apiKey: adminKey });
    const closed = (socket: typeof onA.socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    const closing = [closed(onA.socket), closed(onB.socket)];

    expect((await fetch(`${a.url}/api/v1/keys/${keyId}`, { method: 'DELETE', headers: { 'x-api-key': adminKey } })).status).toBe(204);
    // Both the socket on the revoking instance and the one on the other instance are closed by the server.
    expect(await Promise.all(closing)).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(connectLive(b.url, { token })).rejects.toThrow('UNAUTHORIZED');
    await expect(connectLive(a.url, { token })).rejects.toThrow('UNAUTHORIZED');
    expect(bystander.socket.connected).toBe(true);
    bystander.socket.disconnect();
  });

  it('given a key revoked outside the API (buddie keys revoke), then the periodic check closes its sockets', async () => {
    if (!redisUp) return;
    const { key, keyId } = await harness.key('read', 'revoked by the CLI');
    const live = await connectLive(a.url, { apiKey: key });
    const closed = new Promise<string>((resolve) => live.socket.once('disconnect', (reason) => resolve(reason)));
    await harness.keys.revoke(keyId, new Date().toISOString());
    expect(await closed).toBe('io server disconnect');
  });

  it('given no key, a wrong key or a forged token, then the handshake is refused; a bad room is refused', async () => {
    if (!redisUp) return;
    await expect(connectLive(a.url, {})).rejects.toThrow('UNAUTHORIZED');
    await expect(connectLive(a.url, { apiKey: 'bk_000000000000_' + 'x'.repeat(32) })).rejects.toThrow('UNAUTHORIZED');
    await expect(connectLive(a.url, { token: 'lt.eyJraWQiOiJ4In0.' + 'A'.repeat(43) })).rejects.toThrow('UNAUTHORIZED');
    const client = await connectLive(a.url, { apiKey: adminKey });
    for (const room of ['everything', 'agent:../../x', 'queue:<script>', '']) {
      expect((await subscribe(client.socket, room)).ok).toBe(false);
    }
    client.socket.disconnect();
  });
});
