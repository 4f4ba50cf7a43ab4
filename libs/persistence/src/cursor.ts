import { InvalidInputError } from '@buddie/domain';

/** Opaque pagination cursors: the DynamoDB LastEvaluatedKey, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined, allowedKeys: string[]): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError('cursor is not valid');
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    Array.isArray(parsed) ||
    !Object.entries(parsed).every(([k, v]) => allowedKeys.includes(k) && typeof v === 'string' && v.length <= 1024)
  ) {
    throw new InvalidInputError('cursor is not valid');
  }
  return parsed as Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
