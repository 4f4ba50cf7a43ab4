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

type Key = Record<string, unknown>;

export interface FullPageOptions<T> {
  limit: number;
  cursor: string | undefined;
  /** The attributes a cursor may hold: the table key plus, for an index, the index key. */
  keys: string[];
  /** Whether a filter applies after the read (only then can a read return fewer matches than it evaluated). */
  filtered: boolean;
  /** One Query or Scan from `start`, evaluating at most `limit` items. */
  read(start: Key | undefined, limit: number): Promise<{ Items?: Key[]; LastEvaluatedKey?: Key }>;
  map(item: Key): T;
}

/**
 * A full page even when a filter runs after DynamoDB reads (FilterExpression applies after Limit): reads
 * on until `limit` items matched or the table ends. The cursor is the key of the last item returned, never
 * a position read past, so no item is skipped or repeated, and the last page says so with a null cursor.
 */
export async function readFullPage<T>(options: FullPageOptions<T>): Promise<Page<T>> {
  const { limit, keys } = options;
  const items: T[] = [];
  let start = decodeCursor(options.cursor, keys);
  // Unfiltered, a read of `limit` is exactly a page; filtered, read in larger steps to need fewer round trips.
  const step = options.filtered ? Math.max(limit, 100) : limit;
  do {
    const page = await options.read(start, step);
    const matched = page.Items ?? [];
    for (let i = 0; i < matched.length; i++) {
      items.push(options.map(matched[i]));
      if (items.length === limit) {
        const more = i < matched.length - 1 || page.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(Object.fromEntries(keys.filter((k) => k in matched[i]).map((k) => [k, matched[i][k]]))) : null };
      }
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return { items, nextCursor: null };
}
