import type { SQSClient } from '@aws-sdk/client-sqs';
import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule } from '@nestjs/common';
import { SqsModule, SqsService } from '@ssut/nestjs-sqs';
import { physicalName, type BuddieConfig } from '@buddie/config';
import { monotonicMs } from '@buddie/domain';
import { QueueBatchRunner, resolveQueueUrls, type BatchRunnerOptions, type ConsumerQueue, type QueueUrls } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { BUDDIE_CONFIG, QUEUE_RUNNER, SQS_CLIENT } from './tokens';

export interface QueueConsumerOptions extends BatchRunnerOptions {
  batchSize?: number;
}

@Injectable()
class ConsumerDrainer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ConsumerDrainer');

  constructor(
    private readonly sqsService: SqsService,
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    @Inject(BUDDIE_CONFIG) private readonly config: BuddieConfig,
  ) {}

  /** Graceful shutdown (DESIGN.md 6): stop polling, let in-flight batches finish and be acknowledged. */
  async beforeApplicationShutdown(): Promise<void> {
    const consumers = [...this.sqsService.consumers.values()].map((c) => c.instance);
    consumers.forEach((consumer) => consumer.stop({ abort: false }));
    const deadline = monotonicMs() + this.config.SHUTDOWN_TIMEOUT_MS;
    const settled = (async () => {
      await this.runner.whenIdle();
      // The batch's delete call runs right after the handler; give it a moment before cutting the
      // long poll short (a message received by an aborted poll simply becomes visible again).
      const graceEnd = Math.min(deadline, monotonicMs() + 1000);
      while (consumers.some((c) => c.status.isPolling) && monotonicMs() < graceEnd) await new Promise((r) => setTimeout(r, 25));
      consumers.filter((c) => c.status.isPolling).forEach((c) => c.abortController.abort());
    })();
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, this.config.SHUTDOWN_TIMEOUT_MS).unref())]);
    this.logger.log(`drained: ${JSON.stringify(this.runner.counters)}`);
  }
}

/**
 * Wires one app's SQS queue through @ssut/nestjs-sqs: long polling, batch receive and batch delete,
 * visibility heartbeats for long work, and the shared QueueBatchRunner for DLQ-with-reason handling.
 * The app's consumer class only decorates a method with @SqsMessageHandler(queue, true).
 */
@Module({})
export class QueueConsumerModule {
  static forQueue(queue: ConsumerQueue, config: BuddieConfig, options: QueueConsumerOptions = {}): DynamicModule {
    let urls: Promise<QueueUrls> | undefined;
    const queueUrls = (sqs: SQSClient) => (urls ??= resolveQueueUrls(sqs, (l) => physicalName(config, l), queue));
    return {
      module: QueueConsumerModule,
      imports: [
        SqsModule.registerAsync({
          useFactory: async (sqs: SQSClient) => {
            const { queueUrl } = await queueUrls(sqs);
            const visibilityTimeout = config.VISIBILITY_TIMEOUT_SECONDS;
            return {
              consumers: [
                {
                  name: queue,
                  queueUrl,
                  sqs,
                  batchSize: options.batchSize ?? 10,
                  waitTimeSeconds: config.SQS_WAIT_TIME_SECONDS,
                  visibilityTimeout,
                  // Extends visibility while a batch is still being worked on, well before it would expire.
                  heartbeatInterval: Math.max(1, Math.floor(visibilityTimeout / 3)),
                  messageSystemAttributeNames: ['ApproximateReceiveCount'],
                  messageAttributeNames: ['All'],
                  pollingCompleteWaitTimeMs: config.SHUTDOWN_TIMEOUT_MS,
                },
              ],
              logger: new Logger(`sqs:${queue}`),
            };
          },
          inject: [SQS_CLIENT],
        }),
      ],
      providers: [
        {
          provide: QUEUE_RUNNER,
          useFactory: async (sqs: SQSClient, metrics: MetricsRegistry) => {
            const { dlqUrl } = await queueUrls(sqs);
            const runner = new QueueBatchRunner(sqs, { name: queue, dlqUrl }, new Logger(`queue:${queue}`), undefined, {
              concurrency: options.concurrency,
              orderKey: options.orderKey,
            });
            metrics.gauge(`buddie_queue_processed_total`, () => runner.counters.processed, `messages processed from ${queue}`);
            metrics.gauge(`buddie_queue_rejected_total`, () => runner.counters.rejected, `messages rejected to the ${queue} DLQ`);
            metrics.gauge(`buddie_queue_failed_total`, () => runner.counters.failed, `transient failures on ${queue}`);
            return runner;
          },
          inject: [SQS_CLIENT, MetricsRegistry],
        },
        ConsumerDrainer,
      ],
      exports: [QUEUE_RUNNER],
    };
  }
}
