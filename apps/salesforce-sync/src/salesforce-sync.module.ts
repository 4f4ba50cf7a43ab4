import { Module, type DynamicModule } from '@nestjs/common';
import type { BuddieConfig } from '@buddie/config';
import { CoreModule } from '@buddie/runtime';

/**
 * The salesforce-sync service: boots with config, AWS clients, /health and /metrics. It does not consume its
 * queue yet, so events routed to it wait there (SQS retention) until its issue lands.
 */
@Module({})
export class SalesforceSyncModule {
  static forRoot(config: BuddieConfig): DynamicModule {
    return { module: SalesforceSyncModule, imports: [CoreModule.forRoot('salesforce-sync', config)] };
  }
}
