/**
 * Agent-monitor benchmark: a simulated shift of N agents (default 2,000, first hour) through kinesalite, the real
 * agent-monitor app (DynamoDB Local writes, PutEvents to the local router) and back out, reporting
 *   - paced replay at S x real time (default 20), after a warm-up on another shift's records: whether it
 *     keeps up, events/s, and the latency from a record's arrival in Kinesis to its AgentStateChanged
 *     being published (p50/p95/p99; per 10 s with --timeline);
 *   - catch-up: the whole shift preloaded, then drained as fast as the monitor can (max events/s);
 *   - the raw emulator read rate (GetRecords only) over the same stream, measured in the same run;
 *   - the pure state machine alone (evolveAgent + evaluateAlerts), events/s;
 *   - memory: peak RSS of the agent-monitor process.
 * The app runs as its own process from source (node -r bin/ts-register.js apps/agent-monitor/src/main.ts),
 * exactly as `buddie start` runs it, with EventBridge pointed at a recording PutEvents endpoint.
 *   npm run bench:agent-monitor [-- --agents 2000 --hours 1 --speed 20 --batch-limit 10000 --handle-target-ms 200 --skip-catchup --cpu-prof DIR --timeline --warmup 20000]
 */
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ALERT_RULES, agentIdFromArn, evaluateAlerts, evolveAgent, type AgentAlert, type AgentEventInput, type AgentView } from '@buddie/domain';
import { STREAMS } from '@buddie/messaging';
import { createKinesisClient, freePort, startEmulators } from '@buddie/runtime';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { percentile, simulatedShift, type SyntheticShift } from './lib/agent-shift';
import { PutEventsSink } from './lib/put-events-sink';

const ROOT = path.resolve(__dirname, '..');

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const AGENTS = arg('agents', 2000);
/** Simulated hours of the day to replay (the first hour holds the login burst, the busiest minutes). */
const HOURS = arg('hours', 1);
const SPEED = arg('speed', 20);
/** KINESIS_BATCH_LIMIT of the monitor (GetRecords Limit); the app's default is 10000. */
const BATCH_LIMIT = arg('batch-limit', 10000);
/** KINESIS_HANDLE_TARGET_MS of the monitor (time bound of a slice; 0 = count only, the former behaviour). */
const HANDLE_TARGET_MS = arg('handle-target-ms', 200);
const SKIP_CATCHUP = process.argv.includes('--skip-catchup');
/** Write a V8 CPU profile of each agent-monitor process into this folder (open it in Chrome DevTools). */
const CPU_PROF_DIR = process.argv.includes('--cpu-prof') ? process.argv[process.argv.indexOf('--cpu-prof') + 1] : undefined;
/** Print the paced phase's latency per 10 s of wall time (offered events, p50, p99), to see where a tail comes from. */
const TIMELINE = process.argv.includes('--timeline');
const TIMELINE_BUCKET_MS = 10_000;
/**
 * Records of another shift (seed 8, its agents renamed) the paced monitor handles before the measured
 * replay, so the JIT of the monitor, DynamoDB Local and kinesalite is warm as in a deployment that has
 * been running; `--warmup 0` measures from a cold start.
 */
const WARMUP_EVENTS = arg('warmup', 20000);

interface MemoryPeak {
  rssMb: number;
}

/** Samples the child's resident set from /proc (Linux), so emulators in this process do not count. */
function watchMemory(pid: number): { peak: MemoryPeak; stop(): void } {
  const peak = { rssMb: 0 };
  const sample = () => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) peak.rssMb = Math.max(peak.rssMb, Number(kb) / 1024);
    } catch {
      // The process has exited.
    }
  };
  const timer = setInterval(sample, 250);
  sample();
  return { peak, stop: () => clearInterval(timer) };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    // After the command name: utime and stime are the 12th and 13th fields.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The monitor's AWS commands so far, by "service operation" (buddie_aws_requests_total). */
