import { Module, type DynamicModule } from '@nestjs/common';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalName, type IngestionConfig } from '@buddie/config';
import { contactIdOf } from '@buddie/messaging';
import { ContactRepository, TABLES } from '@buddie/persistence';
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
          useFactory: (doc: DynamoDBDocumentClient) => new ContactRepository(doc, physicalName(config, TABLES.contacts.logicalName)),
          inject: [DYNAMO_DOC],
        },
        IngestionService,
        IngestionConsumer,
      ],
    };
  }
}
