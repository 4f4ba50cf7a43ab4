import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { AgentMonitorConfig } from '@buddie/config';
import { KinesisStreamConsumer } from '@buddie/messaging';
import { BUDDIE_CONFIG } from '@buddie/runtime';
import { AgentMonitorService } from './agent-monitor.service';
import { AlertRulesProvider } from './alert-rules.provider';

/** Lifecycle: rules, then the stream and the timers at boot; on SIGTERM the reverse, finishing in-flight batches. */
@Injectable()
export class AgentMonitorRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AgentMonitorRunner.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private ticking: Promise<void> | undefined;

  constructor(
    @Inject(BUDDIE_CONFIG) private readonly config: AgentMonitorConfig,
    private readonly consumer: KinesisStreamConsumer,
    private readonly service: AgentMonitorService,
    private readonly rules: AlertRulesProvider,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rules.init();
    this.service.lagMs = () => this.consumer.lagMs();
    await this.consumer.start(this.service);
    this.logger.log(`reading ${this.consumer.streamName} as ${this.consumer.workerId}; shards ${this.consumer.ownedShards().join(', ') || '(none yet)'}`);
    this.every(this.config.ALERT_TICK_MS, () => {
      if (this.ticking) return;
      this.ticking = this.service
        .tick()
        .catch((error: unknown) => this.logger.warn(`alert tick failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.ticking = undefined));
    });
    this.every(this.config.RULES_REFRESH_MS, () => void this.rules.refresh());
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.ticking;
    await this.consumer.stop();
  }

  private every(ms: number, run: () => void): void {
    const timer = setInterval(run, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
