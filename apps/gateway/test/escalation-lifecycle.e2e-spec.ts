import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Message } from '@aws-sdk/client-sqs';
import { assembleJourney, journeyContactFromCtr, type JourneyCtrLike } from '@buddie/domain';
import type { EventBridgeEnvelope } from '@buddie/messaging';
import { createDynamoClients, EscalationRepository } from '@buddie/persistence';
import { deliveredBody, drainQueue, eventually, queueUrl, sendBodies } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/testing/src/fixtures';
import { journeyFailed } from '../../ivr-journey/src/assembly/journey-events.mapper';
import { GatewayHarness, type RunningGateway } from './gateway.harness';
import { connectLive, subscribe } from './live-client';

type Envelope = EventBridgeEnvelope<Record<string, unknown>>;

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CTR08 = readJson<JourneyCtrLike>(sharedPath('fixtures', 'synthetic', 'ctr-08-ivr-error-flow-disconnect.json'));

/**
 * Issue 12's "Done when" for escalations, across the real apps: ctr-08's journey (assembled by the domain,
 * announced through ivr-journey's own mapper) reaches the escalation app (booted from its main.ts with its
 * own config), which opens one escalation however often the JourneyFailed is delivered; a supervisor then
 * acknowledges and resolves it through the gateway's REST API, and each action reaches the bus (observed
 * on the salesforce-sync queue, routed by the routing table) and each live socket once.
 */
describe('escalation lifecycle: JourneyFailed -> escalation app -> gateway acknowledge/resolve -> bus', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let escalationApp: ChildProcess | undefined;
  let appOutput = '';
  let keys: { read: string; write: string };
  let escalations: EscalationRepository;
  let salesforceQueue: string;
  const onBus: Envelope[] = [];

  const journey = assembleJourney({ contactId: CTR08.ContactId, entries: [], contact: journeyContactFromCtr(CTR08, null) });
  const escalationId = `${CTR08.ContactId}:ivr-system-failure`;
  const path_ = `/api/v1/escalations/${encodeURIComponent(escalationId)}`;

  const post = (action: string, key: string) =>
    fetch(`${gateway.url}${path_}/${action}`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify({ note: `${action} from the e2e` }) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));
  /** Escalation events of this escalation that reached the salesforce-sync queue so far. */
  const busEvents = async (expect: number): Promise<Envelope[]> => {
    const drained = await drainQueue(harness.env.sqs, salesforceQueue, { expect, timeoutMs: 20000, quietMs: 2000 });
    onBus.push(...drained.map((m: Message) => JSON.parse(m.Body!) as Envelope));
    return onBus.filter((e) => e.detail.escalationId === escalationId);
  };

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start();
    keys = { read: (await harness.key('read')).key, write: (await harness.key('write')).key };
    escalations = new EscalationRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('escalations'));
    salesforceQueue = await queueUrl(harness.env.sqs, harness.env.physical('salesforce-sync'));
    escalationApp = spawn(process.execPath, ['-r', path.join(ROOT, 'bin', 'ts-register.js'), path.join(ROOT, 'apps', 'escalation', 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...harness.env.env, PORT: '0', LOG_LEVEL: 'warn', ESCALATION_PUBLISH_DEADLINE_MS: '2000', ESCALATION_RECONCILE_INTERVAL_MS: '500' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    escalationApp.stdout?.on('data', (chunk: Buffer) => (appOutput += chunk.toString()));
    escalationApp.stderr?.on('data', (chunk: Buffer) => (appOutput += chunk.toString()));
  }, 120_000);

  afterAll(async () => {
    if (escalationApp && escalationApp.exitCode === null) {
      const exited = new Promise((resolve) => escalationApp!.once('exit', resolve));
      escalationApp.kill('SIGTERM');
      await exited;
    }
    await harness?.close();
  });

  it('given ctr-08 flagged failed at its error step, when its JourneyFailed is delivered twice at once and replayed later, then one escalation and one EscalationCreated', async () => {
    expect(journey).toMatchObject({ outcome: 'failed', failed: true });
    const body = () => deliveredBody(journeyFailed(journey, 1, `corr-${CTR08.ContactId}`));
    const input = await queueUrl(harness.env.sqs, harness.env.physical('escalation'));
    await sendBodies(harness.env.sqs, input, [body(), body()]);
    const opened = await eventually(() => escalations.get(escalationId), (r) => r !== undefined, 60_000);
    if (!opened) throw new Error(`the escalation app opened nothing; its output:\n${appOutput}`);
    expect(opened).toMatchObject({ status: 'open', severity: 'high', contactId: CTR08.ContactId, version: 1 });

    await sendBodies(harness.env.sqs, input, [body()]);
    const created = await busEvents(1);
    expect(created.map((e) => [e['detail-type'], e.source, e.detail.version, e.detail.status])).toEqual([['EscalationCreated', 'buddie.escalation', 1, 'open']]);
    expect(await escalations.listByContact(CTR08.ContactId)).toHaveLength(1);
  });

  it('when a read key acknowledges, then 403; when two write keys acknowledge at once, then one 200 with the new state and one 409 with the reason; then resolve, then a late acknowledge is 409', async () => {
    const { socket, received } = await connectLive(gateway.url, { apiKey: keys.read });
    try {
      expect((await subscribe(socket, 'escalations')).ok).toBe(true);

      expect((await post('acknowledge', keys.read)).status).toBe(403);
      const both = await Promise.all([post('acknowledge', keys.write), post('acknowledge', keys.write)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const acked = both.find((r) => r.status === 200)!;
      expect(acked.body).toMatchObject({ escalationId, status: 'acknowledged', acknowledgedBy: 'write test key', acknowledgeNote: 'acknowledge from the e2e' });
      expect(JSON.stringify(both.find((r) => r.status === 409)!.body)).toContain(`escalation ${escalationId} is acknowledged; it cannot be acknowledged now`);

      const resolved = await post('resolve', keys.write);
      expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved', resolvedBy: 'write test key', acknowledgedBy: 'write test key' } });
      const late = await post('acknowledge', keys.write);
      expect(late.status).toBe(409);
      expect(JSON.stringify(late.body)).toContain('is resolved; it cannot be acknowledged now');

      // Each action on the bus once, from the gateway, with the record's version.
      const events = await busEvents(2);
      expect(events.map((e) => [e['detail-type'], e.source, e.detail.version, e.detail.status])).toEqual([
        ['EscalationCreated', 'buddie.escalation', 1, 'open'],
        ['EscalationUpdated', 'buddie.gateway', 2, 'acknowledged'],
        ['EscalationUpdated', 'buddie.gateway', 3, 'resolved'],
      ]);
      expect(events[2].detail).toMatchObject({ acknowledgedBy: 'write test key', resolvedBy: 'write test key', correlationId: `corr-${CTR08.ContactId}` });

      // ...and on the live socket once each (through the gateway queue; the gateway no longer echoes it itself).
      const updates = () => received.filter((e) => e.type === 'EscalationUpdated' && e.detail.escalationId === escalationId);
      await eventually(async () => updates().length, (n) => n >= 2, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(updates().map((e) => e.detail.status)).toEqual(['acknowledged', 'resolved']);
      expect(await escalations.listUnpublished(new Date(Date.now() + 3_600_000).toISOString())).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
