import type { AgentEventInput, AgentView, ContactWork } from '@buddie/domain';
import type { PublishableEvent } from '@buddie/messaging';
import type { AgentHistoryEntry } from '@buddie/persistence';

/** What the live board needs, without the accumulators and the dedup ring the view keeps for itself. */
export function stateChangedEvent(view: AgentView, event: AgentEventInput, openAlerts: number): PublishableEvent<'AgentStateChanged'> {
  return {
    type: 'AgentStateChanged',
    detail: {
      correlationId: event.EventId,
      occurredAt: event.EventTimestamp,
      agentId: view.agentId,
      agentArn: view.agentArn,
      username: view.username,
      name: view.name,
      eventId: event.EventId,
      eventType: event.EventType,
      status: view.status,
      nextStatus: view.nextStatus ?? null,
      activity: view.activity,
      activitySince: view.activitySince,
      loggedIn: view.loggedIn,
      routingProfile: view.routingProfile,
      queues: view.queues,
      contacts: view.contacts,
      concurrency: view.concurrency,
      missedInARow: view.missedInARow,
      lastEventAt: view.lastEventAt,
      openAlerts,
    },
    resources: [view.agentArn],
  };
}

export function historyEntry(view: AgentView, event: AgentEventInput, completedContacts: ContactWork[]): AgentHistoryEntry {
  return {
    agentId: view.agentId,
    timestamp: event.EventTimestamp,
    eventId: event.EventId,
    eventType: event.EventType,
    statusName: view.status.name,
    activity: view.activity,
    activitySince: view.activitySince,
    loggedIn: view.loggedIn,
    contacts: view.contacts.map((contact) => ({ contactId: contact.contactId, state: contact.state })),
    completedContacts,
  };
}
