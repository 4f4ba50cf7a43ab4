/** One problem found in an input. `path` names the field ("Agent.Username", "Recordings[0].Status"); '' is the input itself. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Thrown by `orThrow`; the code lets edges (HTTP filter, DLQ runner) treat it as a permanent rejection. */
export class ConnectValidationError extends Error {
  readonly code = 'CONNECT_VALIDATION';

  constructor(
    readonly kind: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`invalid ${kind}: ${formatIssues(issues)}`);
    this.name = 'ConnectValidationError';
  }
}

export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('; ');
}

/** For callers that prefer exceptions: the parsed value, or a ConnectValidationError listing every issue. */
export function orThrow<T>(result: ParseResult<T>, kind: string): T {
  if (result.ok) return result.value;
  throw new ConnectValidationError(kind, result.issues);
}
