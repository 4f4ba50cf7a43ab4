import { SyncBatcher } from './sync-batcher';

describe('SyncBatcher', () => {
  function recording(requeue: (keys: string[]) => { keys: string[]; delayMs: number }[] = () => []) {
    const flushes: string[][] = [];
    const batcher = new SyncBatcher(
      async (keys) => {
        flushes.push(keys);
        return { requeue: requeue(keys), synced: keys.length, failed: 0 };
      },
      { windowMs: 3_600_000, batchSize: 3, maxPerFlush: 5 },
      () => undefined,
    );
    return { batcher, flushes };
  }

  it('given a full batch, then it flushes without waiting for the window; a key due twice is flushed once', async () => {
    const { batcher, flushes } = recording();
    batcher.add(['a', 'b', 'a', 'c']);
    await batcher.drain();
    expect(flushes).toEqual([['a', 'b', 'c']]);
    await batcher.stop();
  });

  it('given more than one flush takes, then the rest follows in the next flush', async () => {
    const { batcher, flushes } = recording();
    batcher.add(['1', '2', '3', '4', '5', '6', '7']);
    await batcher.drain();
    expect(flushes).toEqual([
      ['1', '2', '3', '4', '5'],
      ['6', '7'],
    ]);
    await batcher.stop();
  });

  it('given a partial batch, then drain flushes it; stop drops delayed keys', async () => {
    const { batcher, flushes } = recording((keys) => [{ keys, delayMs: 3_600_000 }]);
    batcher.add(['x']);
    expect(batcher.pending).toBe(1);
    await batcher.drain();
    expect(flushes).toEqual([['x']]);
    await batcher.stop();
    batcher.add(['y']);
    expect(batcher.pending).toBe(0);
  });
});
