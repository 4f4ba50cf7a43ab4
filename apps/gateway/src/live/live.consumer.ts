import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import { InvalidInputError } from '@buddie/domain';
import { toLiveEventDetail, type AnyLiveEvent } from '@buddie/api-contract';
import { EVENT_PRODUCERS, parseEventDetail, type BuddieEventType, type EventBridgeEnvelope, type QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { LiveHub } from './live.hub';

/**
 * Turns an EventBridge delivery into a live event: the detail is validated against the catalog (a
 * mismatch goes to the DLQ with its field path) and mapped to its room's allow-listed DTO, so only
 * declared fields reach a socket.
 */
export function toLiveEvent(raw: string): AnyLiveEvent {
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
  const eventType = type as BuddieEventType;
  const detail = parseEventDetail(eventType, delivery.detail);
  return {
    id: delivery.id,
    type: eventType,
    occurredAt: detail.occurredAt,
    correlationId: detail.correlationId,
    detail: toLiveEventDetail(eventType, detail, detail.occurredAt),
  } as AnyLiveEvent;
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
