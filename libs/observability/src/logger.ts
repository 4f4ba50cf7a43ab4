import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** A per-app logger: JSON lines in AWS (CloudWatch-friendly), readable text locally. Logs carry ids, never PII. */
export function createLogger(app: string, level: string, format: 'json' | 'pretty'): ConsoleLogger {
  const cut = LEVELS.indexOf(level as LogLevel);
  return new ConsoleLogger(app, {
    json: format === 'json',
    colors: format === 'pretty' && process.stdout.isTTY === true,
    logLevels: LEVELS.slice(0, cut < 0 ? 4 : cut + 1),
    prefix: app,
  });
}
