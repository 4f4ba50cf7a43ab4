import { Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import type { GatewayConfig } from '@buddie/config';
import { CoreModule, EventConsumerModule } from '@buddie/runtime';
import { AgentsModule } from './agents/agents.module';
import { AuthController } from './auth/auth.controller';
import { ContactTranscriptController } from './contacts/contact-transcript.controller';
import { ContactsController } from './contacts/contacts.controller';
import { gatewayProviders } from './gateway.providers';
import { EscalationsController } from './escalations/escalations.controller';
import { JourneysController } from './journeys/journeys.controller';
import { LiveEvents } from './live/live.events';
import { ContactSummaryController } from './summaries/contact-summary.controller';
import { SummariesController } from './summaries/summaries.controller';
import { SyncStatusController } from './sync/sync-status.controller';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [CoreModule.forRoot('gateway', config), EventConsumerModule.forQueue('gateway', config), AgentsModule.forRoot(config)],
      controllers: [
        ContactsController,
        ContactSummaryController,
        ContactTranscriptController,
        AuthController,
        JourneysController,
        EscalationsController,
        SyncStatusController,
        SummariesController,
        LiveEvents,
      ],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        ...gatewayProviders(config),
      ],
    };
  }
}
