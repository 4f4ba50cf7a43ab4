import { Module, type DynamicModule } from '@nestjs/common';
import type { BuddieConfig } from '@buddie/config';
import { CoreModule } from '@buddie/runtime';

/**
 * The ivr-journey service: boots with config, AWS clients, /health and /metrics. It does not consume its
 * queue yet, so events routed to it wait there (SQS retention) until its issue lands.
 */
@Module({})
export class IvrJourneyModule {
  static forRoot(config: BuddieConfig): DynamicModule {
    return { module: IvrJourneyModule, imports: [CoreModule.forRoot('ivr-journey', config)] };
  }
}
