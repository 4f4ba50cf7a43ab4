import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import type { QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { SummarizerService } from './summarizer.service';

/** Thin edge: the runner owns acks, DLQ-with-reason and retries; the service owns the decisions. */
@Injectable()
export class SummarizerConsumer {
  constructor(
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    private readonly summarizer: SummarizerService,
  ) {}

  @SqsMessageHandler('summarizer', true)
  handle(messages: Message[]): Promise<Message[]> {
    return this.runner.run(messages, (body, message) => this.summarizer.handleMessage(body, message.MessageId).then(() => undefined));
  }
}
