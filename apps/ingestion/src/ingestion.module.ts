import { Module, type DynamicModule } from '@nestjs/common';
import { physicalName, type IngestionConfig } from '@buddie/config';
import { contactIdOf } from '@buddie/messaging';
import { ContactRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import { CoreModule, DYNAMO_DOC, QueueConsumerModule } from '@buddie/runtime';
import { IngestCtrController } from './ingest-ctr.controller';
import { IngestionConsumer } from './ingestion.consumer';
import { IngestionService } from './ingestion.service';

@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [CoreModule.forRoot('ingestion', config), QueueConsumerModule.forQueue('ingestion', config, { batchSize: config.SQS_BATCH_SIZE, concurrency: config.INGESTION_CONCURRENCY, orderKey: contactIdOf })],
      controllers: [IngestCtrController],
      providers: [
        {
          provide: ContactRepository,
          useFactory: (doc: DocumentClient) => new ContactRepository(doc, physicalName(config, TABLES.contacts.logicalName)),
          inject: [DYNAMO_DOC],
        },
        IngestionService,
        IngestionConsumer,
      ],
    };
  }
}
