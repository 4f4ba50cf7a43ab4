import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import { ApiKeyRepository, apiKeyId, apiKeyMatches, createDynamoClients, TABLES } from '@buddie/persistence';
import { LocalEventRouter } from '@buddie/messaging';
import { createSqsClient, provisionLocalResources, startEmulators, waitFor } from '@buddie/runtime';
import { runLiveCenter } from '@buddie/simulator';
import { SalesforceTestServer } from '@buddie/testing';
import { dataDir, readOrCreateDevKey, readOrCreateIngestKey, writeState } from './local-state';
import { formatLiveStatus, LiveSimulatorSink } from './simulator-live.sink';

export const APPS = ['ingestion', 'summarizer', 'agent-monitor', 'ivr-journey', 'escalation', 'salesforce-sync', 'gateway'] as const;

export interface LocalStackOptions {
  basePort: number;
  /** A living contact center feeding the system from the start; undefined = none. */
  simulator?: { agents: number; speed: number; seed: number };
}

// Compiled (npm start) this file runs from dist/cli; run from source (tests, ts-register) it is cli/.
const fromSource = __filename.endsWith('.ts');
const repoRoot = fromSource ? join(__dirname, '..') : join(__dirname, '..', '..');

function appEntry(app: string): string[] {
  return fromSource
    ? ['-r', join(repoRoot, 'bin', 'ts-register.js'), join(repoRoot, 'apps', app, 'src', 'main.ts')]
    : ['-r', join(repoRoot, 'bin', 'register-aliases.js'), join(repoRoot, 'dist', 'apps', app, 'src', 'main.js')];
}

function prefixed(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(line.startsWith(`[${name}]`) ? `${line}\n` : `[${name}] ${line}\n`));
  }
}

/**
 * Without an org configured (no SALESFORCE_INSTANCE_URL), salesforce-sync talks to the local Salesforce
 * test server, so the sync view shows real states; its records live in memory until the stack stops.
 */
async function localSalesforce(port: number, dashboardUrl: string, log: (m: string) => void, onClose: (close: () => Promise<void>) => void): Promise<Record<string, string>> {
  if (process.env.SALESFORCE_INSTANCE_URL) {
    log(`Salesforce: the org at ${process.env.SALESFORCE_INSTANCE_URL}`);
    return { BUDDIE_DASHBOARD_URL: process.env.BUDDIE_DASHBOARD_URL ?? dashboardUrl };
  }
  const server = new SalesforceTestServer();
  const url = await server.listen(port);
  onClose(() => server.close());
  log(`Salesforce: no org configured, the local Salesforce test server on ${url}`);
  return {
    SALESFORCE_AUTH_FLOW: 'client-credentials',
    SALESFORCE_INSTANCE_URL: url,
    SALESFORCE_CLIENT_ID: server.clientId,
    SALESFORCE_CLIENT_SECRET: server.clientSecret,
    BUDDIE_DASHBOARD_URL: process.env.BUDDIE_DASHBOARD_URL ?? dashboardUrl,
  };
}

/**
 * `buddie start`: emulators, resources, the local event router and every app as its own process,
 * all on this machine. Ports: gateway on basePort, apps on the next ones, emulators on basePort+10..
 * Ctrl-C stops the apps first (they drain their queues), then the router and the emulators.
 */
