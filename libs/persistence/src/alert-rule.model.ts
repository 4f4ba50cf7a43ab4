import type { AlertRule } from '@buddie/domain';

/** The alert-rules table (edited through the gateway, read by agent-monitor): one validated rule per item. */
export interface AlertRuleRecord {
  ruleId: string;
  rule: AlertRule;
  updatedAt: string;
}
