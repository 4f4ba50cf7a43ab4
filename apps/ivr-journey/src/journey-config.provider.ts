import { readFileSync } from 'node:fs';
import type { IvrJourneyConfig } from '@buddie/config';
import { DEFAULT_JOURNEY_CONFIG, InvalidInputError, validateJourneyConfig, type JourneyConfig } from '@buddie/domain';

/** Failure rules and the attribute convention: the defaults, or JOURNEY_RULES_FILE validated at boot (fail fast, every problem listed). */
export function loadJourneyConfig(config: IvrJourneyConfig): JourneyConfig {
  if (!config.JOURNEY_RULES_FILE) return DEFAULT_JOURNEY_CONFIG;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config.JOURNEY_RULES_FILE, 'utf8'));
  } catch (error) {
    throw new InvalidInputError(`JOURNEY_RULES_FILE ${config.JOURNEY_RULES_FILE}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = validateJourneyConfig(parsed);
  if (!result.ok) throw new InvalidInputError(`JOURNEY_RULES_FILE ${config.JOURNEY_RULES_FILE}: ${result.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
  return result.config;
}
