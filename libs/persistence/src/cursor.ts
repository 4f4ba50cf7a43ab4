import { InvalidInputError } from '@buddie/domain';

/**
 * Which list a cursor belongs to: `list` names the table/index read, `fixed` the key attributes the query
 * pins (its partition). A cursor minted by another list, or carrying another partition's key, is refused as
 * a 400 here rather than reaching DynamoDB as a start key it rejects (a 500).
 */
export interface CursorScope {
  list: string;
  fixed?: Record<string, unknown>;
}

/** Opaque pagination cursors: the DynamoDB LastEvaluatedKey and the list it belongs to, base64url-encoded. */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: CursorScope): string | null {
  return key ? Buffer.from(JSON.stringify({ l: scope.list, k: key }), 'utf8').toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined, allowedKeys: string[], scope: CursorScope): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError('cursor is not valid');
  }
  const { l: list, k: key } = (parsed ?? {}) as { l?: unknown; k?: unknown };
  if (list !== scope.list) throw new InvalidInputError('cursor is not valid for this list');
  if (
    key === null ||
    typeof key !== 'object' ||
    Array.isArray(key) ||
    Object.keys(key).length === 0 ||
    !Object.entries(key).every(([k, v]) => allowedKeys.includes(k) && typeof v === 'string' && v.length <= 1024) ||
    !Object.entries(scope.fixed ?? {}).every(([k, v]) => (key as Record<string, unknown>)[k] === v)
  ) {
    throw new InvalidInputError('cursor is not valid for this list');
  }
  return key as Record<string, unknown>;
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
  /** The list the cursor belongs to (see CursorScope). */
  scope: CursorScope;
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
  let start = decodeCursor(options.cursor, keys, options.scope);
  // Unfiltered, a read of `limit` is exactly a page; filtered, read in larger steps to need fewer round trips.
  const step = options.filtered ? Math.max(limit, 100) : limit;
  do {
    const page = await options.read(start, step);
    const matched = page.Items ?? [];
    for (let i = 0; i < matched.length; i++) {
      items.push(options.map(matched[i]));
      if (items.length === limit) {
        const more = i < matched.length - 1 || page.LastEvaluatedKey !== undefined;
        return { items, nextCursor: more ? encodeCursor(Object.fromEntries(keys.filter((k) => k in matched[i]).map((k) => [k, matched[i][k]])), options.scope) : null };
      }
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return { items, nextCursor: null };
}
