import { fixedClock } from '@buddie/domain';
import { MemoryRateLimiter } from './rate-limiter';

describe('MemoryRateLimiter (fixed one-minute windows on the injected clock)', () => {
  it('given a limit of 2, when a key hits three times in one window, then the third is refused and other keys keep their own budget', async () => {
    const limiter = new MemoryRateLimiter(2, fixedClock('2024-03-12T15:00:10Z'));
    const a = [await limiter.hit('a'), await limiter.hit('a'), await limiter.hit('a')];
    expect(a.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(a.map((d) => d.remaining)).toEqual([1, 0, 0]);
    expect((await limiter.hit('b')).allowed).toBe(true);
  });

  it('given a spent window, when the clock reaches the next minute, then the key is allowed again', async () => {
    const clock = fixedClock('2024-03-12T15:00:59.999Z');
    const limiter = new MemoryRateLimiter(1, clock);
    expect((await limiter.hit('a')).allowed).toBe(true);
    expect((await limiter.hit('a')).allowed).toBe(false);
    clock.advance(1);
    expect((await limiter.hit('a')).allowed).toBe(true);
  });

  it('says how many seconds are left in the window, rounded up and never 0', async () => {
    const clock = fixedClock('2024-03-12T15:00:10.500Z');
    const limiter = new MemoryRateLimiter(5, clock);
    expect((await limiter.hit('a')).resetSeconds).toBe(50);
    clock.set('2024-03-12T15:00:59.999Z');
    expect((await limiter.hit('a')).resetSeconds).toBe(1);
  });

  it('peek reports the standing without counting', async () => {
    const limiter = new MemoryRateLimiter(1, fixedClock('2024-03-12T15:00:00Z'));
    expect(await limiter.peek('a')).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.peek('a')).toMatchObject({ allowed: true, remaining: 1 });
    await limiter.hit('a');
    expect(await limiter.peek('a')).toMatchObject({ allowed: false, remaining: 0 });
  });
});
