import type { AgentAlertDto, AgentDto } from './agent.dto';
import type { LiveContactDto } from './contact.dto';
import type { EscalationDto } from './escalation.dto';
import type { JourneyBriefDto } from './journey.dto';
import type { SummaryBriefDto } from './summary.dto';
import type { SyncStatusDto } from './sync-status.dto';

/**
 * The live feed's wire contract (Socket.IO namespace /live). Each room's snapshot items and the
 * details of the events that reach it are the same allow-listed DTO, so a client merges them as is.
 */
export interface LiveRoomItems {
  agents: AgentDto;
  alerts: AgentAlertDto;
  escalations: EscalationDto;
  summaries: SummaryBriefDto;
  contacts: LiveContactDto;
  journeys: JourneyBriefDto;
  sync: SyncStatusDto;
}
export type LiveCollection = keyof LiveRoomItems;

export interface LiveEventDetails {
  AgentStateChanged: AgentDto;
  AgentAlertRaised: AgentAlertDto;
  AgentAlertCleared: AgentAlertDto;
  SummaryCreated: SummaryBriefDto;
  ContactCompleted: LiveContactDto;
  TranscriptReady: LiveContactDto;
  JourneyRecorded: JourneyBriefDto;
  JourneyFailed: JourneyBriefDto;
  EscalationCreated: EscalationDto;
  EscalationUpdated: EscalationDto;
  SalesforceSynced: SyncStatusDto;
  SalesforceSyncFailed: SyncStatusDto;
}
export type LiveEventType = keyof LiveEventDetails;

export interface LiveEvent<K extends LiveEventType = LiveEventType> {
  /** The EventBridge event id (or a gateway-made one for its own updates): clients drop repeats by it. */
  id: string;
  type: K;
  occurredAt: string;
  /** The id that follows the cause of this change through every app's logs. */
  correlationId: string;
  detail: LiveEventDetails[K];
}

/** A live event whose `type` narrows its `detail`. */
export type AnyLiveEvent = { [K in LiveEventType]: LiveEvent<K> }[LiveEventType];

export type LiveRoom = LiveCollection | `agent:${string}` | `queue:${string}`;

/** Items of a room: agent:<id> and queue:<name> rooms hold agents. */
export type LiveRoomItem<R extends LiveRoom> = R extends LiveCollection ? LiveRoomItems[R] : AgentDto;

export interface LiveSnapshot<T = LiveRoomItems[LiveCollection]> {
  items: T[];
  at: string;
}

export type SubscribeReply<T = LiveRoomItems[LiveCollection]> =
  | { ok: true; room: LiveRoom; snapshot: LiveSnapshot<T> }
  | { ok: false; error: { code: string; message: string } };
