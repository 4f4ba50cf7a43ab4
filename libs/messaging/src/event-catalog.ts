import type { z } from 'zod';
import type { EventBridgeEnvelope } from '@buddie/connect';
import { BuddieError } from '@buddie/domain';
import { AgentAlertCleared, AgentAlertRaised, AgentStateChanged } from './catalog/agent.events';
import { ContactCompleted } from './catalog/contact.events';
import { EscalationCreated, EscalationUpdated } from './catalog/escalation.events';
import type { BuddieApp, DetailOf, StampedField } from './catalog/event-definition';
import { JourneyFailed, JourneyRecorded } from './catalog/journey.events';
import { SalesforceSyncFailed, SalesforceSynced } from './catalog/salesforce.events';
import { SummaryCreated, TranscriptReady } from './catalog/summary.events';
import { EXTERNAL_EVENT_DETAILS } from './catalog/external.events';

export type { BuddieApp, EventDefinition, EventProducers } from './catalog/event-definition';
export { EXTERNAL_EVENT_DETAILS } from './catalog/external.events';
export { defineEvent } from './catalog/event-definition';
export { escalationEvent, escalationEventFields, type EscalationEvent } from './catalog/escalation.events';
export { summaryCreatedFields } from './catalog/summary.events';
export type { EventBridgeEnvelope } from '@buddie/connect';

/**
 * Buddie's own events (DESIGN.md 2): the only coupling between apps. Each is defined once, in
 * `catalog/<area>.events.ts`, as a zod shape that gives both its TypeScript type and its run-time
 * validator; every detail carries `schemaVersion`, plus the correlation id of the input that caused
 * it, so one contact can be followed through every app's logs.
 *
 * Adding an event (or filling a placeholder):
 * 1. In `catalog/<area>.events.ts`, `defineEvent({ type, producer, version: 1, summary, fields })` with
 *    exactly the fields the producer's mapper writes (the mapper returns `PublishableEvent<'Type'>`,
 *    so it cannot drift). Register it in EVENT_CATALOG below, and its consumer queues in routing-table.ts.
 * 2. Publish with `EventPublisher.publish([{ type, detail }])`: the detail is checked at compile time
 *    and validated again before PutEvents (an invalid one throws EventDetailInvalidError, nothing is sent).
 * 3. Consume: the app imports `EventConsumerModule.forQueue(queue, config)` (libs/runtime) and a controller
 *    declares `@EventPattern('Type') on(@EventPayload('Type') detail: EventDetail<'Type'>, @Ctx() ctx: SqsEventContext)`
 *    (see apps/summarizer/src/summarizer.events.ts). The handler gets the validated detail; an invalid one
 *    goes to the app's DLQ with the field path in its reason, a type with no handler there too, and a
 *    handler's transient error leaves the message for redelivery. `parseEventDetail` is the same check
 *    for code outside a transport.
 * 4. Add the event's row to the README event table (a test checks it against this catalog).
 * A breaking change (field removed, renamed or retyped) bumps `version`; adding an optional field does not.
 */
export const EVENT_CATALOG = {
  ContactCompleted,
  TranscriptReady,
  SummaryCreated,
  AgentStateChanged,
  AgentAlertRaised,
  AgentAlertCleared,
  JourneyRecorded,
  JourneyFailed,
  EscalationCreated,
  EscalationUpdated,
  SalesforceSynced,
  SalesforceSyncFailed,
} as const;

type Catalog = typeof EVENT_CATALOG;

export type BuddieEventType = keyof Catalog;

/** The detail of each event exactly as it travels (schemaVersion, correlationId and occurredAt included). */
export type BuddieEventDetails = { [K in BuddieEventType]: DetailOf<Catalog[K]> };

export type EventDetail<K extends BuddieEventType> = BuddieEventDetails[K];

export type ContactCompletedDetail = EventDetail<'ContactCompleted'>;

/** What a producer writes: the catalog's fields without the ones the publisher stamps. */
export type EventFields<K extends BuddieEventType> = Omit<EventDetail<K>, StampedField>;

export const BUDDIE_EVENT_TYPES = Object.keys(EVENT_CATALOG) as BuddieEventType[];

export function isBuddieEventType(value: unknown): value is BuddieEventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

/** Which apps emit each event (main producer first): an app's events carry the EventBridge source `buddie.<app>`. */
export const EVENT_PRODUCERS = Object.fromEntries(BUDDIE_EVENT_TYPES.map((type) => [type, EVENT_CATALOG[type].producers])) as Record<
  BuddieEventType,
  readonly [BuddieApp, ...BuddieApp[]]
