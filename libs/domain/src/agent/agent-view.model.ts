/**
 * Buddie's live view of one agent, folded from the agent event stream by `evolveAgent`. It is what
 * the supervisor board shows and what alert rules are evaluated against. Timestamps are ISO strings
 * as Connect sent them, so the view is plain JSON (DynamoDB item, Socket.IO payload) as it stands.
 */

export const AGENT_ACTIVITIES = [
  'Idle',
  'Incoming',
  'Connecting',
  'OnContact',
  'OnHold',
  'AfterContactWork',
  'Missed',
] as const;
export type AgentActivity = (typeof AGENT_ACTIVITIES)[number];

export const AGENT_STATUS_TYPES = ['ROUTABLE', 'CUSTOM', 'OFFLINE'] as const;
export type AgentStatusType = (typeof AGENT_STATUS_TYPES)[number];

export interface AgentStatusView {
  name: string;
  type: AgentStatusType;
  since: string;
  arn?: string;
}

export interface AgentNextStatusView {
  name: string;
  arn?: string;
  /** When the agent queued it (EnqueuedTimestamp); routing is paused from then on. */
  since?: string;
}

export interface NamedArn {
  arn: string;
  name: string;
}

export interface HierarchyLevelView extends NamedArn {
  level: 1 | 2 | 3 | 4 | 5;
}

export interface AgentContactView {
  contactId: string;
  channel: string;
  state: string;
  since: string;
  queue: NamedArn | null;
  initiationMethod?: string;
  initialContactId?: string;
  connectedAt?: string;
}

export interface ChannelConcurrencyView {
  channel: string;
  max: number;
  available: number;
}

/** What one contact cost the agent, emitted by `evolveAgent` when the contact leaves the snapshot. */
export interface ContactWork {
  contactId: string;
  channel: string;
  connectedAt?: string;
  /** Closed holds only, in whole seconds the way the CTR counts them. */
  holdSeconds: number;
  holds: number;
  acwStart?: string;
  acwEnd?: string;
  acwSeconds?: number;
  /** The offer was MISSED or REJECTED. */
  missed: boolean;
}

export interface ContactStateMark {
  state: string;
  at: string;
}

/** Running accumulator for a contact still in the agent's snapshot. */
export interface ContactWorkInProgress extends ContactWork {
  /**
   * Every (state, StateStartTimestamp) seen for this contact, oldest first. Hold and ACW are derived
   * from these marks rather than from transitions, so a snapshot that is seen twice, or late, folds in
   * without double counting.
   */
  marks: ContactStateMark[];
}

export interface MissedOffer {
  contactId: string;
  at: string;
}

export interface AgentView {
  agentId: string;
  agentArn: string;
  username: string;
  name: string;
  routingProfile: NamedArn;
  /** Inbound queues of the routing profile, without the agent's own (null-named) queue. */
  queues: NamedArn[];
  hierarchy: HierarchyLevelView[];
  status: AgentStatusView;
  nextStatus?: AgentNextStatusView;
  activity: AgentActivity;
  activitySince: string;
  contacts: AgentContactView[];
  concurrency: ChannelConcurrencyView[];
  loggedIn: boolean;

  /** Liveness: the newest event of any type, heartbeats included. */
  lastEventAt: string;
  lastEventId: string;
  lastHeartbeatAt?: string;
  firstEventAt: string;

  /**
   * The newest non-heartbeat event whose snapshot the view shows. Out-of-order detection compares
   * against this, not against lastEventAt, so a heartbeat that overtakes a state change can't
   * make the state change look stale.
   */
  stateEventAt?: string;
  stateEventId?: string;
  stateEventType?: string;
  loginAt?: string;
  logoutAt?: string;
  /** Newest moment the agent's contact list went from non-empty to empty: when Idle began. */
  contactsClearedAt?: string;

  /** Missed/rejected offers after the last connect, oldest first (bounded). */
  missedOffers: MissedOffer[];
  missedInARow: number;
  lastConnectedAt?: string;

  /** Accumulators for the contacts currently in the snapshot. */
  work: ContactWorkInProgress[];
  /** Ring of the most recent EventIds, oldest first, for duplicate detection. */
  recentEventIds: string[];
}
