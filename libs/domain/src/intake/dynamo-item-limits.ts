/**
 * DynamoDB's limits on one item (developer guide, "Service, account, and table quotas"): 400 KB
 * including attribute names, and documents nested at most 32 levels deep. Checked before a write so
 * an oversized or over-deep record is refused with a reason naming the limit, instead of failing
 * inside the SDK as a 500 (HTTP) or a retried, then dead-lettered, message without a reason.
 */
export const DYNAMO_MAX_ITEM_BYTES = 400 * 1024;
export const DYNAMO_MAX_DEPTH = 32;

export type ItemLimitBreach = { code: 'ITEM_TOO_LARGE'; message: string; bytes: number } | { code: 'ITEM_TOO_DEEP'; message: string; depth: number };

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * An upper estimate of an attribute value's stored size by DynamoDB's sizing rules: strings as UTF-8,
 * numbers up to 21 bytes, booleans and nulls 1, and 3 bytes per list or map plus 1 per element.
 */
function valueBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return 21;
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, item) => sum + 1 + valueBytes(item), 0);
  if (typeof value === 'object') return 3 + Object.entries(value).reduce((sum, [key, item]) => sum + 1 + utf8(key) + valueBytes(item), 0);
  return utf8(String(value));
}

/** Levels of nested lists and maps below a top-level attribute; a scalar attribute is 0, `{a:{b:1}}` is 2. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, depthOf(child));
  return 1 + deepest;
}

/** The first DynamoDB item limit the item would break (with headroom for attributes the repository adds), or undefined. */
export function itemLimitBreach(item: Record<string, unknown>, headroomBytes = 2048): ItemLimitBreach | undefined {
  const depth = Math.max(0, ...Object.values(item).map(depthOf));
  if (depth > DYNAMO_MAX_DEPTH) {
    return { code: 'ITEM_TOO_DEEP', depth, message: `the record nests ${depth} levels deep; DynamoDB stores at most ${DYNAMO_MAX_DEPTH} levels of nested attributes` };
  }
  const bytes = Object.entries(item).reduce((sum, [key, value]) => sum + utf8(key) + valueBytes(value), 0) + headroomBytes;
  if (bytes > DYNAMO_MAX_ITEM_BYTES) {
    return { code: 'ITEM_TOO_LARGE', bytes, message: `the record needs about ${Math.ceil(bytes / 1024)} KB; DynamoDB's item size limit is 400 KB` };
  }
  return undefined;
}
