import type { BuddieEventDetails, BuddieEventType } from '@buddie/messaging';

/**
 * The live feed's wire contract. Server -> client events are named after Buddie's event types and
 * carry the event as the gateway received it; `subscribe` answers with the room's snapshot.
 */
export const LIVE_NAMESPACE = '/live';

export const STATIC_ROOMS = ['agents', 'alerts', 'summaries', 'journeys', 'escalations', 'contacts', 'sync'] as const;
export type StaticRoom = (typeof STATIC_ROOMS)[number];
export type Room = StaticRoom | `agent:${string}` | `queue:${string}`;

const ROOM_PATTERN = new RegExp(`^(?:${STATIC_ROOMS.join('|')})$|^agent:[A-Za-z0-9_.:-]{1,256}$|^queue:[\\p{L}\\p{N} ._@+-]{1,100}$`, 'u');

export function isRoom(value: unknown): value is Room {
  return typeof value === 'string' && ROOM_PATTERN.test(value);
}

export interface LiveEvent<K extends BuddieEventType = BuddieEventType> {
  /** The EventBridge event id (or a gateway-made one for its own updates): clients drop repeats by it. */
  id: string;
  type: K;
  occurredAt: string;
  detail: BuddieEventDetails[K];
}

export type ServerToClientEvents = { [K in BuddieEventType]: (event: LiveEvent<K>) => void };

export interface SubscribeRequest {
  room: string;
}

export type SubscribeReply =
  | { ok: true; room: Room; snapshot: { items: object[]; at: string } }
  | { ok: false; error: { code: string; message: string } };

export interface ClientToServerEvents {
  subscribe(request: SubscribeRequest, ack: (reply: SubscribeReply) => void): void;
  unsubscribe(request: SubscribeRequest, ack: (reply: { ok: boolean }) => void): void;
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** Queue names of an agent record, whether flat (queueNames) or inside its view (view.queues[].name). */
export function queueNamesOf(agent: Record<string, unknown>): string[] {
  if (Array.isArray(agent.queueNames)) return agent.queueNames.filter((q): q is string => typeof q === 'string' && q !== '');
  const view = (typeof agent.view === 'object' && agent.view !== null ? agent.view : agent) as { queues?: unknown };
  return Array.isArray(view.queues) ? view.queues.map((q) => str((q as { name?: unknown })?.name)).filter((q): q is string => !!q) : [];
}

/** Which rooms an event goes to: the type's room plus the narrower agent and queue rooms it concerns. */
export function roomsFor(event: LiveEvent): Room[] {
  const detail = event.detail as Record<string, unknown>;
  const agent = str(detail.agentId);
  switch (event.type) {
    case 'AgentStateChanged': {
      const queues = queueNamesOf(detail);
      return ['agents', ...(agent ? [`agent:${agent}` as const] : []), ...queues.map((q) => `queue:${q}` as const)];
    }
    case 'AgentAlertRaised':
    case 'AgentAlertCleared':
      return ['alerts', ...(agent ? [`agent:${agent}` as const] : [])];
    case 'SummaryCreated':
      return ['summaries'];
    case 'ContactCompleted': {
      const queue = str(detail.queueName);
      return ['contacts', ...(queue ? [`queue:${queue}` as const] : [])];
    }
    case 'TranscriptReady':
      return ['contacts'];
    case 'JourneyRecorded':
    case 'JourneyFailed':
      return ['journeys'];
    case 'EscalationCreated':
    case 'EscalationUpdated':
      return ['escalations'];
    case 'SalesforceSynced':
    case 'SalesforceSyncFailed':
      return ['sync'];
    default:
      return [];
  }
}
