import { Controller, Get, Header, Inject, Optional, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { HEALTH_CHECKS, MetricsRegistry, runHealthChecks, type HealthCheck } from '@buddie/observability';
import { APP_NAME } from './tokens';

interface StatusReply {
  status(code: number): { send(body: unknown): void };
}

@Controller()
export class HealthController implements BeforeApplicationShutdown {
  private readonly startedAt = Date.now();
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
  async health(@Res() reply: StatusReply): Promise<void> {
    const report = await runHealthChecks(this.app, this.checks ?? [], this.startedAt, this.shuttingDown);
    reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  metricsText(): string {
    return this.metrics.render();
  }
}
