import { arn, channel, contactId, initiationMethod, username } from '../validation/connect-decoders';
import {
  array,
  matching,
  nonNegativeInteger,
  object,
  oneOf,
  openSet,
  optional,
  run,
  string,
  timestamp,
} from '../validation/decoder';
import type { ParseResult } from '../validation/validation-result';
import {
  AGENT_CONTACT_STATES,
  AGENT_EVENT_TYPES,
  type AgentEvent,
  type AgentSnapshot,
  type AgentSnapshotConcurrency,
  type AgentSnapshotConfiguration,
  type AgentSnapshotContact,
  type AgentSnapshotHierarchyGroup,
  type AgentSnapshotHierarchyGroups,
  type AgentSnapshotNextStatus,
  type AgentSnapshotQueue,
  type AgentSnapshotRoutingProfile,
  type AgentSnapshotStatus,
} from './agent-event.types';

const text = optional(string());

const queue = object<AgentSnapshotQueue>({ ARN: arn, Name: text, Channels: optional(array(channel)) });

const concurrency = object<AgentSnapshotConcurrency>({
  Channel: channel,
  MaximumSlots: nonNegativeInteger,
  AvailableSlots: nonNegativeInteger,
});

const routingProfile = object<AgentSnapshotRoutingProfile>({
  ARN: arn,
  Name: string({ min: 1 }),
  DefaultOutboundQueue: optional(queue),
  InboundQueues: optional(array(queue)),
  Concurrency: optional(array(concurrency)),
});

const hierarchyGroup = object<AgentSnapshotHierarchyGroup>({
  ARN: arn,
  Name: optional(string({ min: 1, max: 256 })),
});

const hierarchyGroups = object<AgentSnapshotHierarchyGroups>({
  Level1: optional(hierarchyGroup),
  Level2: optional(hierarchyGroup),
  Level3: optional(hierarchyGroup),
  Level4: optional(hierarchyGroup),
  Level5: optional(hierarchyGroup),
});

const configuration = object<AgentSnapshotConfiguration>({
  FirstName: text,
  LastName: text,
  Username: username,
  AgentHierarchyGroups: optional(hierarchyGroups),
  RoutingProfile: routingProfile,
});

const agentStatus = object<AgentSnapshotStatus>({
  ARN: arn,
  Name: string({ min: 1 }),
  Type: optional(openSet(['ROUTABLE', 'CUSTOM', 'OFFLINE'])),
  StartTimestamp: timestamp,
});

const nextAgentStatus = object<AgentSnapshotNextStatus>({
  ARN: optional(arn),
  Name: string({ min: 1 }),
  EnqueuedTimestamp: optional(timestamp),
});

const snapshotContact = object<AgentSnapshotContact>({
  ContactId: contactId,
  InitialContactId: optional(contactId),
  Channel: channel,
  InitiationMethod: initiationMethod,
  State: oneOf(AGENT_CONTACT_STATES),
  StateStartTimestamp: timestamp,
  ConnectedToAgentTimestamp: optional(timestamp),
  QueueTimestamp: optional(timestamp),
  Queue: optional(queue),
});

const snapshot = object<AgentSnapshot>({
  AgentStatus: agentStatus,
  NextAgentStatus: optional(nextAgentStatus),
  Configuration: configuration,
  Contacts: array(snapshotContact),
});

export const agentEventDecoder = object<AgentEvent>({
  AgentARN: arn,
  AWSAccountId: matching(/^\d{12}$/, 'a 12-digit AWS account id'),
  InstanceARN: arn,
  EventId: string({ min: 1 }),
  EventTimestamp: timestamp,
  EventType: oneOf(AGENT_EVENT_TYPES),
  Version: string({ min: 1 }),
  CurrentAgentSnapshot: snapshot,
  PreviousAgentSnapshot: optional(snapshot),
});

export function parseAgentEvent(input: unknown): ParseResult<AgentEvent> {
  return run(agentEventDecoder, input);
}
