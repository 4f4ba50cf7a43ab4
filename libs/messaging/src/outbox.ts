import type { BuddieEventType } from './event-catalog';
import type { PublishableEvent } from './event-publisher';

/**
 * Transactional outbox: a producer writes the events a state change announces on the same item as
 * the state, with the version through which everything is known published (`publishedVersion`).
 * After a crash between the write and the publish, whoever loads the item next finds the marker
 * behind the version and publishes the outbox again (at least once; consumers drop re-sends by
 * version). This is the one definition of the stored entries and of that bookkeeping.
 */
export type OutboxEvent<T extends BuddieEventType = BuddieEventType> = PublishableEvent<T>;

/** agent-monitor's events, the ones its agent state items carry. */
export type AgentOutboxEvent = OutboxEvent<'AgentStateChanged' | 'AgentAlertRaised' | 'AgentAlertCleared'>;

/** What an item stores for its outbox. */
export interface StoredOutbox<E> {
  version: number;
  publishedVersion?: number;
  outbox?: readonly E[];
}

/** The outbox as a producer holds it in memory between writes. */
export interface Outbox<E> {
  /** Written with versions above publishedVersion and not yet seen published. */
  pending: E[];
  publishedVersion: number;
  /** The marker as the stored item holds it; a newer one is written with the next write or on release. */
  storedPublishedVersion: number;
}

/** Items written before the marker existed count as published through their version. */
export function restoreOutbox<E>(stored: StoredOutbox<E>): Outbox<E> {
  const publishedVersion = stored.publishedVersion ?? stored.version;
  const pending = publishedVersion < stored.version ? [...(stored.outbox ?? [])] : [];
  return { pending, publishedVersion, storedPublishedVersion: publishedVersion };
}

/** The outbox a state write carries: what is still pending plus the write's own events. */
export function outboxForWrite<E>(outbox: Outbox<E> | undefined, events: readonly E[]): Outbox<E> {
  const publishedVersion = outbox?.publishedVersion ?? 0;
  return { pending: [...(outbox?.pending ?? []), ...events], publishedVersion, storedPublishedVersion: publishedVersion };
}

/** After a successful publish of everything pending: published through the item's current version. */
export function outboxPublished<E>(outbox: Outbox<E>, version: number): Outbox<E> {
  return { pending: [], publishedVersion: version, storedPublishedVersion: outbox.storedPublishedVersion };
}

/** The stored marker is behind and nothing is pending: writing it spares the next owner a re-send. */
export function publishMarkerDue<E>(outbox: Outbox<E>): boolean {
  return outbox.pending.length === 0 && outbox.publishedVersion > outbox.storedPublishedVersion;
}
