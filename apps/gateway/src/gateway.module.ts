import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { physicalName, type GatewayConfig } from '@buddie/config';
import { ContactRepository, SummaryRepository, TABLES } from '@buddie/persistence';
import { CoreModule, DYNAMO_DOC, QueueConsumerModule } from '@buddie/runtime';
import { AgentsModule } from './agents/agents.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthController } from './auth/auth.controller';
import { ContactsController } from './contacts/contacts.controller';
import { gatewayProviders } from './gateway.providers';
import { EscalationsController } from './escalations/escalations.controller';
import { JourneysController } from './journeys/journeys.controller';
import { ContactSummaryController } from './summaries/contact-summary.controller';
import { SummariesController } from './summaries/summaries.controller';
import { SyncStatusController } from './sync/sync-status.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [CoreModule.forRoot('gateway', config), QueueConsumerModule.forQueue('gateway', config), AgentsModule.forRoot(config)],
      controllers: [
        ContactsController,
        ContactSummaryController,
        AuthController,
        JourneysController,
        EscalationsController,
        SyncStatusController,
        SummariesController,
      ],
      providers: [
        ApiKeyGuard,
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        {
          provide: ContactRepository,
          useFactory: (doc: DynamoDBDocumentClient) => new ContactRepository(doc, physicalName(config, TABLES.contacts.logicalName)),
          inject: [DYNAMO_DOC],
        },
        {
          provide: SummaryRepository,
          useFactory: (doc: DynamoDBDocumentClient) => new SummaryRepository(doc, physicalName(config, TABLES.summaries.logicalName)),
          inject: [DYNAMO_DOC],
        },
        ...gatewayProviders(config),
      ],
    };
  }
}
