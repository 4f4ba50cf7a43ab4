import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import type { QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { SalesforceSyncRuntime } from './salesforce-sync.runtime';

/** Thin edge: the runner owns acks, DLQ-with-reason and retries; the service records what is due. */
@Injectable()
export class SalesforceSyncConsumer {
  constructor(
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    private readonly runtime: SalesforceSyncRuntime,
  ) {}

  @SqsMessageHandler('salesforce-sync', true)
  handle(messages: Message[]): Promise<Message[]> {
    return this.runner.run(messages, (body) => this.runtime.service.handleMessage(body));
  }
}
