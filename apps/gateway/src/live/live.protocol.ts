import type { AnyLiveEvent, LiveEvent, LiveRoom, SubscribeReply } from '@buddie/api-contract';
import type { BuddieEventType } from '@buddie/messaging';

export type { AnyLiveEvent, LiveEvent, SubscribeReply };

/**
 * The live feed's wire contract (its types are @buddie/api-contract's, shared with the dashboard).
 * Server -> client events are named after Buddie's event types and carry the room's allow-listed DTO;
 * `subscribe` answers with the room's snapshot of the same DTOs.
 */
export const LIVE_NAMESPACE = '/live';

export const STATIC_ROOMS = ['agents', 'alerts', 'summaries', 'journeys', 'escalations', 'contacts', 'sync'] as const;
export type StaticRoom = (typeof STATIC_ROOMS)[number];
export type Room = LiveRoom;

// The shared contract's collections are exactly the static rooms.
const _roomsMatch: [StaticRoom] extends [LiveRoom] ? true : never = true;
void _roomsMatch;

const ROOM_PATTERN = new RegExp(`^(?:${STATIC_ROOMS.join('|')})$|^agent:[A-Za-z0-9_.:-]{1,256}$|^queue:[\\p{L}\\p{N} ._@+-]{1,100}$`, 'u');

export function isRoom(value: unknown): value is Room {
  return typeof value === 'string' && ROOM_PATTERN.test(value);
}

export type ServerToClientEvents = { [K in BuddieEventType]: (event: LiveEvent<K>) => void };

export interface SubscribeRequest {
  room: string;
}

export interface ClientToServerEvents {
  subscribe(request: SubscribeRequest, ack: (reply: SubscribeReply) => void): void;
  unsubscribe(request: SubscribeRequest, ack: (reply: { ok: boolean }) => void): void;
}


/** Which rooms an event goes to: the type's room plus the narrower agent and queue rooms it concerns. */
export function roomsFor(event: AnyLiveEvent): Room[] {
  switch (event.type) {
    case 'AgentStateChanged':
      return ['agents', `agent:${event.detail.agentId}`, ...event.detail.queueNames.filter(Boolean).map((q) => `queue:${q}` as const)];
    case 'AgentAlertRaised':
    case 'AgentAlertCleared':
      return ['alerts', `agent:${event.detail.agentId}`];
    case 'SummaryCreated':
      return ['summaries'];
    case 'ContactCompleted':
      return ['contacts', ...(event.detail.queueName ? [`queue:${event.detail.queueName}` as const] : [])];
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
