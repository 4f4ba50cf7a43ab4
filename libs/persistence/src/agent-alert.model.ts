import type { AgentAlert } from '@buddie/domain';

/** The agent-alerts table (owned by agent-monitor): the domain's alert, keyed by its id as `alertId`. */
export type AgentAlertRecord = AgentAlert & { alertId: string };
