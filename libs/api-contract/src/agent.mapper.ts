import { boardActivityOf, type AgentAlert, type AgentContactView, type AgentView, type BoardActivity, type BoardActivityState } from '@buddie/domain';
import type { BuddieEventDetails } from '@buddie/messaging';
import type { AgentHistoryEntry, AgentStateItem } from '@buddie/persistence';
import type { AgentAlertDto, AgentContactDto, AgentDto, AgentTimelineDto, BoardActivityValue } from './agent.dto';

/** Compile-time: the DTO's activity list is the domain's, no more and no less. */
const _sameActivities: [BoardActivity] extends [BoardActivityValue] ? ([BoardActivityValue] extends [BoardActivity] ? true : never) : never = true;

type AgentViewFields = Pick<AgentView, 'agentId' | 'username' | 'name' | 'status' | 'activity' | 'activitySince' | 'routingProfile' | 'queues' | 'loggedIn' | 'contacts' | 'lastEventAt'> & {
  nextStatus?: { name: string } | null;
};

function contactDto(contact: Pick<AgentContactView, 'contactId' | 'channel' | 'state' | 'since' | 'queue'>): AgentContactDto {
  return { contactId: contact.contactId, channel: contact.channel, state: contact.state, since: contact.since, queueName: contact.queue?.name ?? null };
}

/** One mapping for both sources (the stored item's view and AgentStateChanged), so the board sees one shape. */
function agentDto(view: AgentViewFields, version: number, openAlerts: number, board: BoardActivityState): AgentDto {
  return {
    agentId: view.agentId,
    version,
    username: view.username,
    name: view.name,
    statusName: view.status.name,
    statusType: view.status.type,
    statusSince: view.status.since,
    nextStatusName: view.nextStatus?.name ?? null,
    activity: view.activity,
    activitySince: view.activitySince,
    boardActivity: board.activity,
    boardActivityLabel: board.label,
    boardActivitySince: board.since,
    routingProfileName: view.routingProfile.name,
    queueNames: view.queues.map((queue) => queue.name),
    loggedIn: view.loggedIn,
    openAlerts,
    alerting: openAlerts > 0,
    contacts: view.contacts.map(contactDto),
    lastEventAt: view.lastEventAt,
  };
}

export function toAgentDto(agent: AgentStateItem): AgentDto {
  // Items stored before the board fields existed: the stored view is the full view, so derive them the same way.
  const board: BoardActivityState =
    agent.boardActivity !== undefined ? { activity: agent.boardActivity, label: agent.boardActivityLabel, since: agent.boardActivitySince } : boardActivityOf(agent.view);
  return agentDto(agent.view, agent.version, agent.openAlerts, board);
}

export function agentStateChangedToDto(detail: BuddieEventDetails['AgentStateChanged']): AgentDto {
  return agentDto(detail, detail.version, detail.openAlerts, { activity: detail.boardActivity, label: detail.boardActivityLabel, since: detail.boardActivitySince });
}

export function toAgentTimelineDto(agentId: string, date: string, entries: AgentHistoryEntry[]): AgentTimelineDto {
  return {
    agentId,
    date,
    entries: entries.map((entry) => ({
      timestamp: entry.timestamp,
      eventId: entry.eventId,
      eventType: entry.eventType,
      statusName: entry.statusName,
      activity: entry.activity,
      activitySince: entry.activitySince,
      loggedIn: entry.loggedIn,
      contacts: entry.contacts.map((c) => ({ contactId: c.contactId, state: c.state })),
      completedContacts: entry.completedContacts.map((c) => ({
        contactId: c.contactId,
        channel: c.channel,
        connectedAt: c.connectedAt,
        holdSeconds: c.holdSeconds,
        holds: c.holds,
        acwStart: c.acwStart,
        acwEnd: c.acwEnd,
        acwSeconds: c.acwSeconds,
        missed: c.missed,
      })),
    })),
  };
}

export function toAgentAlertDto(alert: AgentAlert): AgentAlertDto {
  return {
    id: alert.id,
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
}

export function agentAlertEventToDto(detail: BuddieEventDetails['AgentAlertRaised'] | BuddieEventDetails['AgentAlertCleared']): AgentAlertDto {
  return {
    id: detail.alertId,
    agentId: detail.agentId,
    ruleId: detail.ruleId,
    severity: detail.severity,
    message: detail.message,
    startedAt: detail.startedAt,
    raisedAt: detail.raisedAt,
    clearedAt: detail.clearedAt ?? null,
    lastValue: detail.lastValue,
    status: detail.status,
  };
}
