import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { systemClock, type Clock } from '@buddie/domain';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

export interface RateLimiter {
  /** Counts one more for the subject in the current window. */
  hit(subject: string): Promise<RateDecision>;
  /** The subject's standing without counting: allowed while its count is below the limit. */
  peek(subject: string): Promise<RateDecision>;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;

/** Fixed one-minute windows per key: one counter each, cheap enough to check on every request. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly clock: Clock = systemClock,
  ) {}

  async hit(subject: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const start = now - (now % WINDOW_MS);
    let window = this.windows.get(subject);
    if (!window || window.start !== start) {
      // Old windows are dropped lazily; the map never holds more than one entry per active key.
      if (this.windows.size > 10_000) this.windows.clear();
      window = { start, count: 0 };
      this.windows.set(subject, window);
    }
    window.count += 1;
    return this.decision(window.count, start + WINDOW_MS - now);
  }

  async peek(subject: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const start = now - (now % WINDOW_MS);
    const window = this.windows.get(subject);
    const count = window && window.start === start ? window.count : 0;
    return { ...this.decision(count + 1, start + WINDOW_MS - now), remaining: Math.max(0, this.limit - count) };
  }

  protected decision(count: number, msLeft: number): RateDecision {
    return { allowed: count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - count), resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
  }

  async close(): Promise<void> {}
}

/** The same windows in Redis, so every gateway instance spends one shared budget per key. */
export class RedisRateLimiter implements RateLimiter {
  private readonly logger = new Logger('RedisRateLimiter');
  private readonly fallback: MemoryRateLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly prefix: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.fallback = new MemoryRateLimiter(limit, clock);
  }

  async hit(subject: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const start = now - (now % WINDOW_MS);
    const key = `${this.prefix}:rl:${subject}:${start}`;
    try {
      const [[, count]] = (await this.redis.multi().incr(key).pexpire(key, WINDOW_MS + 1000).exec()) as [[Error | null, number]];
      return { allowed: count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - count), resetSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
    } catch (error) {
      // Redis being down must not take the API down with it: limit per instance until it is back.
      this.logger.warn(`rate limiting per instance, Redis failed: ${error instanceof Error ? error.message : String(error)}`);
      return this.fallback.hit(subject);
    }
  }

  async peek(subject: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    const start = now - (now % WINDOW_MS);
    try {
      const count = Number((await this.redis.get(`${this.prefix}:rl:${subject}:${start}`)) ?? 0);
      return { allowed: count + 1 <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - count), resetSeconds: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) };
    } catch (error) {
      this.logger.warn(`rate limiting per instance, Redis failed: ${error instanceof Error ? error.message : String(error)}`);
      return this.fallback.peek(subject);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
