/**
 * How many records the consumer hands over in one slice. A read can hold 10,000 records, and a
 * slice's records are published only when the whole slice is handled, so on a slow or busy machine a
 * slice bounded by count alone holds its first records back for seconds. The slice is bounded by
 * time too: sized from the handling rate the last slices showed so that one takes about `targetMs`.
 * Pure, so the rule is tested as a table.
 */
export interface SliceSizing {
  /** Upper bound by count (KINESIS_HANDLE_LIMIT). */
  maxRecords: number;
  /** Work between a read and its publish, per slice. */
  targetMs: number;
  /** Lower bound: per-slice overheads (a checkpoint write, a publish round) make tiny slices wasteful. */
  minRecords: number;
  /**
   * Behind by more than this (the slice's oldest record waited this long already), latency is set by
   * the backlog, not by the slice: full slices then, which fold more events of one agent into one
   * write and drain fastest. Without it, small slices on a machine too slow for them fall further behind.
   */
  catchUpAfterMs: number;
}

/** What the previous slice cost. */
export interface SliceOutcome {
  records: number;
  ms: number;
}

/** The slice to cut now: the time-bounded size near the stream's tip, the count bound when behind. */
export function sliceSizeFor(learned: number, oldestWaitedMs: number, sizing: SliceSizing): number {
  return oldestWaitedMs > sizing.catchUpAfterMs ? sizing.maxRecords : Math.min(learned, sizing.maxRecords);
}

/** The first slice of a consumer, before any rate is known: small, so a slow machine shows it at once. */
export function firstSliceSize(sizing: SliceSizing): number {
  return Math.max(1, Math.min(sizing.maxRecords, Math.max(sizing.minRecords, 100)));
}

/**
 * The next slice: what the last one's rate fits into targetMs, growing at most twofold per slice
 * (one fast slice is not a trend) and shrinking at once (a slow one is what the bound is for).
 */
export function nextSliceSize(current: number, outcome: SliceOutcome, sizing: SliceSizing): number {
  const floor = Math.max(1, Math.min(sizing.minRecords, sizing.maxRecords));
  if (outcome.records <= 0) return Math.max(floor, Math.min(current, sizing.maxRecords));
  const fits = outcome.ms <= 0 ? Number.POSITIVE_INFINITY : Math.floor((outcome.records * sizing.targetMs) / outcome.ms);
  const next = Math.min(fits, current * 2, sizing.maxRecords);
  return Math.max(floor, next);
}
