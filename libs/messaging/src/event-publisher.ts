import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { systemClock, TransientError, type Clock } from '@buddie/domain';
import { EVENT_CATALOG, assertPublishable, eventSource, type BuddieApp, type BuddieEventType, type EventDetail, type EventFields } from './event-catalog';

/**
 * The detail a producer supplies: the catalog's fields. The publisher stamps schemaVersion (from the
 * catalog), occurredAt (from its clock) and a correlation id when the producer has none.
 */
export type EventDetailInput<T extends BuddieEventType> = EventFields<T> & {
  correlationId?: string;
  occurredAt?: string;
};

/** One member per event type, so `type` narrows `detail` and a detail can only be its own type's. */
export type PublishableEvent<T extends BuddieEventType = BuddieEventType> = {
  [K in T]: { type: K; detail: EventDetailInput<K>; resources?: string[] };
}[T];

export interface EventPublisherOptions {
  busName: string;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Stamps occurredAt when the producer has none (the one Clock interface, libs/domain). */
  clock?: Clock;
  /**
   * The publishing app: its events go out with source `buddie.<app>`, and an event the catalog does not
   * name it a producer of is refused before anything is sent. Unset: each event's main producer.
   */
  app?: BuddieApp;
}

/** PutEvents accepts at most 10 entries and 256 KiB per call. */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

function entrySize(entry: PutEventsRequestEntry): number {
  // AWS's documented entry-size formula: UTF-8 bytes of Source, DetailType, Detail and each resource, +14 for Time.
  let size = 14;
  for (const part of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (part) size += Buffer.byteLength(part, 'utf8');
  }
  return size;
}

/**
 * The detail exactly as the publisher sends it: stamped (schemaVersion from the catalog, occurredAt,
 * correlation id) and validated strictly. Exported so tests deliver what a producer really publishes.
 */
export function publishedDetail<K extends BuddieEventType>(event: { type: K; detail: EventDetailInput<K> }, now: Date): EventDetail<K> {
  return assertPublishable(event.type, {
    ...event.detail,
    schemaVersion: EVENT_CATALOG[event.type].version,
    occurredAt: event.detail.occurredAt ?? now.toISOString(),
    correlationId: event.detail.correlationId ?? randomUUID(),
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Publishes Buddie events with PutEvents: batched within AWS's limits, and only the entries that
 * failed are retried (PutEvents reports per-entry failures with a 200 response), with jittered
 * exponential backoff. Throws a TransientError when entries still fail, so the caller's input is
 * not acknowledged and will be redelivered.
 */
export class EventPublisher {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly options: EventPublisherOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.clock = options.clock ?? systemClock;
  }

  /**
   * Validates every detail against the catalog first: one invalid detail throws EventDetailInvalidError
   * (permanent, with the field paths), an event this app may not publish EventProducerError, and nothing
   * of the call is sent.
   */
  async publish<T extends BuddieEventType>(events: PublishableEvent<T>[]): Promise<void> {
    const entries = events.map((event) => this.toEntry(event));
    for (const batch of this.batches(entries)) await this.sendWithRetries(batch);
  }

  private toEntry<K extends BuddieEventType>(event: { type: K; detail: EventDetailInput<K>; resources?: string[] }): PutEventsRequestEntry {
    const detail = publishedDetail(event, this.clock.now());
    const occurredAt = detail.occurredAt;
    const entry: PutEventsRequestEntry = {
      EventBusName: this.options.busName,
      Source: eventSource(event.type, this.options.app),
      DetailType: event.type,
      Detail: JSON.stringify(detail),
      Time: new Date(occurredAt),
      Resources: event.resources,
    };
    if (entrySize(entry) > MAX_REQUEST_BYTES) {
      throw new TransientError('EVENT_TOO_LARGE', `${event.type} detail exceeds EventBridge's 256 KiB entry limit`);
    }
    return entry;
  }

  private *batches(entries: PutEventsRequestEntry[]): Generator<PutEventsRequestEntry[]> {
    let batch: PutEventsRequestEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      const size = entrySize(entry);
      if (batch.length === MAX_ENTRIES || bytes + size > MAX_REQUEST_BYTES) {
        yield batch;
        batch = [];
        bytes = 0;
      }
      batch.push(entry);
      bytes += size;
    }
    if (batch.length > 0) yield batch;
  }

  private async sendWithRetries(batch: PutEventsRequestEntry[]): Promise<void> {
    let pending = batch;
    let lastError = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        const result = await this.client.send(new PutEventsCommand({ Entries: pending }));
        if (!result.FailedEntryCount) return;
        const failed = pending.filter((_, index) => result.Entries?.[index]?.ErrorCode);
        lastError = result.Entries?.find((e) => e.ErrorCode)?.ErrorMessage ?? 'entry failed';
        pending = failed;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (attempt < this.maxAttempts) await sleep(this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
    throw new TransientError('PUBLISH_FAILED', `${pending.length} event(s) not published after ${this.maxAttempts} attempts: ${lastError}`);
  }
}