>;

/** An app publishing an event the catalog does not name it a producer of: a programming error, never retried. */
export class EventProducerError extends BuddieError {
  constructor(type: string, app: string) {
    super('EVENT_PRODUCER_INVALID', `${app} is not a producer of ${type} (the catalog names ${EVENT_PRODUCERS[type as BuddieEventType]?.join(', ')})`, true);
  }
}

/** The source `app` publishes `type` with (the main producer's when no app is given); only a catalog producer may. */
export function eventSource(type: BuddieEventType, app?: BuddieApp): string {
  const producers = EVENT_PRODUCERS[type];
  const producer = app ?? producers[0];
  if (!producers.includes(producer)) throw new EventProducerError(type, producer);
  return `buddie.${producer}`;
}

export interface EventDetailIssue {
  /** Dotted path inside the detail (`status.type`, `recordings[0].location`); '' for the detail itself. */
  path: string;
  message: string;
}

/**
 * A detail that does not match its catalog entry. Permanent: the same detail fails the same way on
 * every retry, so a consumer dead-letters it (with the field paths in the reason) and a producer fails
 * its input instead of sending.
 */
export class EventDetailInvalidError extends BuddieError {
  constructor(
    readonly eventType: string,
    readonly issues: EventDetailIssue[],
  ) {
    super('EVENT_DETAIL_INVALID', `${eventType} detail is invalid: ${issues.map((i) => `detail${i.path ? `.${i.path}` : ''}: ${i.message}`).join('; ')}`, true, issues);
  }
}

function pathOf(path: (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function issuesOf(error: z.ZodError): EventDetailIssue[] {
  return error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message }));
}

/** A producer's check: the exact catalog shape, nothing more (strict), before anything is sent. */
export function assertPublishable<K extends BuddieEventType>(type: K, detail: unknown): EventDetail<K> {
  const result = EVENT_CATALOG[type].schema.safeParse(detail);
  if (!result.success) throw new EventDetailInvalidError(type, issuesOf(result.error));
  return result.data as EventDetail<K>;
}

/** A consumer's check: the catalog's fields, validated; fields the catalog does not name are dropped. */
export function parseEventDetail<K extends BuddieEventType>(type: K, detail: unknown): EventDetail<K> {
  const result = EVENT_CATALOG[type].consumerSchema.safeParse(detail);
  if (!result.success) throw new EventDetailInvalidError(type, issuesOf(result.error));
  return result.data as EventDetail<K>;
}

/** AWS events a consumer may declare a handler for, besides Buddie's own (catalog/external.events.ts). */
export type ExternalEventType = keyof typeof EXTERNAL_EVENT_DETAILS;

/** Every detail-type an `@EventPattern` handler can name. */
export type ConsumableEventType = BuddieEventType | ExternalEventType;

export type ConsumedDetail<K extends ConsumableEventType> = K extends BuddieEventType
  ? EventDetail<K>
  : K extends ExternalEventType
    ? z.infer<(typeof EXTERNAL_EVENT_DETAILS)[K]>
    : never;

export function isConsumableEventType(value: unknown): value is ConsumableEventType {
  return isBuddieEventType(value) || (typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXTERNAL_EVENT_DETAILS, value));
}

/** A consumer's check for any event it may handle: Buddie's by the catalog, AWS's by their known fields. */
export function parseConsumedDetail<K extends ConsumableEventType>(type: K, detail: unknown): ConsumedDetail<K> {
  // The conditional type does not narrow on the guard; the catalog parse is what makes it this type.
  if (isBuddieEventType(type)) return parseEventDetail(type, detail) as unknown as ConsumedDetail<K>;
  const result = EXTERNAL_EVENT_DETAILS[type as ExternalEventType].safeParse(detail);
  if (!result.success) throw new EventDetailInvalidError(type, issuesOf(result.error));
  return result.data as ConsumedDetail<K>;
}

/**
 * A Buddie event as an SQS target receives it: the one EventBridge envelope type (libs/connect, shared
 * with Connect's and Transcribe's events) with the catalog's detail.
 */
export type BuddieEventEnvelope<K extends BuddieEventType = BuddieEventType> = {
  [T in K]: EventBridgeEnvelope<EventDetail<T>> & { 'detail-type': T };
}[K];
