import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import { InvalidInputError } from '@buddie/domain';
import { EVENT_PRODUCERS, type BuddieEventType, type EventBridgeEnvelope, type QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { LiveHub } from './live.hub';
import type { LiveEvent } from './live.protocol';

/** Turns an EventBridge delivery into a live event, rejecting (to the DLQ, with a reason) anything else. */
export function toLiveEvent(raw: string): LiveEvent {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new InvalidInputError('message body is not JSON');
  }
  const delivery = body as Partial<EventBridgeEnvelope<Record<string, unknown>>> | null;
  const type = delivery?.['detail-type'];
  if (typeof type !== 'string' || !(type in EVENT_PRODUCERS)) throw new InvalidInputError(`not a Buddie event: detail-type ${String(type)}`);
  if (typeof delivery?.id !== 'string' || typeof delivery.detail !== 'object' || delivery.detail === null) throw new InvalidInputError('event without id or detail');
  const occurredAt = typeof delivery.detail.occurredAt === 'string' ? delivery.detail.occurredAt : (delivery.time ?? new Date(0).toISOString());
  return { id: delivery.id, type: type as BuddieEventType, occurredAt, detail: delivery.detail } as LiveEvent;
}

/** The gateway's own queue gets every Buddie event type; each is fanned out once to the live feed. */
@Injectable()
export class LiveConsumer {
  constructor(
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    private readonly hub: LiveHub,
  ) {}

  @SqsMessageHandler('gateway', true)
  handle(messages: Message[]): Promise<Message[]> {
    return this.runner.run(messages, (body) => {
      this.hub.publish(toLiveEvent(body));
      return Promise.resolve();
    });
  }
}
