import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentMonitorConfig } from '@buddie/config';
import { DEFAULT_ALERT_RULES, InvalidInputError, validateAlertRules, type AlertRule } from '@buddie/domain';
import { AlertRuleRepository } from '@buddie/persistence';
import { BUDDIE_CONFIG } from '@buddie/runtime';

/** Reads and validates a rules file; a bad file stops the boot with every issue listed. */
export function loadRulesFile(file: string): AlertRule[] {
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`ALERT_RULES_FILE ${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = validateAlertRules(input);
  if (!result.ok) {
    throw new InvalidInputError(`ALERT_RULES_FILE ${file} has invalid rules: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues: result.issues,
    });
  }
  return result.rules;
}

/**
 * The rules in force. A rules file, when configured, is the source and is written to the table at
 * boot so the API shows what is in force; otherwise the table (edited through the gateway) is,
 * seeded with the defaults when empty. Refreshed periodically so API edits apply without a restart.
 */
@Injectable()
export class AlertRulesProvider {
  private readonly logger = new Logger(AlertRulesProvider.name);
  private rules: readonly AlertRule[] = DEFAULT_ALERT_RULES;

  constructor(
    @Inject(BUDDIE_CONFIG) private readonly config: AgentMonitorConfig,
    private readonly repository: AlertRuleRepository,
  ) {}

  current(): readonly AlertRule[] {
    return this.rules;
  }

  async init(): Promise<void> {
    if (this.config.ALERT_RULES_FILE) {
      const rules = loadRulesFile(this.config.ALERT_RULES_FILE);
      await this.repository.replaceAll(rules);
      this.rules = rules;
      this.logger.log(`${rules.length} alert rule(s) from ${this.config.ALERT_RULES_FILE}`);
      return;
    }
    const stored = await this.repository.list();
    if (stored.length === 0) {
      await this.repository.replaceAll(DEFAULT_ALERT_RULES.map((rule) => ({ ...rule })));
      this.rules = DEFAULT_ALERT_RULES;
    } else {
      this.rules = stored;
    }
  }

  async refresh(): Promise<void> {
    try {
      const stored = await this.repository.list();
      // Stored rules went through validation on the way in; re-validate anyway, a table can be edited by hand.
      const result = validateAlertRules(stored);
      if (result.ok) this.rules = result.rules;
      else this.logger.warn(`stored alert rules are invalid, keeping the previous set: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    } catch (error) {
      this.logger.warn(`alert rules refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
