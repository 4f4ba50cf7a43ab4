import type { SQSClient } from '@aws-sdk/client-sqs';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { physicalName, type IvrJourneyConfig } from '@buddie/config';
import { KinesisStreamConsumer, resolveQueueUrls, STREAMS } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { CheckpointRepository, ContactRepository, JourneyInputRepository, JourneyRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import { CoreModule, countAwsRequests, createAwsClient, createKinesisClient, DYNAMO_DOC, EventConsumerModule, SQS_CLIENT } from '@buddie/runtime';
import { JOURNEY_CONFIG, JourneyAssemblyService } from './assembly/journey-assembly.service';
import { IvrJourneyEvents } from './ivr-journey.events';
import { IvrJourneyRunner } from './ivr-journey.runner';
import { loadJourneyConfig } from './journey-config.provider';
import { FlowLogDeadLetters } from './sources/flow-log-dead-letters';
import { FlowLogSearchAdapter } from './sources/flow-log-search.adapter';
import { FlowLogConsumer } from './sources/flow-log.consumer';

export function flowLogsStreamName(config: IvrJourneyConfig): string {
  return config.FLOW_LOGS_STREAM ?? physicalName(config, STREAMS.flowLogs.logicalName);
}

const repository = <T>(make: (doc: DocumentClient) => T) => ({ useFactory: make, inject: [DYNAMO_DOC] });

/** The ivr-journey service: flow-log stream + ContactCompleted -> journeys (stored, JourneyRecorded / JourneyFailed). */
@Module({})
export class IvrJourneyModule {
  static forRoot(config: IvrJourneyConfig): DynamicModule {
    const table = (logical: string) => physicalName(config, logical);
    const journeyConfig = loadJourneyConfig(config);
    return {
      module: IvrJourneyModule,
      imports: [CoreModule.forRoot('ivr-journey', config), EventConsumerModule.forQueue('ivr-journey', config)],
      providers: [
        { provide: JOURNEY_CONFIG, useValue: journeyConfig },
        { provide: JourneyRepository, ...repository((doc) => new JourneyRepository(doc, table(TABLES.journeys.logicalName))) },
        { provide: JourneyInputRepository, ...repository((doc) => new JourneyInputRepository(doc, table(TABLES.journeyInputs.logicalName), config.JOURNEY_INPUT_RETENTION_DAYS)) },
        { provide: ContactRepository, ...repository((doc) => new ContactRepository(doc, table(TABLES.contacts.logicalName))) },
        { provide: CheckpointRepository, ...repository((doc) => new CheckpointRepository(doc, table(TABLES.checkpoints.logicalName))) },
        {
          // Only in AWS, and only when the log group is named: locally the subscription stream is the one source.
          provide: FlowLogSearchAdapter,
          useFactory: () => (config.FLOW_LOG_GROUP ? new FlowLogSearchAdapter(createAwsClient(config, 'logs'), { logGroupName: config.FLOW_LOG_GROUP }) : null),
        },
        {
          provide: FlowLogDeadLetters,
          useFactory: (sqs: SQSClient) => {
            let url: Promise<string> | undefined;
            return new FlowLogDeadLetters(sqs, () => (url ??= resolveQueueUrls(sqs, (l) => physicalName(config, l), 'ivr-journey').then((u) => u.dlqUrl)), flowLogsStreamName(config));
          },
          inject: [SQS_CLIENT],
        },
        {
          provide: KinesisStreamConsumer,
          useFactory: (checkpoints: CheckpointRepository, metrics: MetricsRegistry) =>
            new KinesisStreamConsumer(countAwsRequests(createKinesisClient(config), 'kinesis', metrics), checkpoints, {
              streamName: flowLogsStreamName(config),
              workerId: config.WORKER_ID,
              leaseMs: config.KINESIS_LEASE_MS,
              idlePollMs: config.KINESIS_IDLE_POLL_MS,
              batchLimit: config.KINESIS_BATCH_LIMIT,
              checkpointEveryMs: config.KINESIS_CHECKPOINT_MS,
              logger: new Logger(KinesisStreamConsumer.name),
              onThrottle: (shardId) => metrics.increment('buddie_kinesis_throttled_total', { shardId }),
            }),
          inject: [CheckpointRepository, MetricsRegistry],
        },
        JourneyAssemblyService,
        FlowLogConsumer,
        IvrJourneyRunner,
      ],
      controllers: [IvrJourneyEvents],
      exports: [JourneyAssemblyService, KinesisStreamConsumer, JourneyRepository],
    };
  }
}
