import { Injectable, type PipeTransform } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { parseConsumedDetail, type ConsumableEventType, type ConsumedDetail } from '@buddie/messaging';

/**
 * Validates an event handler's payload with the catalog validator of its event type. Failure throws
 * EventDetailInvalidError (permanent, field paths in its message): the transport dead-letters the message.
 */
@Injectable()
export class EventDetailPipe<K extends ConsumableEventType> implements PipeTransform<unknown, ConsumedDetail<K>> {
  constructor(readonly eventType: K) {}

  transform(value: unknown): ConsumedDetail<K> {
    return parseConsumedDetail(this.eventType, value);
  }
}

/** `@EventPayload('SummaryCreated') detail: EventDetail<'SummaryCreated'>`: the validated detail of that event. */
export function EventPayload<K extends ConsumableEventType>(type: K): ParameterDecorator {
  return Payload(new EventDetailPipe(type));
}
