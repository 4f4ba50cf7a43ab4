import { entryTime } from './local-event-router';

describe('entryTime (PutEvents Time as EventBridge reads it)', () => {
  const now = new Date('2026-12-01T11:00:00.000Z');

  it.each([
    ['epoch seconds, as the SDK JSON protocol sends them', 1710252005, '2024-03-12T14:00:05.000Z'],
    ['fractional epoch seconds', 1710252005.25, '2024-03-12T14:00:05.250Z'],
    ['epoch seconds as a string', '1710252005', '2024-03-12T14:00:05.000Z'],
    ['ISO 8601', '2024-03-12T14:00:05.123Z', '2024-03-12T14:00:05.123Z'],
    ['nothing', undefined, '2026-12-01T11:00:00.000Z'],
  ])('given %s, then the event time is that instant', (_name, value, expected) => {
    expect(entryTime(value, now)?.toISOString()).toBe(expected);
  });

  it.each([['text', 'yesterday'], ['an object', { at: 1 }], ['infinity', Number.POSITIVE_INFINITY]])('given %s, then it is not a time', (_name, value) => {
    expect(entryTime(value, now)).toBeUndefined();
  });
});
