/** The clock is injected everywhere decisions depend on time, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Milliseconds on a monotonic source, for durations, deadlines, pacing and backoff only: never a
 * timestamp of a record or event (those come from the injected Clock). Unaffected by wall-clock steps.
 */
export function monotonicMs(): number {
  return performance.now();
}

export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void; advance(ms: number): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
