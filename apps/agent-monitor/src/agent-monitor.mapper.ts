import { boardActivityOf, type AgentAlert, type AgentAnnouncement, type AgentEventInput, type AgentHistoryPoint, type AgentView, type ContactWork } from '@buddie/domain';
import type { AgentOutboxEvent, EventDetailInput, PublishableEvent } from '@buddie/messaging';
import type { AgentHistoryEntry } from '@buddie/persistence';

/**
 * What the live board needs, without the accumulators and the dedup ring the view keeps for itself.
 * `version` grows by one per change of the agent, so a consumer that keeps the highest version it
 * applied per agent can drop the re-sends that at-least-once publishing produces after a crash.
 */
export function stateChangedEvent(view: AgentView, event: AgentEventInput, openAlerts: number, version: number): PublishableEvent<'AgentStateChanged'> {
  const board = boardActivityOf(view);
  return {
    type: 'AgentStateChanged',
    detail: {
      correlationId: event.EventId,
      occurredAt: event.EventTimestamp,
      agentId: view.agentId,
      version,
      agentArn: view.agentArn,
      username: view.username,
      name: view.name,
      eventId: event.EventId,
      eventType: event.EventType,
      status: view.status,
      nextStatus: view.nextStatus ?? null,
      activity: view.activity,
      activitySince: view.activitySince,
      boardActivity: board.activity,
      boardActivityLabel: board.label,
      boardActivitySince: board.since,
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

/** The catalog event of a plan's announcement. */
export function announcementEvent(announcement: AgentAnnouncement): AgentOutboxEvent {
  switch (announcement.kind) {
    case 'state-changed':
      return stateChangedEvent(announcement.view, announcement.event, announcement.openAlerts, announcement.version);
    case 'alert-raised':
      return alertEvent('AgentAlertRaised', announcement.alert);
    case 'alert-cleared':
      return alertEvent('AgentAlertCleared', announcement.alert);
  }
}

export function historyEntryOf(point: AgentHistoryPoint): AgentHistoryEntry {
  return historyEntry(point.view, point.event, point.completedContacts);
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

export type AlertNoticeKind = 'AgentAlertRaised' | 'AgentAlertCleared';

export function alertEvent(kind: AlertNoticeKind, alert: AgentAlert): PublishableEvent<'AgentAlertRaised'> | PublishableEvent<'AgentAlertCleared'> {
  const detail = {
    correlationId: alert.id,
    occurredAt: kind === 'AgentAlertRaised' ? alert.raisedAt : (alert.clearedAt ?? alert.raisedAt),
    alertId: alert.id,
    agentId: alert.agentId,
    ruleId: alert.ruleId,
    severity: alert.severity,
    message: alert.message,
    startedAt: alert.startedAt,
    raisedAt: alert.raisedAt,
    clearedAt: alert.clearedAt ?? null,
    lastValue: alert.lastValue,
    status: alert.status,
  };
  if (kind === 'AgentAlertRaised') return { type: 'AgentAlertRaised', detail };
  return { type: 'AgentAlertCleared', detail };
}

/** What both alert events carry, as the catalog types them (AgentAlertRaised and AgentAlertCleared share their fields). */
export type AlertEventDetail = EventDetailInput<'AgentAlertRaised'> | EventDetailInput<'AgentAlertCleared'>;

/** The alert an alert event announces (an outbox entry read back after a restart carries only the event). */
export function alertOfEvent(detail: AlertEventDetail): AgentAlert {
  return {
    id: detail.alertId,
    agentId: detail.agentId,
    ruleId: detail.ruleId,
    severity: detail.severity,
    message: detail.message,
    startedAt: detail.startedAt,
    raisedAt: detail.raisedAt,
    lastValue: detail.lastValue,
    status: detail.status,
    ...(detail.clearedAt !== null ? { clearedAt: detail.clearedAt } : {}),
  };
}
