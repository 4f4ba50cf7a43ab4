/**
 * A record's LastUpdateTimestamp orders its copies: the newest wins. One stamped far in the future
 * would win forever (every genuine later copy then looks stale), so anything further ahead of our
 * clock than the allowed skew is refused.
 */
export function futureTimestampProblem(timestamp: string, now: Date, maxSkewSeconds: number): string | undefined {
  const at = Date.parse(timestamp);
  if (Number.isNaN(at)) return undefined;
  const ahead = at - now.getTime();
  if (ahead <= maxSkewSeconds * 1000) return undefined;
  return `LastUpdateTimestamp ${timestamp} is ${Math.round(ahead / 1000)} s ahead of the server clock; at most ${maxSkewSeconds} s is allowed`;
}
