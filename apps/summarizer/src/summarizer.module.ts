import { Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { physicalName, transcriptsBucketName, type SummarizerConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { contactIdOf, EventPublisher } from '@buddie/messaging';
import { ContactRepository, SummaryRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import { CLOCK, CoreModule, createAwsClient, DYNAMO_DOC, EventConsumerModule } from '@buddie/runtime';
import { SummaryPipeline } from './pipeline/summary-pipeline';
import { createSummaryProvider } from './providers/summary-provider.factory';
import { SummarizerEvents } from './summarizer.events';
import { SummarizerService } from './summarizer.service';
import { PocketsphinxTranscriber } from './transcription/pocketsphinx.transcriber';
import { TranscribeJobs } from './transcription/transcribe-jobs';
import { createS3Client, S3ObjectStore } from './transcripts/s3-object.store';
import { TranscriptArchive } from './transcripts/transcript.archive';
import { TranscriptLocator } from './transcripts/transcript-locator';

class SummarizerBoot implements OnApplicationBootstrap {
  private readonly logger = new Logger('Summarizer');
  constructor(
    private readonly config: SummarizerConfig,
    private readonly store: S3ObjectStore,
    private readonly pipelineInfo: { provider: string; model: string; local: PocketsphinxTranscriber },
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Locally the bucket is ours to create (fauxqs keeps nothing across restarts); in AWS, CDK owns it.
    if (this.config.BUDDIE_MODE === 'local' || this.config.CREATE_RESOURCES) await this.store.ensureBucket(transcriptsBucketName(this.config));
    this.logger.log(`summaries by ${this.pipelineInfo.provider} (${this.pipelineInfo.model}); transcripts in s3://${transcriptsBucketName(this.config)}`);
    if (this.config.BUDDIE_MODE === 'local') {
      if (this.pipelineInfo.local.available) this.logger.log('audio recordings are transcribed locally with pocketsphinx');
      else this.logger.warn(`audio recordings cannot be transcribed locally: ${this.pipelineInfo.local.unavailableReason}. Chat and Contact Lens transcripts still work.`);
    }
  }
}

@Module({})
export class SummarizerModule {
  static forRoot(config: SummarizerConfig): DynamicModule {
    const s3 = createS3Client(config);
    const store = new S3ObjectStore(s3);
    const local = new PocketsphinxTranscriber(config.LOCAL_TRANSCRIBER === 'auto' && config.BUDDIE_MODE === 'local');
    const provider = createSummaryProvider(config, new Logger('SummaryProvider'));
    const bucket = transcriptsBucketName(config);
    return {
      module: SummarizerModule,
      imports: [CoreModule.forRoot('summarizer', config), EventConsumerModule.forQueue('summarizer', config, { batchSize: config.SQS_BATCH_SIZE, concurrency: config.SUMMARIZER_CONCURRENCY, orderKey: contactIdOf })],
      providers: [
        { provide: S3ObjectStore, useValue: store },
        {
          provide: SummaryPipeline,
          useFactory: (doc: DocumentClient, events: EventPublisher, clock: Clock) =>
            new SummaryPipeline({
              summaries: new SummaryRepository(doc, physicalName(config, TABLES.summaries.logicalName)),
              contacts: new ContactRepository(doc, physicalName(config, TABLES.contacts.logicalName)),
              events,
              locator: new TranscriptLocator(store),
              audio: store,
              archive: new TranscriptArchive(store, bucket),
              localTranscriber: local,
              transcribeJobs:
                config.BUDDIE_MODE === 'aws'
                  ? new TranscribeJobs(createAwsClient(config, 'transcribe'), {
                      kind: config.TRANSCRIBE_CALL_ANALYTICS ? 'call-analytics' : 'transcription',
                      outputBucket: bucket,
                      dataAccessRoleArn: config.TRANSCRIBE_DATA_ACCESS_ROLE_ARN,
                    })
                  : undefined,
              provider,
              clock,
              logger: new Logger('SummaryPipeline'),
              options: { keepRawTranscripts: config.KEEP_RAW_TRANSCRIPTS, maxTranscriptionAttempts: config.TRANSCRIBE_MAX_ATTEMPTS },
            }),
          inject: [DYNAMO_DOC, EventPublisher, CLOCK],
        },
        { provide: SummarizerBoot, useFactory: () => new SummarizerBoot(config, store, { provider: provider.name, model: provider.model, local }) },
        SummarizerService,
      ],
      controllers: [SummarizerEvents],
    };
  }
}
