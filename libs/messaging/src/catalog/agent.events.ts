import { z } from 'zod';
import { AGENT_ACTIVITIES, AGENT_STATUS_TYPES, ALERT_SEVERITIES, BOARD_ACTIVITIES } from '@buddie/domain';
import { defineEvent, isoTimestamp, nonEmpty } from './event-definition';

const namedArn = z.object({ arn: z.string(), name: z.string() }).strict();

/** Written by apps/agent-monitor/src/agent-monitor.mapper.ts (stateChangedEvent): the board's view of one agent. */
export const AgentStateChanged = defineEvent({
  type: 'AgentStateChanged',
  producer: 'agent-monitor',
  version: 1,
  summary: "an agent's live view changed",
  fields: {
    agentId: nonEmpty,
    /** Grows by one per change of the agent: consumers keep the highest applied and drop re-sends. */
    version: z.number().int().nonnegative(),
    agentArn: nonEmpty,
    username: z.string(),
    name: z.string(),
    eventId: nonEmpty,
    eventType: nonEmpty,
    status: z.object({ name: z.string(), type: z.enum(AGENT_STATUS_TYPES), since: isoTimestamp, arn: z.string().optional() }).strict(),
    nextStatus: z.object({ name: z.string(), arn: z.string().optional(), since: isoTimestamp.optional() }).strict().nullable(),
    /** The contact activity alert rules are about (Idle when no contact is in the snapshot). */
    activity: z.enum(AGENT_ACTIVITIES),
    activitySince: isoTimestamp,
    /** What the board shows (boardActivityOf in libs/domain): status and contact state together. */
    boardActivity: z.enum(BOARD_ACTIVITIES),
    /** The status name for a custom status (Break, Lunch), otherwise the activity's own words. */
    boardActivityLabel: z.string(),
    boardActivitySince: isoTimestamp,
    loggedIn: z.boolean(),
    routingProfile: namedArn,
    queues: z.array(namedArn),
    contacts: z.array(
      z
        .object({
          contactId: nonEmpty,
          channel: z.string(),
          state: z.string(),
          since: isoTimestamp,
          queue: namedArn.nullable(),
          initiationMethod: z.string().optional(),
          initialContactId: z.string().optional(),
          connectedAt: isoTimestamp.optional(),
        })
        .strict(),
    ),
    concurrency: z.array(z.object({ channel: z.string(), max: z.number(), available: z.number() }).strict()),
    missedInARow: z.number().int().nonnegative(),
    lastEventAt: isoTimestamp,
    openAlerts: z.number().int().nonnegative(),
  },
});

/** Both alert events carry the alert as agent-monitor.mapper.ts (alertEvent) writes it. */
const alertFields = {
  alertId: nonEmpty,
  agentId: nonEmpty,
  ruleId: nonEmpty,
  severity: z.enum(ALERT_SEVERITIES),
  message: z.string(),
  startedAt: isoTimestamp,
  raisedAt: isoTimestamp,
  clearedAt: isoTimestamp.nullable(),
  /** Seconds the condition had held at the last evaluation. */
  lastValue: z.number(),
  status: z.enum(['open', 'cleared']),
};

export const AgentAlertRaised = defineEvent({
  type: 'AgentAlertRaised',
  producer: 'agent-monitor',
  version: 1,
  summary: 'an alert rule started to hold for an agent',
  fields: alertFields,
});

export const AgentAlertCleared = defineEvent({
  type: 'AgentAlertCleared',
  producer: 'agent-monitor',
  version: 1,
  summary: 'an open alert stopped holding',
  fields: alertFields,
});
