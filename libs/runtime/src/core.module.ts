import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { BuddieConfig } from '@buddie/config';
import { systemClock } from '@buddie/domain';
import { EventPublisher, type BuddieApp } from '@buddie/messaging';
import { HEALTH_CHECKS, MetricsRegistry, type HealthCheck } from '@buddie/observability';
import { createDynamoClients } from '@buddie/persistence';
import { createEventBridgeClient, createSqsClient } from './aws-clients';
import { HealthController } from './health.controller';
import { HttpExceptionFilter } from './http-exception.filter';
import { APP_NAME, BUDDIE_CONFIG, CLOCK, DYNAMO_CLIENT, DYNAMO_DOC, EVENTBRIDGE_CLIENT, SQS_CLIENT } from './tokens';

class ClientCloser implements OnApplicationShutdown {
  constructor(@Inject(DYNAMO_CLIENT) private readonly dynamo: DynamoDBClient) {}
  onApplicationShutdown(): void {
    this.dynamo.destroy();
  }
}

/**
 * What every Buddie app shares: its validated config, the AWS SDK clients (pointed at emulators or
 * AWS by config alone), the event publisher, /health and /metrics, and the global error filter.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(app: BuddieApp, config: BuddieConfig, extraHealthChecks: HealthCheck[] = []): DynamicModule {
    const dynamo = createDynamoClients(config);
    const dynamoCheck: HealthCheck = {
      name: 'dynamodb',
      check: async () => {
        await dynamo.client.send(new ListTablesCommand({ Limit: 1 }));
      },
    };
    return {
      module: CoreModule,
      controllers: [HealthController],
      providers: [
        { provide: APP_NAME, useValue: app },
        { provide: BUDDIE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: DYNAMO_CLIENT, useValue: dynamo.client },
        { provide: DYNAMO_DOC, useValue: dynamo.doc },
        { provide: SQS_CLIENT, useFactory: () => createSqsClient(config) },
        { provide: EVENTBRIDGE_CLIENT, useFactory: () => createEventBridgeClient(config) },
        {
          provide: EventPublisher,
          useFactory: (client: ReturnType<typeof createEventBridgeClient>) => new EventPublisher(client, { busName: config.EVENT_BUS_NAME }),
          inject: [EVENTBRIDGE_CLIENT],
        },
        { provide: MetricsRegistry, useValue: new MetricsRegistry() },
        { provide: HEALTH_CHECKS, useValue: [dynamoCheck, ...extraHealthChecks] },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        ClientCloser,
      ],
      exports: [APP_NAME, BUDDIE_CONFIG, CLOCK, DYNAMO_CLIENT, DYNAMO_DOC, SQS_CLIENT, EVENTBRIDGE_CLIENT, EventPublisher, MetricsRegistry, HEALTH_CHECKS],
    };
  }
}
