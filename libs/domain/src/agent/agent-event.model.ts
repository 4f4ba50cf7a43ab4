/**
 * The slice of an Amazon Connect agent event stream record (CONNECT-FORMATS.md (b)) that the agent
 * state logic reads. Structural and deliberately loose (plain strings, optional/nullable wherever
 * the docs allow) so that whatever @buddie/connect's parser returns for a record is assignable to it
 * without domain depending on connect. Field names are the record's own.
 */

/** Documented EventType values; the field itself is a plain string so new types pass through. */
export const AGENT_EVENT_TYPES = ['LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT'] as const;
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];

/** Documented Contacts[].State values (REJECTED never occurs for voice). */
export const AGENT_CONTACT_STATES = [
  'INCOMING',
  'PENDING',
  'CONNECTING',
  'CONNECTED',
  'CONNECTED_ONHOLD',
  'MISSED',
  'REJECTED',
  'ERROR',
  'ENDED',
] as const;
export type AgentContactState = (typeof AGENT_CONTACT_STATES)[number];

export interface AgentStatusInput {
  Name: string;
  /** Left out by the older doc samples; derived from the name when missing. */
  Type?: string | null;
  StartTimestamp: string;
  ARN?: string | null;
}

export interface NextAgentStatusInput {
  Name: string;
  ARN?: string | null;
  EnqueuedTimestamp?: string | null;
}

export interface AgentQueueInput {
  ARN: string;
  /** The agent's own queue has `Name: null`. */
  Name?: string | null;
  Channels?: readonly string[] | null;
}

export interface ConcurrencyInput {
  Channel: string;
  MaximumSlots: number;
  AvailableSlots: number;
}

export interface RoutingProfileInput {
  ARN: string;
  Name: string;
  DefaultOutboundQueue?: AgentQueueInput | null;
  InboundQueues?: readonly AgentQueueInput[] | null;
  Concurrency?: readonly ConcurrencyInput[] | null;
}

export interface HierarchyGroupInput {
  ARN: string;
  Name?: string | null;
}

export interface AgentHierarchyGroupsInput {
  Level1?: HierarchyGroupInput | null;
  Level2?: HierarchyGroupInput | null;
  Level3?: HierarchyGroupInput | null;
  Level4?: HierarchyGroupInput | null;
  Level5?: HierarchyGroupInput | null;
}

export interface AgentConfigurationInput {
  Username: string;
  FirstName?: string | null;
  LastName?: string | null;
  RoutingProfile: RoutingProfileInput;
  AgentHierarchyGroups?: AgentHierarchyGroupsInput | null;
}

export interface AgentContactInput {
  ContactId: string;
  InitialContactId?: string | null;
  Channel: string;
  InitiationMethod?: string | null;
  State: string;
  StateStartTimestamp: string;
  ConnectedToAgentTimestamp?: string | null;
  QueueTimestamp?: string | null;
  Queue?: { ARN: string; Name?: string | null } | null;
}

export interface AgentSnapshotInput {
  AgentStatus: AgentStatusInput;
  NextAgentStatus?: NextAgentStatusInput | null;
  Configuration: AgentConfigurationInput;
  Contacts?: readonly AgentContactInput[] | null;
}

export interface AgentEventInput {
  AgentARN: string;
  EventId: string;
  EventTimestamp: string;
  EventType: string;
  CurrentAgentSnapshot: AgentSnapshotInput;
  /** The docs don't say what LOGIN carries here; null is accepted everywhere. */
  PreviousAgentSnapshot?: AgentSnapshotInput | null;
}
