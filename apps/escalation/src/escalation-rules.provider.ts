import { readFileSync } from 'node:fs';
import type { EscalationConfig } from '@buddie/config';
import { DEFAULT_ESCALATION_RULES, InvalidInputError, validateEscalationRules, type EscalationRule } from '@buddie/domain';

/** The escalation rules: the defaults, or ESCALATION_RULES_FILE validated at boot (fail fast, every problem listed with its path). */
export function loadEscalationRules(config: EscalationConfig): EscalationRule[] {
  if (!config.ESCALATION_RULES_FILE) return DEFAULT_ESCALATION_RULES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config.ESCALATION_RULES_FILE, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`ESCALATION_RULES_FILE ${config.ESCALATION_RULES_FILE}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = validateEscalationRules(parsed);
  if (!result.ok) throw new InvalidInputError(`ESCALATION_RULES_FILE ${config.ESCALATION_RULES_FILE}: ${result.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  return result.rules;
}
