import { monotonicMs } from '@buddie/domain';

export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'shutting-down';
  app: string;
  uptimeSeconds: number;
  checks: Record<string, 'ok' | string>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** `startedAt` is a monotonicMs() reading taken when the app started. */
export async function runHealthChecks(app: string, checks: HealthCheck[], startedAt: number, shuttingDown: boolean): Promise<HealthReport> {
  const results: HealthReport['checks'] = {};
  await Promise.all(
    checks.map(async (c) => {
      try {
        await Promise.race([c.check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000))]);
        results[c.name] = 'ok';
      } catch (error) {
        results[c.name] = error instanceof Error ? error.message : String(error);
      }
    }),
  );
  const healthy = Object.values(results).every((r) => r === 'ok');
  return {
    status: shuttingDown ? 'shutting-down' : healthy ? 'ok' : 'degraded',
    app,
    uptimeSeconds: Math.round((monotonicMs() - startedAt) / 1000),
    checks: results,
  };
}
