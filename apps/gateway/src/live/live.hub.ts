import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { MetricsRegistry } from '@buddie/observability';
import { roomsFor, type AnyLiveEvent, type ClientToServerEvents, type ServerToClientEvents } from './live.protocol';

const REMEMBERED_IDS = 5000;

/**
 * Fans Buddie events out to the rooms they concern. SQS delivers at least once, so ids already sent
 * are dropped; with the Redis adapter the emit reaches sockets on every gateway instance.
 */
@Injectable()
export class LiveHub {
  private namespace?: Namespace<ClientToServerEvents, ServerToClientEvents>;
  private readonly recent = new Set<string>();
  private published = 0;

  constructor(metrics: MetricsRegistry) {
    metrics.gauge('buddie_live_events_total', () => this.published, 'events fanned out to live-feed rooms');
  }

  attach(namespace: Namespace<ClientToServerEvents, ServerToClientEvents>): void {
    this.namespace = namespace;
  }

  publish(event: AnyLiveEvent): boolean {
    if (!this.namespace || this.recent.has(event.id)) return false;
    this.recent.add(event.id);
    if (this.recent.size > REMEMBERED_IDS) this.recent.delete(this.recent.values().next().value as string);
    const rooms = roomsFor(event);
    if (rooms.length === 0) return false;
    // One emit to the union of rooms: a socket in several of them still gets the event once.
    (this.namespace.to(rooms) as unknown as { emit(type: string, event: AnyLiveEvent): void }).emit(event.type, event);
    this.published += 1;
    return true;
  }
}
