/**
 * Gateway benchmark: REST requests/s on a list endpoint and Socket.IO fan-out to 1,000 clients
 * (events/s, delivery latency p50/p95/p99), each next to a bare Fastify / socket.io baseline
 * measured in the same run on the same machine, both on simulator data (contacts and agent state
 * changes of a simulated 50-agent hour). `npm run bench:gateway`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { GatewayConfig, loadConfig } from '@buddie/config';
import { parseCtr } from '@buddie/connect';
import { evolveAgent, type AgentView } from '@buddie/domain';
import { EVENT_CATALOG } from '@buddie/messaging';
import { ApiKeyRepository, ContactRepository, createDynamoClients } from '@buddie/persistence';
import { freePort, startEmulators } from '@buddie/runtime';
import { MemorySink, runSimulation } from '@buddie/simulator';
import { createTestEnvironment } from '@buddie/testing';
/* eslint-disable no-restricted-imports -- a benchmark is not an app: it stores and publishes exactly what ingestion and agent-monitor would */
import { stateChangedEvent } from '../apps/agent-monitor/src/agent-monitor.mapper';
import { toContactWrite } from '../apps/ingestion/src/contact.mapper';
/* eslint-enable no-restricted-imports */

const REST_SECONDS = Number(process.env.BENCH_REST_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 50);

interface Row {
  measure: string;
  buddie: string;
  baseline: string;
}

async function restRate(url: string, headers: Record<string, string>): Promise<number> {
  let done = 0;
  const until = Date.now() + REST_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
        await response.arrayBuffer();
        done += 1;
      }
    }),
  );
  return done / REST_SECONDS;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function connectAll(url: string, auth: Record<string, string>, room?: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, CLIENTS - i) }, async () => {
        const socket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        if (room) await socket.timeout(10000).emitWithAck('subscribe', { room });
        return socket;
      }),
    );
    sockets.push(...batch);
  }
  return sockets;
}

