import { monotonicMs } from '@buddie/domain';
import { runHealthChecks, type HealthCheck } from './health';

const ok = (name: string): HealthCheck => ({ name, check: async () => undefined });
const failing = (name: string, message: string): HealthCheck => ({
  name,
  check: async () => {
    throw new Error(message);
  },
});

describe('runHealthChecks', () => {
  it('given every dependency answering, then ok with each check ok', async () => {
    const report = await runHealthChecks('gateway', [ok('dynamodb'), ok('redis')], monotonicMs(), false);
    expect(report).toMatchObject({ status: 'ok', app: 'gateway', checks: { dynamodb: 'ok', redis: 'ok' } });
  });

  it('given one dependency failing, then degraded with its reason and the others still ok', async () => {
    const report = await runHealthChecks('gateway', [ok('dynamodb'), failing('redis', 'connect ECONNREFUSED')], monotonicMs(), false);
    expect(report).toMatchObject({ status: 'degraded', checks: { dynamodb: 'ok', redis: 'connect ECONNREFUSED' } });
  });

  it('given a shutdown in progress, then shutting-down even when every check is ok (load balancers stop routing)', async () => {
    expect((await runHealthChecks('gateway', [ok('dynamodb')], monotonicMs(), true)).status).toBe('shutting-down');
  });

  it('given no checks, then ok', async () => {
    expect((await runHealthChecks('ingestion', [], monotonicMs(), false)).status).toBe('ok');
  });

  it('reports uptime in whole seconds from the monotonic start reading', async () => {
    const report = await runHealthChecks('gateway', [], monotonicMs() - 90_400, false);
    expect(report.uptimeSeconds).toBe(90);
  });

  describe('with fake timers', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('given a check that never answers, then it is reported as timed out after 2 s instead of hanging /health', async () => {
      const hanging: HealthCheck = { name: 'kinesis', check: () => new Promise(() => undefined) };
      const reporting = runHealthChecks('agent-monitor', [ok('dynamodb'), hanging], monotonicMs(), false);
      await jest.advanceTimersByTimeAsync(2000);
      expect(await reporting).toMatchObject({ status: 'degraded', checks: { dynamodb: 'ok', kinesis: 'timed out' } });
    });
  });
});
