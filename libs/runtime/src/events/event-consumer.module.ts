import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable, Module, type DynamicModule, type Type } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import type { BuddieConfig } from '@buddie/config';
import type { ConsumerQueue, QueueBatchRunner } from '@buddie/messaging';
import { QueueConsumerModule, type QueueConsumerOptions } from '../queue-consumer.module';
import { QUEUE_RUNNER, SQS_EVENT_TRANSPORT } from '../tokens';
import { SqsEventTransport } from './sqs-event.transport';

/** The queue's one @ssut/nestjs-sqs handler: every batch goes through the runner into the transport. */
function batchConsumerFor(queue: ConsumerQueue): Type<unknown> {
  @Injectable()
  class EventBatchConsumer {
    constructor(
      @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
      @Inject(SQS_EVENT_TRANSPORT) private readonly transport: SqsEventTransport,
    ) {}

    @SqsMessageHandler(queue, true)
    handle(messages: Message[]): Promise<Message[]> {
      return this.transport.run(this.runner, messages);
    }
  }
  return EventBatchConsumer;
}

/**
 * An app that consumes events declares `@EventPattern(detailType)` handlers on a controller and imports
 * this module for its queue; bootstrapService connects the transport as a Nest microservice. Polling,
 * batch deletes, visibility heartbeats and graceful drain stay with QueueConsumerModule.
 */
@Module({})
export class EventConsumerModule {
  static forQueue(queue: ConsumerQueue, config: BuddieConfig, options: QueueConsumerOptions = {}): DynamicModule {
    return {
      module: EventConsumerModule,
      imports: [QueueConsumerModule.forQueue(queue, config, options)],
      providers: [{ provide: SQS_EVENT_TRANSPORT, useValue: new SqsEventTransport(queue) }, batchConsumerFor(queue)],
      exports: [SQS_EVENT_TRANSPORT, QueueConsumerModule],
    };
  }
}

/** The transport an app's root module wires through EventConsumerModule.forQueue, if any. */
export function findEventTransport(module: unknown, seen = new Set<unknown>()): SqsEventTransport | undefined {
  if (typeof module !== 'object' || module === null || seen.has(module)) return undefined;
  seen.add(module);
  const dynamic = module as Partial<DynamicModule>;
  if (dynamic.module === EventConsumerModule) {
    const provider = dynamic.providers?.find((p) => typeof p === 'object' && 'provide' in p && p.provide === SQS_EVENT_TRANSPORT);
    return provider && 'useValue' in provider ? (provider.useValue as SqsEventTransport) : undefined;
  }
  for (const imported of dynamic.imports ?? []) {
    const found = findEventTransport(imported, seen);
    if (found) return found;
  }
  return undefined;
}
