import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { freePort, waitFor } from '@buddie/runtime';

const APPS = ['ingestion', 'summarizer', 'agent-monitor', 'ivr-journey', 'escalation', 'salesforce-sync', 'gateway'];
const root = join(__dirname, '..', '..');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function launch(app: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['-r', join(root, 'bin', 'ts-register.js'), join(root, 'apps', app, 'src', 'main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('every service as its own process', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment({ DEV_API_KEY: 'lifecycle-key' });
  });
  afterAll(() => env.close());

  it.each(APPS)('%s boots, answers /health with its dependencies checked, and exits 0 on SIGTERM', async (app) => {
    const port = await freePort();
    const running = launch(app, { ...env.env, PORT: String(port), LOG_LEVEL: 'log' });
    try {
      await waitFor(`${app} /health`, async () => {
        if (running.child.exitCode !== null) throw new Error(`exited early:\n${running.output()}`);
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      }, 45000);
      const report = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string; app: string; checks: Record<string, string> };
      expect(report).toMatchObject({ status: 'ok', app, checks: { dynamodb: 'ok' } });
      // Metrics need a key unless METRICS_PUBLIC says otherwise; every service sends security headers.
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { 'x-api-key': 'lifecycle-key' } });
      expect(await metrics.text()).toMatch(/^# (HELP|TYPE)|^$/m);
      expect(metrics.headers.get('x-content-type-options')).toBe('nosniff');
      expect(metrics.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  }, 90000);

  it('refuses to boot with invalid configuration and names every bad variable', async () => {
    const running = launch('ingestion', { ...env.env, PORT: 'eighty', AWS_REGION: 'moon', SQS_ENDPOINT: 'nope' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('Invalid configuration');
    for (const name of ['PORT', 'AWS_REGION', 'SQS_ENDPOINT']) expect(running.output()).toContain(name);
  });
});
