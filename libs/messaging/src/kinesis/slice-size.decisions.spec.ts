import { firstSliceSize, nextSliceSize, sliceSizeFor, type SliceSizing } from './slice-size.decisions';

const sizing: SliceSizing = { maxRecords: 5000, targetMs: 200, minRecords: 50, catchUpAfterMs: 1000 };

describe('slice sizing (time as well as count)', () => {
  it('given no rate yet, then the first slice is small', () => {
    expect(firstSliceSize(sizing)).toBe(100);
    expect(firstSliceSize({ ...sizing, maxRecords: 20, minRecords: 20 })).toBe(20);
  });

  it.each([
    // [current, records handled, ms taken, next, why]
    [100, 100, 50, 200, 'fast: grows, at most twofold'],
    [1000, 1000, 100, 2000, 'fast: still capped at twofold'],
    [4000, 4000, 100, 5000, 'fast: capped at the count bound'],
    [2000, 2000, 4000, 100, 'slow: shrinks at once to what fits the target'],
    [5000, 5000, 60000, 50, 'very slow: never below the floor'],
    [400, 400, 200, 400, 'on target: stays'],
    [1000, 30, 10, 600, 'a short read: sized from the rate it showed'],
    [300, 0, 0, 300, 'nothing handled: unchanged'],
  ])('given a slice of %i that handled %i records in %i ms, then the next holds %i (%s)', (current, records, ms, next) => {
    expect(nextSliceSize(current, { records, ms }, sizing)).toBe(next);
  });

  it('given the oldest record of the slice has waited past the catch-up bound, then the slice is the count bound; near the tip, the learnt size', () => {
    expect(sliceSizeFor(120, 300, sizing)).toBe(120);
    expect(sliceSizeFor(120, 1000, sizing)).toBe(120);
    expect(sliceSizeFor(120, 1001, sizing)).toBe(5000);
    expect(sliceSizeFor(9000, 0, sizing)).toBe(5000);
  });
});
