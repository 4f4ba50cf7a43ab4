import type { AgentAlert, AlertEvaluation, AlertRule, AlertScope } from './agent-alert.model';
import { DEFAULT_HEARTBEAT_WINDOW_MS, isStale } from './agent-view.evolve';
import type { AgentActivity, AgentView } from './agent-view.model';

/** The thresholds a contact center starts with; replace them with a validated rules file. */
export const DEFAULT_ALERT_RULES: readonly Readonly<AlertRule>[] = [
  {
    id: 'acw-over-120s',
    name: 'After contact work over 2 minutes',
    enabled: true,
    condition: { kind: 'activity', activity: 'AfterContactWork', overSeconds: 120 },
    severity: 'warning',
  },
  {
    id: 'hold-over-90s',
    name: 'Customer on hold over 90 seconds',
    enabled: true,
    condition: { kind: 'activity', activity: 'OnHold', overSeconds: 90 },
    severity: 'warning',
  },
  {
    id: 'break-over-15m',
    name: 'Break over 15 minutes',
    enabled: true,
    condition: { kind: 'status', statusName: 'Break', overSeconds: 15 * 60 },
    severity: 'info',
  },
  {
    id: 'missed-3-in-a-row',
    name: '3 missed contacts in a row',
    enabled: true,
    condition: { kind: 'missed-in-a-row', count: 3 },
    severity: 'critical',
  },
  {
    id: 'stale-agent',
    name: 'No events from a logged-in agent',
    enabled: true,
    condition: { kind: 'stale' },
    severity: 'warning',
  },
];

export function alertId(agentId: string, ruleId: string, conditionStartIso: string): string {
  return `${agentId}:${ruleId}:${conditionStartIso}`;
}

const ACTIVITY_LABELS: Readonly<Record<AgentActivity, string>> = {
  Idle: 'idle',
  Incoming: 'an incoming offer',
  Connecting: 'connecting',
  OnContact: 'on contact',
  OnHold: 'a hold',
  AfterContactWork: 'after contact work',
  Missed: 'a missed contact',
};

interface ConditionState {
  /** When the condition began; it identifies the occurrence, so it is part of the alert id. */
  start: string;
  seconds: number;
  /** The threshold is crossed: an alert is due. */
  over: boolean;
  message: string;
}

function elapsedSeconds(fromIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
}

function inScope(view: AgentView, scope: AlertScope | undefined): boolean {
  if (scope === undefined) return true;
  const profiles = scope.routingProfiles;
  if (profiles !== undefined && !profiles.includes(view.routingProfile.name) && !profiles.includes(view.routingProfile.arn)) {
    return false;
  }
  const queues = scope.queues;
  if (queues !== undefined && !view.queues.some((queue) => queues.includes(queue.name) || queues.includes(queue.arn))) {
    return false;
  }
  return true;
}

/** undefined when the condition does not hold. A logged-out agent holds none: their alerts clear. */
function conditionState(view: AgentView, rule: AlertRule, now: Date): ConditionState | undefined {
  if (!view.loggedIn) return undefined;
  const nowMs = now.getTime();
  const who = view.username;
  const condition = rule.condition;
  switch (condition.kind) {
    case 'status': {
      if (view.status.name.toLowerCase() !== condition.statusName.toLowerCase()) return undefined;
      const seconds = elapsedSeconds(view.status.since, nowMs);
      return {
        start: view.status.since,
        seconds,
        over: seconds > condition.overSeconds,
        message: `${who} has been in status ${view.status.name} for more than ${condition.overSeconds} s`,
      };
    }
    case 'activity': {
      if (view.activity !== condition.activity) return undefined;
      const seconds = elapsedSeconds(view.activitySince, nowMs);
      return {
        start: view.activitySince,
        seconds,
        over: seconds > condition.overSeconds,
        message: `${who} has been in ${ACTIVITY_LABELS[condition.activity]} for more than ${condition.overSeconds} s`,
      };
    }
    case 'missed-in-a-row': {
      if (view.missedInARow < condition.count) return undefined;
      // The condition began with the offer that completed the run, not with the first miss.
      const start = view.missedOffers[condition.count - 1].at;
      return {
        start,
        seconds: elapsedSeconds(start, nowMs),
        over: true,
        message: `${who} missed ${view.missedInARow} contacts in a row`,
      };
    }
    case 'stale': {
      const windowMs = condition.overSeconds === undefined ? DEFAULT_HEARTBEAT_WINDOW_MS : condition.overSeconds * 1000;
      if (!isStale(view, now, windowMs)) return undefined;
      return {
        start: view.lastEventAt,
        seconds: elapsedSeconds(view.lastEventAt, nowMs),
        over: true,
        message: `no events from ${who} for more than ${Math.round(windowMs / 1000)} s while logged in`,
      };
    }
  }
}

