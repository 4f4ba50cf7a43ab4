import { fixedClock } from '@buddie/domain';

describe('fixedClock', () => {
  it('returns the time it was set to and advances only when told', () => {
    const clock = fixedClock('2024-03-12T14:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2024-03-12T14:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2024-03-12T14:00:01.500Z');
  });
});
