import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DocumentClient } from '@buddie/persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import type { SalesforceSyncConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { EventPublisher } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { CLOCK, CoreModule, DYNAMO_DOC, EventConsumerModule, SQS_CLIENT } from '@buddie/runtime';
import { SalesforceSyncEvents } from './salesforce-sync.events';
import { SalesforceSyncRuntime } from './salesforce-sync.runtime';

/** salesforce-sync: SummaryCreated -> Case, EscalationCreated/Updated -> Task, batched through sObject Collections. */
@Module({})
export class SalesforceSyncModule {
  static forRoot(config: SalesforceSyncConfig): DynamicModule {
    return {
      module: SalesforceSyncModule,
      imports: [CoreModule.forRoot('salesforce-sync', config), EventConsumerModule.forQueue('salesforce-sync', config, { batchSize: config.SQS_BATCH_SIZE, concurrency: 4 })],
      providers: [
        {
          provide: SalesforceSyncRuntime,
          useFactory: (doc: DocumentClient, sqs: SQSClient, events: EventPublisher, clock: Clock, registry: MetricsRegistry) => new SalesforceSyncRuntime(config, { doc, sqs, events, clock, registry }),
          inject: [DYNAMO_DOC, SQS_CLIENT, EventPublisher, CLOCK, MetricsRegistry],
        },
      ],
      controllers: [SalesforceSyncEvents],
    };
  }
}
