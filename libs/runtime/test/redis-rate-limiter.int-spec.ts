import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { fixedClock } from '@buddie/domain';
import { RedisRateLimiter } from '../src/auth/rate-limiter';

const REDIS_URL = process.env.BUDDIE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Two gateway instances' limiters on one Redis, on one injected clock, under a prefix of this run's own. */
describe('RedisRateLimiter on a real Redis', () => {
  let up = false;
  const clients: Redis[] = [];
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  const connect = (url = REDIS_URL) => {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => null });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  const ready = (...redis: Redis[]) => Promise.all(redis.map((r) => (r.status === 'ready' ? undefined : new Promise((resolve) => r.once('ready', resolve)))));

  beforeAll(async () => {
    up = await reachable(REDIS_URL);
    if (!up) {
      const message = `Redis is not reachable at ${REDIS_URL}: the shared rate-limit test needs it (start redis-server or set BUDDIE_TEST_REDIS_URL)`;
      if (process.env.CI === 'true') throw new Error(message);
      console.warn(`SKIPPED: ${message}`);
    }
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => clients.forEach((c) => c.disconnect()));

  it('given two instances, then they spend one budget per key: the fourth request of a limit of 3 is refused on either', async () => {
    if (!up) return;
    const clock = fixedClock('2026-12-01T10:00:15.000Z');
    const [first, second] = [connect(), connect()];
    await ready(first, second);
    const [a, b] = [new RedisRateLimiter(first, 3, prefix, clock), new RedisRateLimiter(second, 3, prefix, clock)];

    const decisions = [await a.hit('key-1'), await b.hit('key-1'), await a.hit('key-1'), await b.hit('key-1')];

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3].resetSeconds).toBe(45);
    expect((await a.hit('key-2')).allowed).toBe(true);
  });

  it('given peek, then the standing is read without spending; the next minute on the clock starts a new window', async () => {
    if (!up) return;
    const clock = fixedClock('2026-12-01T10:05:59.000Z');
    const redis = connect();
    await ready(redis);
    const limiter = new RedisRateLimiter(redis, 1, prefix, clock);

    expect(await limiter.peek('key-3')).toMatchObject({ allowed: true, remaining: 1 });
    expect((await limiter.hit('key-3')).allowed).toBe(true);
    expect(await limiter.peek('key-3')).toMatchObject({ allowed: false, remaining: 0 });
    expect((await limiter.hit('key-3')).allowed).toBe(false);

    clock.advance(1_000);
    expect((await limiter.hit('key-3')).allowed).toBe(true);
  });

  it('given Redis unreachable, then the API stays up and limits per instance instead', async () => {
    const clock = fixedClock('2026-12-01T10:10:00.000Z');
    // Nothing listens on port 1: every command fails at once.
    const limiter = new RedisRateLimiter(connect('redis://127.0.0.1:1'), 2, prefix, clock);

    const decisions = [await limiter.hit('key-4'), await limiter.hit('key-4'), await limiter.hit('key-4')];

    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
    expect((await limiter.peek('key-4')).allowed).toBe(false);
  });
});
