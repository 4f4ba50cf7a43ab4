import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@buddie/runtime';

export const ROOT = join(__dirname, '..', '..');

/** The buddie CLI from source, as `npx buddie` runs it. */
export function cli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['-r', join(ROOT, 'bin', 'ts-register.js'), join(ROOT, 'cli', 'main.ts'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Collected {
  text: () => string;
  exit: Promise<number | null>;
}

export function collect(child: ChildProcess): Collected {
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  return { text: () => text, exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

export interface RunningStack {
  stack: ChildProcess;
  out: Collected;
}

/** `buddie start --port B` listens on B..B+14: the gateway, the apps, the emulators, the router and the Salesforce test server (cli/local-stack.ts). */
const STACK_PORTS = 15;

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A base port whose whole range is free, below Linux's ephemeral range (32768+, where port-0 listeners such
 * as the suite's emulators and outgoing connections get theirs) and in a band of its own per jest worker, so
 * parallel stack specs never pick overlapping ranges.
 */
async function freeStackBase(): Promise<number> {
  const band = (Number(process.env.JEST_WORKER_ID ?? 1) - 1) % 5;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + band * 2400 + Math.floor(Math.random() * (2400 - STACK_PORTS));
    const ports = Array.from({ length: STACK_PORTS }, (_, i) => base + i);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return base;
  }
  throw new Error('no free range of 15 ports for buddie start between 20000 and 32000');
}

/**
 * `buddie start` processes of a test file; `stopAll` in afterAll so a failed expectation leaves none running.
 * The runner picks its ports (checked free; picked again if one is taken before the stack binds it) and keeps
 * them across restarts, so a second start finds the first one's gateway URL.
 */
export class StackRunner {
  private readonly started = new Set<ChildProcess>();
  private port: number | undefined;

  constructor(private readonly env: Record<string, string>) {}

  /** The gateway's port (the stack's base port); known once a stack has started. */
  get basePort(): number {
    if (this.port === undefined) throw new Error('no buddie start yet: the ports are picked by start()');
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.basePort}`;
  }

  async start(): Promise<RunningStack> {
    for (let attempt = 1; ; attempt++) {
      this.port ??= await freeStackBase();
      const stack = cli(['start', '--port', String(this.port)], this.env);
      this.started.add(stack);
      const out = collect(stack);
      try {
        await waitFor('buddie start', async () => {
          if (stack.exitCode !== null) throw new Error(`exited:\n${out.text()}`);
          if (!out.text().includes('Buddie is up')) throw new Error('not up yet');
        }, 150000, 500);
        return { stack, out };
      } catch (error) {
        // Another process took one of the ports between the check and the bind: new ports, once or twice.
        if (attempt >= 3 || !out.text().includes('EADDRINUSE')) throw error;
        this.port = undefined;
      }
    }
  }

  /** Ctrl-C: everything drains and stops, exit 0. */
  async stop(running: RunningStack): Promise<void> {
    running.stack.kill('SIGINT');
    expect(await running.out.exit).toBe(0);
    expect(running.out.text()).toContain('[buddie] stopped');
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.started].filter((stack) => stack.exitCode === null).map((stack) => new Promise((resolve) => stack.once('exit', resolve).kill('SIGINT'))),
    );
  }
}
