import type { ContactWork } from '@buddie/domain';

/** The agent-history table (owned by agent-monitor): an agent's timeline, one item per change, with a TTL. */
/** One line of an agent's timeline: a supervisor-visible change, and the contacts it completed. */
export interface AgentHistoryEntry {
  agentId: string;
  /** EventTimestamp of the event that caused the change. */
  timestamp: string;
  eventId: string;
  eventType: string;
  statusName: string;
  activity: string;
  activitySince: string;
  loggedIn: boolean;
  contacts: { contactId: string; state: string }[];
  completedContacts: ContactWork[];
}