/**
 * When an open alert's condition ended, as far as the view can tell: the moment whatever replaced it
 * began. Falls back to `now` when the view has nothing better (rule disabled, agent logged out).
 */
function conditionEnd(view: AgentView, rule: AlertRule, alert: AgentAlert, now: Date): number {
  let candidate: string | undefined;
  switch (rule.condition.kind) {
    case 'status':
      candidate = view.status.since;
      break;
    case 'activity':
      candidate = view.activitySince;
      break;
    case 'missed-in-a-row':
      candidate = view.lastConnectedAt;
      break;
    case 'stale':
      candidate = view.lastEventAt;
      break;
  }
  const nowMs = now.getTime();
  if (candidate === undefined) return nowMs;
  const endMs = Date.parse(candidate);
  return endMs > Date.parse(alert.startedAt) && endMs <= nowMs ? endMs : nowMs;
}

/**
 * Decide which alerts of this agent to raise, update or clear. Pure: `openAlerts` is what the caller
 * has stored as open (alerts of other agents in it are left alone); applying the result and calling
 * again with the same view and time yields nothing new, so repeated evaluation raises exactly once.
 */
export function evaluateAlerts(
  view: AgentView,
  rules: readonly Readonly<AlertRule>[],
  openAlerts: readonly AgentAlert[],
  now: Date,
): AlertEvaluation {
  const result: AlertEvaluation = { raise: [], update: [], clear: [] };
  const nowIso = now.toISOString();
  const mine = openAlerts.filter((alert) => alert.agentId === view.agentId && alert.status === 'open');
  const handled = new Set<AgentAlert>();

  const clearAlert = (alert: AgentAlert, rule: AlertRule | undefined): void => {
    const endMs = rule === undefined ? now.getTime() : conditionEnd(view, rule, alert, now);
    result.clear.push({ ...alert, status: 'cleared', clearedAt: nowIso, lastValue: elapsedSeconds(alert.startedAt, endMs) });
  };

  for (const rule of rules) {
    const state = rule.enabled && inScope(view, rule.scope) ? conditionState(view, rule, now) : undefined;
    const id = state === undefined ? undefined : alertId(view.agentId, rule.id, state.start);
    let current = false;
    for (const alert of mine) {
      if (alert.ruleId !== rule.id) continue;
      handled.add(alert);
      if (state !== undefined && alert.id === id) {
        current = true;
        if (alert.lastValue !== state.seconds) result.update.push({ ...alert, lastValue: state.seconds });
      } else {
        // A different occurrence (a new ACW, a new break) is a new alert; the old one is over.
        clearAlert(alert, rule);
      }
    }
    if (state !== undefined && id !== undefined && !current && state.over) {
      result.raise.push({
        id,
        agentId: view.agentId,
        ruleId: rule.id,
        severity: rule.severity,
        message: state.message,
        startedAt: state.start,
        raisedAt: nowIso,
        lastValue: state.seconds,
        status: 'open',
      });
    }
  }
  // Rules that were removed since the alert was raised.
  for (const alert of mine) if (!handled.has(alert)) clearAlert(alert, undefined);
  return result;
}
