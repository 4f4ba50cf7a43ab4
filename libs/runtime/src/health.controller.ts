import { Controller, Get, Header, Inject, Optional, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { monotonicMs } from '@buddie/domain';
import { HEALTH_CHECKS, MetricsRegistry, runHealthChecks, type HealthCheck } from '@buddie/observability';
import { Public } from './auth/auth.decorators';
import { APP_NAME } from './tokens';

interface StatusReply {
  status(code: number): { send(body: unknown): void };
}

@Controller()
export class HealthController implements BeforeApplicationShutdown {
  private readonly startedAt = monotonicMs();
  private shuttingDown = false;

  constructor(
    @Inject(APP_NAME) private readonly app: string,
    private readonly metrics: MetricsRegistry,
    @Optional() @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[] = [],
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  /** 200 when every dependency answers; 503 while degraded or draining, so load balancers stop routing. */
  @Get('health')
  @Public()
  async health(@Res() reply: StatusReply): Promise<void> {
    const report = await runHealthChecks(this.app, this.checks ?? [], this.startedAt, this.shuttingDown);
    reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }

  /** Counters name no keys or contacts, but they describe the system: public only where METRICS_PUBLIC says so. */
  @Get('metrics')
  @Public((config) => config.METRICS_PUBLIC)
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): string {
    return this.metrics.render();
  }
}