export async function runLocalStack(options: LocalStackOptions): Promise<void> {
  const log = (message: string) => process.stdout.write(`[buddie] ${message}\n`);
  const base = options.basePort;
  const emulators = await startEmulators({
    dataDir: join(dataDir(), 'dynamodb'),
    ports: { dynamodb: base + 10, sqs: base + 11, kinesis: base + 12 },
    log,
  });
  const children = new Map<string, ChildProcess>();
  let router: LocalEventRouter | undefined;
  let stopping = false;
  let stopSimulator: () => Promise<void> = async () => undefined;
  let closeSalesforce: () => Promise<void> = async () => undefined;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping: apps drain their queues first');
    await stopSimulator();
    await Promise.all(
      [...children.entries()].map(
        ([, child]) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 30000).unref();
          }),
      ),
    );
    await router?.close();
    await closeSalesforce();
    await emulators.stop();
    log('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    const env: Record<string, string> = {
      BUDDIE_MODE: 'local',
      AWS_REGION: 'us-east-1',
      RESOURCE_PREFIX: process.env.RESOURCE_PREFIX ?? 'buddie',
      EVENT_BUS_NAME: 'buddie',
      DYNAMODB_ENDPOINT: emulators.endpoints.dynamodb,
      SQS_ENDPOINT: emulators.endpoints.sqs,
      KINESIS_ENDPOINT: emulators.endpoints.kinesis,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const config = loadConfig(BuddieConfig, env);
    await provisionLocalResources(config);
    log('tables, queues (+DLQs) and streams are in place');
    router = new LocalEventRouter({
      sqs: createSqsClient(config),
      queueName: (queue) => physicalName(config, queue),
      buddieBusName: config.EVENT_BUS_NAME,
      region: config.AWS_REGION,
      log,
    });
    env.EVENTBRIDGE_ENDPOINT = await router.listen(base + 13);
    log(`local EventBridge router on ${env.EVENTBRIDGE_ENDPOINT}`);

    const devKey = readOrCreateDevKey(() => `bdk_${randomBytes(24).toString('base64url')}`);
    const keys = new ApiKeyRepository(createDynamoClients(config).doc, physicalName(config, TABLES.apiKeys.logicalName));
    const ingestKey = await readOrCreateIngestKey(
      async (key) => {
        const keyId = apiKeyId(key);
        const record = keyId ? await keys.get(keyId) : undefined;
        return record !== undefined && !record.revokedAt && apiKeyMatches(key, record) && record.scopes.includes('ingest');
      },
      async () => (await keys.create({ name: 'local intake (simulator, buddie replay)', scopes: ['ingest'], createdAt: new Date().toISOString() })).key,
    );
    const salesforceEnv = await localSalesforce(base + 14, `http://127.0.0.1:${base}`, log, (close) => (closeSalesforce = close));
    const apps: Record<string, string> = {};
    APPS.forEach((app, index) => {
      const port = app === 'gateway' ? base : base + index + 1;
      apps[app] = `http://127.0.0.1:${port}`;
      const child = spawn(process.execPath, appEntry(app), {
        env: { ...process.env, ...env, PORT: String(port), DEV_API_KEY: devKey, ...(app === 'salesforce-sync' ? salesforceEnv : {}), ...(app === 'gateway' ? { CORS_ORIGINS: process.env.CORS_ORIGINS ?? '', DASHBOARD_DIR: process.env.DASHBOARD_DIR ?? join(repoRoot, 'apps', 'dashboard', 'out') } : {}) },
        // The IPC channel only tells the app when this process is gone (see bootstrapService).
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      prefixed(app, child);
      child.once('exit', (code, signal) => {
        if (!stopping) {
          log(`${app} exited (${signal ?? code}); stopping everything`);
          void stop(1);
        }
      });
      children.set(app, child);
    });
    await Promise.all(
      Object.entries(apps).map(([app, url]) =>
        waitFor(`${app} /health`, async () => {
          const response = await fetch(`${url}/health`);
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
        }),
      ),
    );
    const apiUrl = apps.gateway;
    writeState({ pid: process.pid, startedAt: new Date().toISOString(), env, routerEndpoint: env.EVENTBRIDGE_ENDPOINT, apiUrl, apps, ingestKey });
    log('');
    log(`Buddie is up. REST API: ${apiUrl}/api/v1/contacts`);
    log(`  dev API key: ${devKey}   (send it as the x-api-key header; kept in ${join(dataDir(), 'dev-api-key')})`);
    log(`  try: curl -H "x-api-key: ${devKey}" ${apiUrl}/api/v1/contacts`);
    log(`  replay fixtures from another shell: npx buddie replay ../shared/fixtures/synthetic`);
    log(`  data folder: ${dataDir()}   stop with Ctrl-C`);
    if (options.simulator) {
      // Loaded again now that the router's endpoint is known: without it PutEvents would go to AWS.
      const sink = new LiveSimulatorSink(loadConfig(BuddieConfig, env), {
        onError: deliveryErrorLog(log),
      });
      const abort = new AbortController();
      const status = setInterval(() => log(formatLiveStatus(sink.status())), LIVE_STATUS_EVERY_MS);
      status.unref();
      stopSimulator = async () => {
        abort.abort();
        clearInterval(status);
        await sink.close();
        log(formatLiveStatus(sink.status()));
      };
      log(`simulator: ${options.simulator.agents} agents at ${options.simulator.speed}x real time (BUDDIE_SIMULATOR=off to disable)`);
      void runLiveCenter(sink, { ...options.simulator, signal: abort.signal }).catch((error: unknown) => log(`simulator stopped: ${error instanceof Error ? error.message : String(error)}`));
    }
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    await stop(1);
  }
}

/** How often `buddie start` prints what the live center has delivered. */
const LIVE_STATUS_EVERY_MS = 60_000;

/** Every failure is counted; the log gets each new kind of failure at once and a repeat at most every status period. */
function deliveryErrorLog(log: (message: string) => void): (error: Error) => void {
  let last = '';
  let lastAt = 0;
  return (error) => {
    if (error.message === last && Date.now() - lastAt < LIVE_STATUS_EVERY_MS) return;
    last = error.message;
    lastAt = Date.now();
    log(`simulator delivery failed: ${error.message}`);
  };
}
