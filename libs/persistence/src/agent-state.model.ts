import type { AgentAlert, AgentView, BoardActivity } from '@buddie/domain';
import type { AgentOutboxEvent } from '@buddie/messaging';

/** The agent-states table (owned by agent-monitor): one item per agent. */
/** The stored agent: the full view plus the flat attributes the board filters on. */
export interface AgentStateItem {
  agentId: string;
  /** Bumped on every write; writes are conditional on it so two instances never move an agent back. */
  version: number;
  view: AgentView;
  username: string;
  statusName: string;
  /** The contact activity alert rules use (Idle, OnContact, OnHold, AfterContactWork, ...). */
  activity: string;
  /** What the board shows (boardActivityOf): available, on-contact, custom (Break), offline, ... */
  boardActivity: BoardActivity;
  /** The status name for a custom status, otherwise the activity's own words. */
  boardActivityLabel: string;
  boardActivitySince: string;
  routingProfileName: string;
  queueNames: string[];
  loggedIn: boolean;
  openAlerts: number;
  alerting: boolean;
  lastEventAt: string;
  /** The Kinesis shard the agent's events last came from. */
  shardId?: string;
  updatedAt: string;
}

/**
 * What the monitor keeps on the item besides the public state: the open alerts consistent with the
 * view (so a replay evaluates against exactly what the state saw), and the outbox of events written
 * with versions above `publishedVersion` that may not have been published yet.
 */
export interface AgentStateRecord extends AgentStateItem {
  openAlertItems?: AgentAlert[];
  /** Its transactional outbox (libs/messaging outbox.ts). */
  outbox?: AgentOutboxEvent[];
  /** Every event of a version at or below this one is known to be published. */
  publishedVersion?: number;
}
