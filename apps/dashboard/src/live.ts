import { io, type Socket } from 'socket.io-client';
import { api, API_URL, type Rec } from './api';

export type Collection = 'agents' | 'alerts' | 'escalations' | 'summaries' | 'contacts' | 'journeys' | 'sync';

interface LiveEvent {
  id: string;
  type: string;
  occurredAt: string;
  detail: Rec;
}

const COLLECTION_OF: Record<string, Collection> = {
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

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
const idOf: Record<Collection, (r: Rec) => string | undefined> = {
  agents: (r) => s(r.agentId),
  alerts: (r) => s(r.id) ?? s(r.alertId),
  escalations: (r) => s(r.escalationId),
  summaries: (r) => s(r.contactId),
  contacts: (r) => s(r.contactId),
  journeys: (r) => s(r.contactId),
  sync: (r) => s(r.contactId) ?? s(r.recordId),
};
/** When a record last changed, to drop a delta older than what the snapshot already shows. */
const stamp = (r: Rec) => s(r.lastEventAt) ?? s(r.updatedAt) ?? s(r.occurredAt) ?? '';

export interface LiveState {
  connected: boolean;
  version: number;
  data: Record<Collection, Map<string, Rec>>;
  lastEventAt?: string;
}

/**
 * The dashboard's live store. Each (re)connect re-subscribes every room: the server joins the room
 * first and answers with a snapshot; deltas arriving before the snapshot are buffered and applied
 * after it, so a reconnect never leaves a gap and never shows stale data over newer.
 */
export class LiveStore {
  private socket?: Socket;
  private readonly listeners = new Set<() => void>();
  private readonly ready = new Set<Collection>();
  private readonly buffered = new Map<Collection, LiveEvent[]>();
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
    this.socket.onAny((type: string, event: LiveEvent) => this.onEvent({ ...event, type }));
  }

  stop(): void {
    this.socket?.disconnect();
  }

  subscribeListener(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Local change after a REST action (the feed confirms it a moment later). */
  upsert(collection: Collection, record: Rec): void {
    const id = idOf[collection](record);
    if (!id) return;
    this.state.data[collection].set(id, { ...this.state.data[collection].get(id), ...record });
    this.set({});
  }

  private async subscribe(room: Collection): Promise<void> {
    this.buffered.set(room, []);
    const reply = (await this.socket!.timeout(10000).emitWithAck('subscribe', { room }).catch(() => ({ ok: false }))) as { ok: boolean; snapshot?: { items: Rec[] } };
    if (!reply.ok || !reply.snapshot) return;
    const map = new Map<string, Rec>();
    for (const item of reply.snapshot.items) {
      const id = idOf[room](item);
      if (id) map.set(id, item);
    }
    this.state.data[room] = map;
    this.ready.add(room);
    for (const event of this.buffered.get(room) ?? []) this.apply(room, event);
    this.buffered.delete(room);
    this.set({});
  }

  private onEvent(event: LiveEvent): void {
    const collection = COLLECTION_OF[event.type];
    if (!collection) return;
    if (!this.ready.has(collection)) {
      this.buffered.get(collection)?.push(event);
      return;
    }
    this.apply(collection, event);
    this.set({ lastEventAt: event.occurredAt });
  }

  private apply(collection: Collection, event: LiveEvent): void {
    const detail: Rec = { ...event.detail, occurredAt: event.occurredAt };
    const id = idOf[collection](detail);
    if (!id) return;
    const map = this.state.data[collection];
    if (event.type === 'AgentAlertCleared' || (collection === 'escalations' && detail.status === 'resolved')) {
      map.delete(id);
      return;
    }
    const current = map.get(id);
    if (current && stamp(current) > stamp(detail) && stamp(detail) !== '') return;
    map.set(id, { ...current, ...detail, ...(event.type === 'SalesforceSyncFailed' ? { state: 'failed' } : event.type === 'SalesforceSynced' ? { state: 'synced' } : {}) });
  }

  private set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch, version: this.state.version + 1 };
    this.listeners.forEach((l) => l());
  }
}