function awsRequestsFrom(metrics: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of metrics.matchAll(/^buddie_aws_requests_total\{operation="([^"]+)",service="([^"]+)"\} (\d+)/gm)) {
    counts.set(`${match[2]} ${match[1]}`, Number(match[3]));
  }
  return counts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function putAll(kinesis: KinesisClient, stream: string, events: readonly AgentEventInput[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    let records = chunk.map((event) => ({ PartitionKey: event.AgentARN, Data: Buffer.from(JSON.stringify(event)) }));
    // PutRecords is partial on throttling: resend only the failed entries, in order.
    for (let attempt = 0; records.length > 0; attempt++) {
      const result = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
      if (!result.FailedRecordCount) break;
      records = records.filter((_, index) => result.Records?.[index]?.ErrorCode);
      await sleep(50 * 2 ** Math.min(attempt, 5));
    }
  }
}

interface Monitor {
  child: ChildProcess;
  sink: PutEventsSink;
  processed(): Promise<number>;
  awsRequests(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

async function startMonitor(env: TestEnvironment): Promise<Monitor> {
  const sink = new PutEventsSink();
  const eventBridge = await sink.listen();
  const port = await freePort();
  // The timer is off: the shift's timestamps are in the past, so wall-clock 'stale' would fire for everyone.
  const profile = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [];
  const child = spawn(process.execPath, [...profile, '-r', './bin/ts-register.js', 'apps/agent-monitor/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env.env,
      EVENTBRIDGE_ENDPOINT: eventBridge,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The bench reads its progress from /metrics, which is deny-by-default (an API key) unless this is set.
      METRICS_PUBLIC: 'true',
      ALERT_TICK_MS: '600000',
      KINESIS_IDLE_POLL_MS: '50',
      KINESIS_BATCH_LIMIT: String(BATCH_LIMIT),
      KINESIS_HANDLE_TARGET_MS: String(HANDLE_TARGET_MS),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const metrics = async (): Promise<string> => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    // A refused scrape must not read as '0 processed' (a wait that never ends).
    if (!response.ok) throw new Error(`GET /metrics answered ${response.status}: ${await response.text()}`);
    return response.text();
  };
  for (let i = 0; ; i++) {
    try {
      await metrics();
      break;
    } catch (error) {
      if (i > 600 || child.exitCode !== null) throw new Error(`agent-monitor did not start: ${String(error)}`);
      await sleep(100);
    }
  }
  return {
    child,
    sink,
    processed: async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`agent-monitor exited (${child.exitCode ?? child.signalCode}) during the run`);
      return processedFrom(await metrics());
    },
    awsRequests: async () => awsRequestsFrom(await metrics()),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await sink.close();
    },
  };
}

