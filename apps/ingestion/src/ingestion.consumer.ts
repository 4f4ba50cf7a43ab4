import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import type { QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { IngestionService } from './ingestion.service';

/** Thin edge: the runner owns acks, DLQ-with-reason and retries; the service owns the decision. */
@Injectable()
export class IngestionConsumer {
  constructor(
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    private readonly ingestion: IngestionService,
  ) {}

  @SqsMessageHandler('ingestion', true)
  handle(messages: Message[]): Promise<Message[]> {
    return this.runner.run(messages, (body, message) => this.ingestion.ingestMessage(body, message.MessageId).then(() => undefined));
  }
}
