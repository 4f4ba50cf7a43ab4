export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs?: number;
  /** Decides whether an error is worth another attempt (throttling, timeouts, 5xx). */
  retryable(error: unknown): boolean;
  /** A delay the provider asked for (Retry-After), used as the floor for the next wait. */
  requestedDelayMs?(error: unknown): number | undefined;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Bounded retries with "full jitter" exponential backoff (AWS Architecture Blog), so throttled
 * workers spread out instead of retrying in lockstep. The last error is rethrown unchanged.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const cap = options.maxDelayMs ?? 20000;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxAttempts || !options.retryable(error)) throw error;
      const jittered = Math.floor(random() * Math.min(cap, options.baseDelayMs * 2 ** (n - 1)));
      const delay = Math.min(cap, Math.max(jittered, options.requestedDelayMs?.(error) ?? 0));
      options.onRetry?.(error, n, delay);
      await sleep(delay);
    }
  }
}
