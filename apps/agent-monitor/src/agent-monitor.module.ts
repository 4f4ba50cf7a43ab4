import { Module, type DynamicModule } from '@nestjs/common';
import type { BuddieConfig } from '@buddie/config';
import { CoreModule } from '@buddie/runtime';

/**
 * The agent-monitor service: boots with config, AWS clients, /health and /metrics. It does not consume its
 * queue yet, so events routed to it wait there (SQS retention) until its issue lands.
 */
@Module({})
export class AgentMonitorModule {
  static forRoot(config: BuddieConfig): DynamicModule {
    return { module: AgentMonitorModule, imports: [CoreModule.forRoot('agent-monitor', config)] };
  }
}
