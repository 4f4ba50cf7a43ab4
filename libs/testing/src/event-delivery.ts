import { randomUUID } from 'node:crypto';
import { eventSource, publishedDetail, type BuddieEventEnvelope, type BuddieEventType, type PublishableEvent } from '@buddie/messaging';

/**
 * The SQS body a consumer receives for a producer's event: the detail stamped and validated exactly as
 * EventPublisher sends it, in the EventBridge envelope the local router (and EventBridge) delivers.
 * Tests pass the producer's own mapper output here, so they cannot deliver a shape no producer writes.
 */
export function deliveredBody<K extends BuddieEventType>(event: PublishableEvent<K>, at: Date = new Date('2024-03-12T15:00:00Z')): string {
  const detail = publishedDetail(event as { type: K; detail: PublishableEvent<K>['detail'] }, at);
  const envelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': event.type,
    source: eventSource(event.type),
    account: '111122223333',
    time: detail.occurredAt,
    region: 'us-east-1',
    resources: event.resources ?? [],
    detail,
  } as BuddieEventEnvelope<K>;
  return JSON.stringify(envelope);
}
