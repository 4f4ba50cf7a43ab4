import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

// Control characters (CR/LF above all) and the Unicode line separators are what forge log lines.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g;

/**
 * Escapes what could end a log line or fake a new one, the way JSON would: `\n`, `\r`... JSON.stringify
 * leaves U+2028, U+2029 and DEL as they are (they are valid in JSON strings), so those get `\uXXXX`.
 */
export function escapeLogText(text: string): string {
  return text.replace(CONTROL, (char) => {
    const json = JSON.stringify(char).slice(1, -1);
    return json !== char ? json : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text lines escape control characters inside every message, so input that reaches a message (an id,
 * a reason) can never start a forged line. JSON lines are escaped by JSON itself.
 */
class EscapingConsoleLogger extends ConsoleLogger {
  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    const text: unknown = super.stringifyMessage(message, logLevel);
    return typeof text === 'string' ? escapeLogText(text) : String(text);
  }
}

/** A per-app logger: JSON lines in AWS (CloudWatch-friendly), readable text locally. Logs carry ids, never PII. */
export function createLogger(app: string, level: string, format: 'json' | 'pretty'): ConsoleLogger {
  const cut = LEVELS.indexOf(level as LogLevel);
  return new EscapingConsoleLogger(app, {
    json: format === 'json',
    colors: format === 'pretty' && process.stdout.isTTY === true,
    logLevels: LEVELS.slice(0, cut < 0 ? 4 : cut + 1),
    prefix: app,
  });
}
