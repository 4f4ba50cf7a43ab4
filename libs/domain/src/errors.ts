/**
 * Typed errors with string codes. Code inside the system throws these; only the edges (HTTP filter,
 * queue runner, CLI) translate them into status codes, DLQ reasons or exit codes.
 */
export class BuddieError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** A permanent error will fail the same way on every retry: reject the input instead of retrying. */
    readonly permanent: boolean,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends BuddieError {
  constructor(message: string, details?: unknown) {
    super('INVALID_INPUT', message, true, details);
  }
}

export class NotFoundError extends BuddieError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`, true);
  }
}

export class TransientError extends BuddieError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, false, details);
  }
}

/** Errors from parsers outside this lib carry `code` too (e.g. CONNECT_VALIDATION); treat those as permanent. */
const PERMANENT_CODES = new Set(['CONNECT_VALIDATION', 'INVALID_INPUT', 'NOT_FOUND']);

export function isPermanentError(error: unknown): boolean {
  if (error instanceof BuddieError) return error.permanent;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PERMANENT_CODES.has(code);
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
