import type { JourneyContactInput } from './journey.model';

/** The CTR fields a journey reads (structurally a @buddie/connect ContactTraceRecord). */
export interface JourneyCtrLike {
  ContactId: string;
  Channel: string;
  InitiationMethod: string;
  InitiationTimestamp: string;
  DisconnectTimestamp?: string | null;
  DisconnectReason?: string | null;
  Attributes?: Record<string, string> | null;
  Queue?: { Name?: string | null; EnqueueTimestamp?: string | null; DequeueTimestamp?: string | null } | null;
  Agent?: { ConnectedToAgentTimestamp?: string | null } | null;
}

/** The caller's number never enters the journey: only the key the app derived from it (a keyed hash). */
export function journeyContactFromCtr(ctr: JourneyCtrLike, callerKey: string | null): JourneyContactInput {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctr.Attributes ?? {})) if (typeof value === 'string') attributes[key] = value;
  return {
    contactId: ctr.ContactId,
    channel: ctr.Channel,
    initiationMethod: ctr.InitiationMethod,
    initiationTimestamp: ctr.InitiationTimestamp,
    disconnectTimestamp: ctr.DisconnectTimestamp ?? null,
    disconnectReason: ctr.DisconnectReason ?? null,
    queue: ctr.Queue ? { name: ctr.Queue.Name ?? null, enqueueTimestamp: ctr.Queue.EnqueueTimestamp ?? null, dequeueTimestamp: ctr.Queue.DequeueTimestamp ?? null } : null,
    agentConnected: Boolean(ctr.Agent?.ConnectedToAgentTimestamp),
    attributes,
    callerKey,
  };
}
