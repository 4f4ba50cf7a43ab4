import type { Channel, InitiationMethod } from '../connect-enums';
import type { OpenString } from '../validation/decoder';

// The documented value sets live with the agent state logic that reads them.
import type { AgentContactState, AgentEventType } from '@buddie/domain';
export { AGENT_CONTACT_STATES, AGENT_EVENT_TYPES, type AgentContactState, type AgentEventType } from '@buddie/domain';

/** One Kinesis record of the agent event stream (CONNECT-FORMATS.md section b). Unknown fields are kept. */
export interface AgentEvent {
  AgentARN: string;
  AWSAccountId: string;
  InstanceARN: string;
  EventId: string;
  /** Milliseconds precision; order events by this, arrival order is not guaranteed. */
  EventTimestamp: string;
  EventType: AgentEventType;
  Version: string;
  CurrentAgentSnapshot: AgentSnapshot;
  /** Null on LOGIN in practice; the docs do not say. */
  PreviousAgentSnapshot?: AgentSnapshot | null;
}

export interface AgentSnapshot {
  AgentStatus: AgentSnapshotStatus;
  NextAgentStatus?: AgentSnapshotNextStatus | null;
  Configuration: AgentSnapshotConfiguration;
  /** Includes a contact in after-contact work (State ENDED). */
  Contacts: AgentSnapshotContact[];
}

export interface AgentSnapshotStatus {
  /** ARN of the status, not of the agent. */
  ARN: string;
  /** "Available", "Offline" or a custom name such as "Break". */
  Name: string;
  /** Left out by the older doc samples. */
  Type?: OpenString<'ROUTABLE' | 'CUSTOM' | 'OFFLINE'> | null;
  StartTimestamp: string;
}

export interface AgentSnapshotNextStatus {
  ARN?: string | null;
  Name: string;
  EnqueuedTimestamp?: string | null;
}

export interface AgentSnapshotConfiguration {
  FirstName?: string | null;
  LastName?: string | null;
  Username: string;
  /** Agent events call the group name `Name`; the CTR calls it `GroupName`. */
  AgentHierarchyGroups?: AgentSnapshotHierarchyGroups | null;
  RoutingProfile: AgentSnapshotRoutingProfile;
}

export interface AgentSnapshotHierarchyGroup {
  ARN: string;
  Name?: string | null;
}

export interface AgentSnapshotHierarchyGroups {
  Level1?: AgentSnapshotHierarchyGroup | null;
  Level2?: AgentSnapshotHierarchyGroup | null;
  Level3?: AgentSnapshotHierarchyGroup | null;
  Level4?: AgentSnapshotHierarchyGroup | null;
  Level5?: AgentSnapshotHierarchyGroup | null;
}

export interface AgentSnapshotRoutingProfile {
  ARN: string;
  Name: string;
  DefaultOutboundQueue?: AgentSnapshotQueue | null;
  InboundQueues?: AgentSnapshotQueue[] | null;
  Concurrency?: AgentSnapshotConcurrency[] | null;
}

export interface AgentSnapshotQueue {
  ARN: string;
  /** Null for the agent's own queue (`…/queue/agent/{userId}`). */
  Name?: string | null;
  Channels?: Channel[] | null;
}

export interface AgentSnapshotConcurrency {
  Channel: Channel;
  MaximumSlots: number;
  AvailableSlots: number;
}

export interface AgentSnapshotContact {
  ContactId: string;
  InitialContactId?: string | null;
  Channel: Channel;
  InitiationMethod: InitiationMethod;
  State: AgentContactState;
  StateStartTimestamp: string;
  ConnectedToAgentTimestamp?: string | null;
  /** Null when never queued, e.g. OUTBOUND. */
  QueueTimestamp?: string | null;
  Queue?: AgentSnapshotQueue | null;
}