function processedFrom(metrics: string): number {
  return Number(/^buddie_agent_events_processed_total(?:\{\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
}

async function waitProcessed(monitor: Monitor, total: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while ((await monitor.processed()) < total && Date.now() < deadline) await sleep(100);
  return Date.now();
}

async function rawReadRate(kinesis: KinesisClient, stream: string): Promise<{ records: number; perSecond: number }> {
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards ?? [];
  const started = Date.now();
  let records = 0;
  for (const shard of shards) {
    let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
      records += page.Records?.length ?? 0;
      if ((page.Records?.length ?? 0) === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return { records, perSecond: records / ((Date.now() - started) / 1000) };
}

function pureStateMachine(shift: SyntheticShift): { perSecond: number; alerts: number } {
  const views = new Map<string, AgentView>();
  const open = new Map<string, AgentAlert[]>();
  let alerts = 0;
  const started = process.hrtime.bigint();
  for (const event of shift.events) {
    const agentId = agentIdFromArn(event.AgentARN);
    const evolution = evolveAgent(views.get(agentId), event);
    views.set(agentId, evolution.view);
    const current = open.get(agentId) ?? [];
    const result = evaluateAlerts(evolution.view, DEFAULT_ALERT_RULES, current, new Date(evolution.view.lastEventAt));
    if (result.raise.length + result.update.length + result.clear.length > 0) {
      const replaced = new Set([...result.update, ...result.clear].map((a) => a.id));
      open.set(agentId, [...current.filter((a) => !replaced.has(a.id)), ...result.update, ...result.raise]);
      alerts += result.raise.length;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: shift.events.length / seconds, alerts };
}

/**
 * Events per second of the busiest simulated minute (real time). The span ends with a sparse tail
 * (agents logging off), so the average over the span is well below what the monitor meets in the hour.
 */
function busiestMinute(shift: SyntheticShift): number {
  const start = Date.parse(shift.events[0].EventTimestamp);
  const perMinute = new Map<number, number>();
  for (const event of shift.events) {
    const minute = Math.floor((Date.parse(event.EventTimestamp) - start) / 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  return Math.max(...perMinute.values()) / 60;
}

function evolveOnly(shift: SyntheticShift): number {
  const views = new Map<string, AgentView>();
  const started = process.hrtime.bigint();
  for (const event of shift.events) {
    const agentId = agentIdFromArn(event.AgentARN);
    views.set(agentId, evolveAgent(views.get(agentId), event).view);
  }
  return shift.events.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

function streamOf(env: TestEnvironment): string {
  return env.physical(STREAMS.agentEvents.logicalName);
}

/** Streams the start of another shift, with its own agents and event ids, and waits until the monitor has handled it. */
async function warmUp(monitor: Monitor, kinesis: KinesisClient, stream: string): Promise<number> {
  if (WARMUP_EVENTS <= 0) return 0;
  const other = await simulatedShift(AGENTS, HOURS, 8);
  const events = other.events.slice(0, WARMUP_EVENTS).map((event) => ({ ...event, AgentARN: event.AgentARN.replace('/agent/', '/agent/warmup-'), EventId: `warmup-${event.EventId}` }));
  await putAll(kinesis, stream, events);
  await waitProcessed(monitor, events.length, 300_000);
  return events.length;
}

async function pacedReplay(shift: SyntheticShift, env: TestEnvironment, kinesis: KinesisClient, dynamoDbPid: number | undefined) {
  const stream = streamOf(env);
  const monitor = await startMonitor(env);
  const warmed = await warmUp(monitor, kinesis, stream);
  const memory = watchMemory(monitor.child.pid as number);
  const requestsBefore = await monitor.awsRequests();
  const cpuBefore = { monitor: cpuSeconds(monitor.child.pid), dynamo: cpuSeconds(dynamoDbPid), bench: process.cpuUsage() };
  const putAt = new Map<string, number>();
  const simStart = Date.parse(shift.events[0].EventTimestamp);
  const wallStart = Date.now();
  let next = 0;
  while (next < shift.events.length) {
    const dueSim = simStart + (Date.now() - wallStart) * SPEED;
    let end = next;
    while (end < shift.events.length && Date.parse(shift.events[end].EventTimestamp) <= dueSim) end++;
    if (end > next) {
      const batch = shift.events.slice(next, end);
      const before = Date.now();
      await putAll(kinesis, stream, batch);
      // Latency counts from the moment the record was being written to the stream.
      for (const event of batch) putAt.set(event.EventId, before);
    }
    next = end;
    await sleep(50);
  }
  const writesDone = Date.now();
  const finished = await waitProcessed(monitor, warmed + shift.events.length, 120_000);
  memory.stop();
  const benchCpu = process.cpuUsage(cpuBefore.bench);
  const cpu = {
    monitor: cpuSeconds(monitor.child.pid) - cpuBefore.monitor,
    dynamo: cpuSeconds(dynamoDbPid) - cpuBefore.dynamo,
    // kinesalite, the PutEvents sink and the pacing loop all run in this process.
    bench: (benchCpu.user + benchCpu.system) / 1e6,
  };
  const requestsAfter = await monitor.awsRequests();
  const requests = new Map([...requestsAfter].map(([name, n]) => [name, n - (requestsBefore.get(name) ?? 0)] as const).filter(([, n]) => n > 0));
  const processed = (await monitor.processed()) - warmed;
  await sleep(500);
  const published = monitor.sink.received.filter((event) => event.detailType === 'AgentStateChanged' && event.correlationId !== undefined && putAt.has(event.correlationId));
  const latencyOf = (event: (typeof published)[number]) => event.receivedAt - (putAt.get(event.correlationId as string) as number);
  const latencies = published.map(latencyOf).sort((a, b) => a - b);
  await monitor.stop();
  if (TIMELINE) printTimeline(published.map((event) => ({ putAt: putAt.get(event.correlationId as string) as number, latency: latencyOf(event) })), [...putAt.values()], wallStart);
  return {
    processed,
    offeredPerSecond: (shift.events.length / (shift.spanMs / 1000)) * SPEED,
    perSecond: processed / ((finished - wallStart) / 1000),
    drainAfterLastWriteMs: finished - writesDone,
    latencies,
    memory: memory.peak,
    stream,
    cpu,
    requests,
    warmed,
  };
}

/** Latency per 10 s of wall time, by when the record was put: offered records, AgentStateChanged p50 / p99. */
function printTimeline(samples: readonly { putAt: number; latency: number }[], puts: readonly number[], wallStart: number): void {
  const bucket = (at: number) => Math.floor((at - wallStart) / TIMELINE_BUCKET_MS);
  const offered = new Map<number, number>();
  for (const at of puts) offered.set(bucket(at), (offered.get(bucket(at)) ?? 0) + 1);
  const latencies = new Map<number, number[]>();
  for (const sample of samples) {
    const list = latencies.get(bucket(sample.putAt));
    if (list) list.push(sample.latency);
    else latencies.set(bucket(sample.putAt), [sample.latency]);
  }
  console.log(`\npaced timeline (${TIMELINE_BUCKET_MS / 1000} s buckets by put time): second, offered events/s, AgentStateChanged p50 / p99 ms`);
  for (const [at, count] of [...offered].sort(([a], [b]) => a - b)) {
    const sorted = (latencies.get(at) ?? []).sort((a, b) => a - b);
    console.log(`  ${String(at * (TIMELINE_BUCKET_MS / 1000)).padStart(4)}  ${fmt(count / (TIMELINE_BUCKET_MS / 1000)).padStart(5)}  ${fmt(percentile(sorted, 50)).padStart(7)} / ${fmt(percentile(sorted, 99))}`);
  }
}

async function catchUp(shift: SyntheticShift, env: TestEnvironment, kinesis: KinesisClient) {
  await putAll(kinesis, streamOf(env), shift.events);
  const monitor = await startMonitor(env);
  const memory = watchMemory(monitor.child.pid as number);
  // Timed from the first batch, not from the process boot.
  while ((await monitor.processed()) === 0) await sleep(20);
  const started = Date.now();
  const first = await monitor.processed();
  const finished = await waitProcessed(monitor, shift.events.length, 600_000);
  memory.stop();
  const processed = await monitor.processed();
  await monitor.stop();
  return { processed, perSecond: (processed - first) / ((finished - started) / 1000), seconds: (finished - started) / 1000, memory: memory.peak };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');

const loadAtStart = os.loadavg()[0];

async function main(): Promise<void> {
  const emulators = await startEmulators();
  // DynamoDB Local is a child JVM: take it down on Ctrl-C too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void emulators.stop().finally(() => process.exit(130)));
  process.env.BUDDIE_TEST_DYNAMODB_ENDPOINT = emulators.endpoints.dynamodb;
  process.env.BUDDIE_TEST_SQS_ENDPOINT = emulators.endpoints.sqs;
  process.env.BUDDIE_TEST_KINESIS_ENDPOINT = emulators.endpoints.kinesis;
  const environments: TestEnvironment[] = [];
  try {
    const shift = await simulatedShift(AGENTS, HOURS);
    const realPerSecond = shift.events.length / (shift.spanMs / 1000);
    const busiest = busiestMinute(shift);
    console.log(`shift (simulator, seed 7): ${fmt(AGENTS)} agents, ${fmt(shift.events.length)} events (${fmt(shift.heartbeats)} heartbeats) over ${fmt(shift.spanMs / 60000, 1)} simulated minutes (${fmt(realPerSecond, 1)} events/s in real time)`);

    // Twice: the first pass warms the JIT up, the second is the measurement.
    pureStateMachine(shift);
    const pure = pureStateMachine(shift);
    if (process.argv.includes('--pure-only')) {
      console.log(`pure state machine (evolve + evaluate): ${fmt(pure.perSecond)} events/s, evolve only: ${fmt(evolveOnly(shift))} events/s`);
      return;
    }

    const pacedEnv = await createTestEnvironment({ LOG_LEVEL: 'warn' });
    environments.push(pacedEnv);
    const kinesis = createKinesisClient(pacedEnv.config);
    console.log(`paced replay at ${SPEED}x real time ...`);
    const paced = await pacedReplay(shift, pacedEnv, kinesis, emulators.dynamoDbPid);
    const raw = await rawReadRate(kinesis, paced.stream);

    let catchup: Awaited<ReturnType<typeof catchUp>> | undefined;
    if (!SKIP_CATCHUP) {
      const catchEnv = await createTestEnvironment({ LOG_LEVEL: 'warn' });
      environments.push(catchEnv);
      console.log('catch-up: whole shift preloaded, drained as fast as possible ...');
      catchup = await catchUp(shift, catchEnv, kinesis);
    }

    // Keeping up means no backlog builds during the replay, not just that it drains in the end.
    const keptUp = paced.processed === shift.events.length && paced.drainAfterLastWriteMs < 5000 && percentile(paced.latencies, 95) < 5000;
    const rows: [string, string][] = [
      ['agents / events', `${fmt(AGENTS)} / ${fmt(shift.events.length)}`],
      ['monitor KINESIS_BATCH_LIMIT', fmt(BATCH_LIMIT)],
      ['monitor KINESIS_HANDLE_TARGET_MS', HANDLE_TARGET_MS > 0 ? fmt(HANDLE_TARGET_MS) : '0 (slices bounded by count only)'],
      ['paced warm-up (records of another shift handled first)', paced.warmed > 0 ? fmt(paced.warmed) : 'none (cold start)'],
      ['machine load average (1 min) at start / end', `${fmt(loadAtStart, 1)} / ${fmt(os.loadavg()[0], 1)}`],
      [`paced ${SPEED}x: offered events/s`, `${fmt(paced.offeredPerSecond, 1)} over the whole span; ${fmt(busiest * SPEED, 0)} in the busiest simulated minute`],
      [`paced ${SPEED}x: processed events/s`, fmt(paced.perSecond, 1)],
      [`paced ${SPEED}x: kept up`, `${keptUp ? 'yes' : 'NO'} (all processed ${fmt(paced.drainAfterLastWriteMs)} ms after the last write; p95 latency under 5 s required)`],
      ['event -> AgentStateChanged published p50 (ms)', fmt(percentile(paced.latencies, 50))],
      ['event -> AgentStateChanged published p95 (ms)', fmt(percentile(paced.latencies, 95))],
      ['event -> AgentStateChanged published p99 (ms)', fmt(percentile(paced.latencies, 99))],
      ['AgentStateChanged published', fmt(paced.latencies.length)],
      [
        `paced ${SPEED}x: CPU ms per event`,
        `monitor ${fmt((paced.cpu.monitor * 1000) / paced.processed, 2)}, DynamoDB Local ${fmt((paced.cpu.dynamo * 1000) / paced.processed, 2)}, bench process (kinesalite, PutEvents sink) ${fmt((paced.cpu.bench * 1000) / paced.processed, 2)}`,
      ],
      [`paced ${SPEED}x: monitor AWS requests per 1,000 events`, [...paced.requests].sort(([, a], [, b]) => b - a).map(([name, n]) => `${name} ${fmt((n * 1000) / paced.processed, 1)}`).join(', ')],
      ['catch-up: processed events/s (max)', catchup ? `${fmt(catchup.perSecond, 1)} (${fmt(catchup.seconds, 1)} s)` : 'skipped'],
      ['raw emulator read rate (GetRecords) events/s', fmt(raw.perSecond, 0)],
      ['pure state machine (evolve + evaluate) events/s', fmt(pure.perSecond, 0)],
      ['pure state machine (evolve only) events/s', fmt(evolveOnly(shift), 0)],
      ['agent-monitor peak RSS (MB), paced', fmt(paced.memory.rssMb)],
      ['agent-monitor peak RSS (MB), catch-up', catchup ? fmt(catchup.memory.rssMb) : 'skipped'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log('\nagent-monitor benchmark');
    for (const [key, value] of rows) console.log(`  ${key.padEnd(width)}  ${value}`);
    console.log(`\ntargets: keeps up at 20x for 2,000 agents: ${SPEED >= 20 && AGENTS >= 2000 ? (keptUp ? 'met' : 'NOT met') : 'n/a (other settings)'}; pure state machine > 50,000 events/s: ${pure.perSecond > 50_000 ? 'met' : 'NOT met'}`);
    kinesis.destroy();
  } finally {
    for (const env of environments) await env.close();
    await emulators.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
