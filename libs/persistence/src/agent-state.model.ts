import type { AgentAlert, AgentView } from '@buddie/domain';

/** The agent-states table (owned by agent-monitor): one item per agent. */
/** The stored agent: the full view plus the flat attributes the board filters on. */
export interface AgentStateItem {
  agentId: string;
  /** Bumped on every write; writes are conditional on it so two instances never move an agent back. */
  version: number;
  view: AgentView;
  username: string;
  statusName: string;
  activity: string;
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

/** An event the monitor wrote with the state and has not yet seen published (its transactional outbox). */
export interface AgentOutboxEvent {
  type: string;
  detail: Record<string, unknown>;
  resources?: string[];
}

/**
 * What the monitor keeps on the item besides the public state: the open alerts consistent with the
 * view (so a replay evaluates against exactly what the state saw), and the outbox of events written
 * with versions above `publishedVersion` that may not have been published yet.
 */
export interface AgentStateRecord extends AgentStateItem {
  openAlertItems?: AgentAlert[];
  outbox?: AgentOutboxEvent[];
  /** Every event of a version at or below this one is known to be published. */
  publishedVersion?: number;
}