/** Emits EVENTS events (one every 5 ms) and waits for every client to get every one. */
async function fanOut(sockets: Socket[], eventName: string, emit: (i: number) => void): Promise<{ eventsPerSecond: number; deliveriesPerSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  // Live events carry allow-listed DTOs only, so the send time is looked up by the event's correlation id.
  const sentAt = new Map<string, number>();
  const expected = sockets.length * EVENTS;
  let received = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  for (const socket of sockets) {
    socket.on(eventName, (event: { correlationId: string }) => {
      latencies.push(performance.now() - (sentAt.get(event.correlationId) ?? Number.NaN));
      if (++received === expected) resolveAll();
    });
  }
  const start = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    sentAt.set(`b${i}`, performance.now());
    emit(i);
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.race([all, new Promise((r) => setTimeout(r, 60000))]);
  const seconds = (performance.now() - start) / 1000;
  sockets.forEach((s) => s.off(eventName));
  if (received < expected) console.warn(`  only ${received} of ${expected} deliveries arrived`);
  return { eventsPerSecond: EVENTS / seconds, deliveriesPerSecond: received / seconds, latencies: latencies.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);
  log('starting emulators');
  const emulators = await startEmulators();
  process.env.BUDDIE_TEST_DYNAMODB_ENDPOINT = emulators.endpoints.dynamodb;
  process.env.BUDDIE_TEST_SQS_ENDPOINT = emulators.endpoints.sqs;
  process.env.BUDDIE_TEST_KINESIS_ENDPOINT = emulators.endpoints.kinesis;
  const env = await createTestEnvironment({ LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000' });
  const config = loadConfig(GatewayConfig, env.env);
  const { doc } = createDynamoClients(config);
  log(`gateway config: body cap ${config.MAX_BODY_BYTES} B, Redis ${config.REDIS_URL ? 'on' : 'off'}`);
  // Simulator data: an hour of a 50-agent center, its CTRs stored as ingestion stores them and its
  // agent events turned into the AgentStateChanged details agent-monitor publishes.
  const day = new MemorySink();
  await runSimulation({ agents: 50, hours: 1, seed: 7 }, day, { speed: 'max' });
  const contacts = new ContactRepository(doc, env.physical('contacts'));
  for (const ctr of day.ctrs) {
    const parsed = parseCtr(ctr);
    if (!parsed.ok) throw new Error(`simulator CTR ${ctr.ContactId} does not parse`);
    await contacts.upsertCtr(toContactWrite(parsed.value), new Date().toISOString());
  }
  const views = new Map<string, AgentView>();
  const stateChanges: Record<string, unknown>[] = [];
  for (const event of day.agentEvents) {
    const evolution = evolveAgent(views.get(event.AgentARN), event);
    views.set(event.AgentARN, evolution.view);
    if (evolution.changed) stateChanges.push(stateChangedEvent(evolution.view, event, 0, stateChanges.length + 1).detail);
  }
  // PutEvents straight to the router, so the version EventPublisher would stamp is added here (the gateway validates it).
  const detailOf = (i: number) => ({ ...stateChanges[i % stateChanges.length], schemaVersion: EVENT_CATALOG.AgentStateChanged.version, correlationId: `b${i}` });
  log(`simulator: ${day.ctrs.length} contacts stored, ${stateChanges.length} agent state changes to publish (about ${JSON.stringify(stateChanges[0]).length} bytes each)`);
  const { key } = await new ApiKeyRepository(doc, env.physical('api-keys')).create({ name: 'bench', scopes: ['read'], createdAt: new Date().toISOString() });
  // The gateway runs as its own process, as in production; events reach it through its SQS queue.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['-r', './bin/ts-register.js', 'apps/gateway/src/main.ts'], {
    env: { ...process.env, ...env.env, PORT: String(port), RATE_LIMIT_PER_MINUTE: '1000000', SQS_WAIT_TIME_SECONDS: '1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the gateway did not start');
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rows: Row[] = [];

  // REST: the gateway's list (auth, rate limit, validation, DynamoDB Local query) against Fastify answering the same JSON from memory.
  const listPath = '/api/v1/contacts?limit=50';
  const page = await (await fetch(`${url}${listPath}`, { headers: { 'x-api-key': key } })).text();
  const bare = Fastify();
  bare.get('/api/v1/contacts', (_request, reply) => reply.header('content-type', 'application/json').send(page));
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
  log(`REST: ${CONCURRENCY} concurrent clients for ${REST_SECONDS} s each`);
  const gatewayRps = await restRate(`${url}${listPath}`, { 'x-api-key': key });
  const bareRps = await restRate(`${bareUrl}${listPath}`, {});
  rows.push({ measure: `GET ${listPath} (requests/s)`, buddie: gatewayRps.toFixed(0), baseline: bareRps.toFixed(0) });
  await bare.close();

  // Fan-out: the gateway's hub (room routing, dedupe) to authenticated /live sockets vs a bare socket.io room emit.
  log(`Socket.IO: connecting ${CLIENTS} clients to the gateway`);
  const token = ((await (await fetch(`${url}/api/v1/live/token`, { method: 'POST', headers: { 'x-api-key': key } })).json()) as { token: string }).token;
  const gatewaySockets = await connectAll(`${url}/live`, { token }, 'agents');
  const buddie = await fanOut(gatewaySockets, 'AgentStateChanged', (i) => {
    void env.router.putEvents([
      { Source: 'buddie.agent-monitor', DetailType: 'AgentStateChanged', EventBusName: 'buddie', Detail: JSON.stringify(detailOf(i)) },
    ]);
  });
  gatewaySockets.forEach((s) => s.disconnect());

  log(`Socket.IO: connecting ${CLIENTS} clients to a bare socket.io server`);
  const http = createServer();
  const bareIo = new Server(http, { serveClient: false });
  bareIo.on('connection', (socket) => {
    void socket.join('agents');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const bareSockets = await connectAll(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {});
  await new Promise((r) => setTimeout(r, 200));
  const baseline = await fanOut(bareSockets, 'AgentStateChanged', (i) => bareIo.to('agents').emit('AgentStateChanged', { id: `bench-${i}`, correlationId: `b${i}`, detail: detailOf(i) }));
  bareSockets.forEach((s) => s.disconnect());
  await new Promise<void>((resolve) => bareIo.close(() => resolve()));

  const fmt = (n: number) => `${n.toFixed(1)} ms`;
  rows.push({ measure: `fan-out to ${CLIENTS} clients (events/s)`, buddie: buddie.eventsPerSecond.toFixed(0), baseline: baseline.eventsPerSecond.toFixed(0) });
  rows.push({ measure: 'fan-out deliveries/s', buddie: buddie.deliveriesPerSecond.toFixed(0), baseline: baseline.deliveriesPerSecond.toFixed(0) });
  for (const p of [50, 95, 99]) rows.push({ measure: `delivery latency p${p}`, buddie: fmt(percentile(buddie.latencies, p)), baseline: fmt(percentile(baseline.latencies, p)) });

  console.log('');
  console.log(`| measure | Buddie gateway | bare baseline |`);
  console.log(`|---|---:|---:|`);
  for (const row of rows) console.log(`| ${row.measure} | ${row.buddie} | ${row.baseline} |`);
  console.log(`\n(${EVENTS} events, one every 5 ms; Buddie's go PutEvents -> local router -> SQS -> gateway -> Socket.IO, so its latency includes the queue hop; REST ${CONCURRENCY} concurrent keep-alive clients; all on this machine: ${process.platform}, Node ${process.version})`);

  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await env.close();
  await emulators.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
