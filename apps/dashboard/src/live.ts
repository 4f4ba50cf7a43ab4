import { io, type Socket } from 'socket.io-client';
import type { AnyLiveEvent, LiveCollection, LiveEventType, LiveRoomItems, SubscribeReply } from '@buddie/api-contract';
import { api, API_URL } from './api';

export type Collection = LiveCollection;

/** Which collection each event type updates; a new event type does not compile until it has one. */
const COLLECTION_OF: Record<LiveEventType, Collection> = {
  AgentStateChanged: 'agents',
  AgentAlertRaised: 'alerts',
  AgentAlertCleared: 'alerts',
  EscalationCreated: 'escalations',
  EscalationUpdated: 'escalations',
  SummaryCreated: 'summaries',
  ContactCompleted: 'contacts',
  TranscriptReady: 'contacts',
  JourneyRecorded: 'journeys',
  JourneyFailed: 'journeys',
  SalesforceSynced: 'sync',
  SalesforceSyncFailed: 'sync',
};

type Keyed = { [C in Collection]: (r: LiveRoomItems[C]) => string };
const idOf: Keyed = {
  agents: (r) => r.agentId,
  alerts: (r) => r.id,
  escalations: (r) => r.escalationId,
  summaries: (r) => r.contactId,
  contacts: (r) => r.contactId,
  journeys: (r) => r.contactId,
  sync: (r) => r.contactId,
};
/** When a record last changed, to drop a delta older than what the snapshot already shows ('' = unknown). */
const stampOf: Keyed = {
  agents: (r) => r.lastEventAt,
  alerts: (r) => r.clearedAt ?? r.raisedAt,
  escalations: (r) => r.updatedAt ?? r.createdAt,
  summaries: (r) => r.updatedAt ?? '',
  contacts: (r) => r.lastUpdateTimestamp ?? '',
  journeys: (r) => r.updatedAt ?? '',
  sync: (r) => r.syncedAt ?? '',
};

export type LiveData = { [C in Collection]: Map<string, LiveRoomItems[C]> };

export interface LiveState {
  connected: boolean;
  version: number;
  data: LiveData;
  lastEventAt?: string;
}

/**
 * The dashboard's live store. Each (re)connect re-subscribes every room: the server joins the room
 * first and answers with a snapshot; deltas arriving before the snapshot are buffered and applied
 * after it, so a reconnect never leaves a gap and never shows stale data over newer. Snapshot items
 * and event details are the same DTO per room, so a delta merges into a snapshot item as is.
 */
export class LiveStore {
  private socket?: Socket;
  private readonly listeners = new Set<() => void>();
  private readonly ready = new Set<Collection>();
  private readonly buffered = new Map<Collection, AnyLiveEvent[]>();
  state: LiveState = {
    connected: false,
    version: 0,
    data: { agents: new Map(), alerts: new Map(), escalations: new Map(), summaries: new Map(), contacts: new Map(), journeys: new Map(), sync: new Map() },
  };

  constructor(private readonly rooms: Collection[]) {}

  start(key: string): void {
    this.socket = io(`${API_URL}/live`, {
      transports: ['websocket'],
      // A fresh short-lived token for every (re)connect; the API key itself never rides the socket.
      auth: (cb) => {
        api<{ token: string }>('/api/v1/live/token', { method: 'POST' }, key)
          .then(({ token }) => cb({ token }))
          .catch(() => cb({}));
      },
    });
    this.socket.on('connect', () => {
      this.set({ connected: true });
      this.ready.clear();
      for (const room of this.rooms) void this.subscribe(room);
    });
    this.socket.on('disconnect', () => this.set({ connected: false }));
    this.socket.onAny((type: LiveEventType, event: AnyLiveEvent) => this.onEvent({ ...event, type } as AnyLiveEvent));
  }

  stop(): void {
    this.socket?.disconnect();
  }

  subscribeListener(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Local change after a REST action (the feed confirms it a moment later). */
  upsert<C extends Collection>(collection: C, record: LiveRoomItems[C]): void {
    const map = this.state.data[collection] as Map<string, LiveRoomItems[C]>;
    const id = (idOf[collection] as (r: LiveRoomItems[C]) => string)(record);
    map.set(id, { ...map.get(id), ...record });
    this.set({});
  }

  private async subscribe<C extends Collection>(room: C): Promise<void> {
    this.buffered.set(room, []);
    const failed: SubscribeReply = { ok: false, error: { code: 'UNAVAILABLE', message: 'no reply' } };
    const reply = (await this.socket!.timeout(10000).emitWithAck('subscribe', { room }).catch(() => failed)) as SubscribeReply<LiveRoomItems[C]>;
    if (!reply.ok) return;
    const key = idOf[room] as (r: LiveRoomItems[C]) => string;
    (this.state.data as Record<C, Map<string, LiveRoomItems[C]>>)[room] = new Map(reply.snapshot.items.map((item) => [key(item), item]));
    this.ready.add(room);
    for (const event of this.buffered.get(room) ?? []) this.apply(event);
    this.buffered.delete(room);
    this.set({});
  }

  private onEvent(event: AnyLiveEvent): void {
    const collection = COLLECTION_OF[event.type];
    if (!collection) return;
    if (!this.ready.has(collection)) {
      this.buffered.get(collection)?.push(event);
      return;
    }
    this.apply(event);
    this.set({ lastEventAt: event.occurredAt });
  }

  private apply(event: AnyLiveEvent): void {
    const collection = COLLECTION_OF[event.type];
    const detail = event.detail as LiveRoomItems[typeof collection];
    const key = idOf[collection] as (r: typeof detail) => string;
    const stamp = stampOf[collection] as (r: typeof detail) => string;
    const map = this.state.data[collection] as Map<string, typeof detail>;
    const id = key(detail);
    if (event.type === 'AgentAlertCleared' || (event.type === 'EscalationUpdated' && event.detail.status === 'resolved')) {
      map.delete(id);
      return;
    }
    const current = map.get(id);
    if (event.type === 'AgentStateChanged' && current && (current as LiveRoomItems['agents']).version > event.detail.version) return;
    if (current && stamp(current) > stamp(detail) && stamp(detail) !== '') return;
    map.set(id, { ...current, ...detail });
  }

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    this.listeners.forEach((l) => l());
  }
}
