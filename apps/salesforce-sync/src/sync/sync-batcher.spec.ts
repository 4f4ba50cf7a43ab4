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

  it('given maxHeld records held (due, in flight, or being taken in), then intake waits until a flush makes room', async () => {
    let finish!: () => void;
    const flushes: string[][] = [];
    const batcher = new SyncBatcher(
      async (keys) => {
        flushes.push(keys);
        await new Promise<void>((resolve) => (finish = resolve));
        return { requeue: [], synced: keys.length, failed: 0 };
      },
      { windowMs: 3_600_000, batchSize: 2, maxPerFlush: 2, maxHeld: 3 },
      () => undefined,
    );
    const taken: string[] = [];
    const take = async (key: string) => {
      const release = await batcher.reserve();
      batcher.add([key]);
      release();
      taken.push(key);
    };
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const intake = Promise.all(['a', 'b', 'c', 'd', 'e'].map(take));
    await tick();
    // a and b are in the running flush, c is due: three held, so d and e wait.
    expect(flushes).toEqual([['a', 'b']]);
    expect(taken).toEqual(['a', 'b', 'c']);
    expect(batcher.held).toBe(3);
    expect(batcher.room).toBe(0);
    finish();
    await tick();
    expect(taken.length).toBeGreaterThan(3);
    for (let i = 0; i < 5 && taken.length < 5; i++) {
      finish();
      await tick();
    }
    await intake;
    const draining = batcher.drain();
    for (let i = 0; i < 5; i++) {
      finish();
      await tick();
    }
    await draining;
    expect(flushes.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    await batcher.stop();
  });
});

