import { forEachLimit } from './concurrency';

describe('forEachLimit', () => {
  const trace = async (items: number[], limit: number, fail?: number) => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await forEachLimit(items, limit, async (item) => {
      started.push(item);
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight--;
      if (item === fail) throw new Error(`item ${item}`);
    });
    return { peak, started };
  };

  it('given a limit, then no more run at once and items start in order', async () => {
    expect(await trace([1, 2, 3, 4, 5, 6, 7], 3)).toEqual({ peak: 3, started: [1, 2, 3, 4, 5, 6, 7] });
  });

  it('given a limit below one, then one runs at a time; given no items, then nothing runs', async () => {
    expect((await trace([1, 2, 3], 0)).peak).toBe(1);
    expect(await trace([], 4)).toEqual({ peak: 0, started: [] });
  });

  it('given a failing item, then it rejects with that failure', async () => {
    await expect(trace([1, 2, 3], 2, 2)).rejects.toThrow('item 2');
  });
});
