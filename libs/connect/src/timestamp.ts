/**
 * Connect mixes precisions: CTR timestamps are whole seconds (`2024-03-12T14:03:21Z`), agent events, contact
 * events and flow logs carry milliseconds (`.sssZ`). Both, and explicit offsets, are ISO 8601 and accepted;
 * anything `Date.parse` would guess at (`03/12/2024`, `2024-03-12 14:03`) is not.
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO 8601 timestamp, or undefined when the string is not one (or names no real date). */
export function isoTimestampToMillis(value: string): number | undefined {
  const m = ISO_8601.exec(value);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = m;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  // Date.UTC rolls 2024-02-30 over to March; comparing the parts back catches impossible dates.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    calendar.getUTCFullYear() !== Number(year) ||
    calendar.getUTCMonth() !== Number(month) - 1 ||
    calendar.getUTCDate() !== Number(day)
  ) {
    return undefined;
  }
  const millis = fraction === '' ? '' : `.${fraction.padEnd(3, '0').slice(0, 3)}`;
  const parsed = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${zone}`);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export function isIsoTimestamp(value: unknown): value is string {
  return typeof value === 'string' && isoTimestampToMillis(value) !== undefined;
}
