import 'reflect-metadata';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => {
    const own = Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
    return [...own, ...flatten(error.children ?? [])];
  });
}

/**
 * The one place that reads process.env (DESIGN.md 4): every app validates its whole config at boot and
 * fails with one error listing every bad variable, not the first.
 */
export function loadConfig<T extends object>(schema: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const known = Object.keys(new schema());
  const source: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') source[key] = value;
  }
  const instance = plainToInstance(schema, source, { exposeDefaultValues: true });
  const problems = flatten(validateSync(instance, { whitelist: true, forbidUnknownValues: false }));
  if (problems.length > 0) throw new ConfigError(problems);
  return instance;
}
