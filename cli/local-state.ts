import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `buddie start` keeps DynamoDB data, the dev API key and the running stack's addresses. */
export function dataDir(): string {
  return resolve(process.env.BUDDIE_DATA_DIR ?? join(__dirname, __filename.endsWith('.ts') ? '..' : '../..', '.data'));
}

export interface LocalStackState {
  pid: number;
  startedAt: string;
  env: Record<string, string>;
  routerEndpoint: string;
  apiUrl: string;
  apps: Record<string, string>;
  /** The ingest-scoped key `buddie start` made for the simulator and `buddie replay` (POST /ingest/ctr). */
  ingestKey?: string;
}

const stateFile = () => join(dataDir(), 'local-stack.json');

export function writeState(state: LocalStackState): void {
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(stateFile(), JSON.stringify(state, null, 2));
}

/**
 * The environment for CLI commands that talk to a running system: the local stack's addresses
 * when one is running, or the caller's own environment in AWS mode (BUDDIE_MODE=aws).
 */
export function runningStackEnv(): Record<string, string | undefined> {
  if (process.env.BUDDIE_MODE === 'aws') return process.env;
  if (!existsSync(stateFile())) {
    throw new Error('No local Buddie is running: start one with `npm start` (or set BUDDIE_MODE=aws and the AWS settings to talk to AWS).');
  }
  const state = JSON.parse(readFileSync(stateFile(), 'utf8')) as LocalStackState;
  try {
    process.kill(state.pid, 0);
  } catch {
    throw new Error(`The local Buddie recorded in ${stateFile()} (pid ${state.pid}) is not running: start it with \`npm start\`.`);
  }
  return { ...state.env, ...process.env, ...state.env };
}

/**
 * The local intake key: an API key with the `ingest` scope only, stored hashed in the keys table like
 * any other; reused across restarts while it still stands, made anew when it was revoked or lost.
 */
export async function readOrCreateIngestKey(isActive: (key: string) => Promise<boolean>, create: () => Promise<string>): Promise<string> {
  const file = join(dataDir(), 'ingest-api-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (await isActive(key)) return key;
  }
  mkdirSync(dataDir(), { recursive: true });
  const key = await create();
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

export function readOrCreateDevKey(create: () => string): string {
  const file = join(dataDir(), 'dev-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir(), { recursive: true });
  const key = create();
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
