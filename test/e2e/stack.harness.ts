import { spawn, type ChildProcess } from 'node:child_process';
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

/** `buddie start` processes of a test file; `stopAll` in afterAll so a failed expectation leaves none running. */
export class StackRunner {
  private readonly started = new Set<ChildProcess>();

  constructor(
    private readonly basePort: number,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<RunningStack> {
    const stack = cli(['start', '--port', String(this.basePort)], this.env);
    this.started.add(stack);
    const out = collect(stack);
    await waitFor('buddie start', async () => {
      if (stack.exitCode !== null) throw new Error(`exited:\n${out.text()}`);
      if (!out.text().includes('Buddie is up')) throw new Error('not up yet');
    }, 150000, 500);
    return { stack, out };
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
