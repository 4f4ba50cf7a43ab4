import type { AgentActivity } from './agent-view.model';

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_CONDITION_KINDS = ['status', 'activity', 'missed-in-a-row', 'stale'] as const;
export type AlertConditionKind = (typeof ALERT_CONDITION_KINDS)[number];

export type AlertCondition =
  /** The agent status (Available, Break, a custom name) has been set for longer than overSeconds. */
  | { kind: 'status'; statusName: string; overSeconds: number }
  | { kind: 'activity'; activity: AgentActivity; overSeconds: number }
  | { kind: 'missed-in-a-row'; count: number }
  /** No event, heartbeat included, for longer than overSeconds (default: two heartbeats plus grace). */
  | { kind: 'stale'; overSeconds?: number };

export interface AlertScope {
  /** Routing profile names or ARNs; the rule applies if the agent's profile is one of them. */
  routingProfiles?: string[];
  /** Queue names or ARNs; the rule applies if the agent serves any of them. */
  queues?: string[];
}

export interface AlertRule {
  /** Part of every alert id, so it may not contain ':'. */
  id: string;
  name: string;
  enabled: boolean;
  condition: AlertCondition;
  scope?: AlertScope;
  severity: AlertSeverity;
}

export type AgentAlertStatus = 'open' | 'cleared';

export interface AgentAlert {
  /** `${agentId}:${ruleId}:${conditionStartIso}`: one alert per occurrence of a condition, stable across evaluations. */
  id: string;
  agentId: string;
  ruleId: string;
  severity: AlertSeverity;
  message: string;
  /** When the condition began (not when it crossed the threshold). */
  startedAt: string;
  raisedAt: string;
  /** Seconds the condition had held at the last evaluation. */
  lastValue: number;
  status: AgentAlertStatus;
  clearedAt?: string;
}

export interface AlertEvaluation {
  raise: AgentAlert[];
  update: AgentAlert[];
  clear: AgentAlert[];
}
