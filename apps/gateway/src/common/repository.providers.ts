import type { Provider } from '@nestjs/common';
import { physicalName, type GatewayConfig } from '@buddie/config';
import { ApiKeyRepository, ContactRepository, EscalationRepository, JourneyRepository, SalesforceSyncRepository, SummaryRepository, SyncStatusRepository, TABLES, type DynamoDoc } from '@buddie/persistence';
import { DYNAMO_DOC } from '@buddie/runtime';

/** Every table the gateway reads goes through a libs/persistence repository; this is where they are built. */
export function repositoryProviders(config: GatewayConfig): Provider[] {
  const table = (logical: string) => physicalName(config, logical);
  const make = <T>(build: (doc: DynamoDoc) => T) => ({ useFactory: build, inject: [DYNAMO_DOC] });
  return [
    { provide: ContactRepository, ...make((doc) => new ContactRepository(doc, table(TABLES.contacts.logicalName))) },
    { provide: SummaryRepository, ...make((doc) => new SummaryRepository(doc, table(TABLES.summaries.logicalName))) },
    { provide: JourneyRepository, ...make((doc) => new JourneyRepository(doc, table(TABLES.journeys.logicalName))) },
    { provide: EscalationRepository, ...make((doc) => new EscalationRepository(doc, table(TABLES.escalations.logicalName))) },
    { provide: ApiKeyRepository, ...make((doc) => new ApiKeyRepository(doc, table(TABLES.apiKeys.logicalName))) },
    {
      provide: SyncStatusRepository,
      useFactory: (contacts: ContactRepository, doc: DynamoDoc) => new SyncStatusRepository(contacts, new SalesforceSyncRepository(doc, table(TABLES.salesforceSync.logicalName))),
      inject: [ContactRepository, DYNAMO_DOC],
    },
  ];
}
