import { isIsoTimestamp, isoTimestampToMillis } from './index';

describe('isoTimestampToMillis', () => {
  it.each([
    ['2024-03-12T14:03:21Z', Date.UTC(2024, 2, 12, 14, 3, 21)],
    ['2024-03-12T14:03:21.123Z', Date.UTC(2024, 2, 12, 14, 3, 21, 123)],
    ['2024-03-12T14:03:21.1Z', Date.UTC(2024, 2, 12, 14, 3, 21, 100)],
    ['2024-03-12T14:03:21.123456Z', Date.UTC(2024, 2, 12, 14, 3, 21, 123)],
    ['2024-03-12T16:03:21+02:00', Date.UTC(2024, 2, 12, 14, 3, 21)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, millis) => {
    expect(isoTimestampToMillis(text)).toBe(millis);
  });

  it.each([
    '2024-03-12',
    '2024-03-12T14:03Z',
    '2024-03-12 14:03:21Z',
    '2024-03-12T14:03:21',
    '03/12/2024 14:03:21',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-03-12T24:00:00Z',
    '',
    'now',
  ])('rejects %p', (text) => {
    expect(isoTimestampToMillis(text)).toBeUndefined();
    expect(isIsoTimestamp(text)).toBe(false);
  });
});
