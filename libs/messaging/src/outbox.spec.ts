import { outboxForWrite, outboxPublished, publishMarkerDue, restoreOutbox } from './outbox';

/** The bookkeeping is the same for any event; agent-monitor's are AgentOutboxEvents. */
const event = (agentId: string, version: number) => ({ type: 'AgentStateChanged', agentId, version });

describe('outbox bookkeeping', () => {
  it('given an item whose marker is behind its version, when restored, then its outbox is pending again', () => {
    const outbox = restoreOutbox({ version: 5, publishedVersion: 3, outbox: [event('a', 4), event('a', 5)] });
    expect(outbox).toEqual({ pending: [event('a', 4), event('a', 5)], publishedVersion: 3, storedPublishedVersion: 3 });
  });

  it('given an item published through its version (or written before the marker existed), when restored, then nothing is pending', () => {
    expect(restoreOutbox({ version: 5, publishedVersion: 5, outbox: [event('a', 5)] }).pending).toEqual([]);
    expect(restoreOutbox({ version: 5 })).toEqual({ pending: [], publishedVersion: 5, storedPublishedVersion: 5 });
  });

  it('given pending events, when the next write adds its own, then the write carries both, oldest first, with the unchanged marker', () => {
    const restored = restoreOutbox({ version: 5, publishedVersion: 4, outbox: [event('a', 5)] });
    expect(outboxForWrite(restored, [event('a', 6)])).toEqual({ pending: [event('a', 5), event('a', 6)], publishedVersion: 4, storedPublishedVersion: 4 });
    expect(outboxForWrite(undefined, [event('a', 1)])).toEqual({ pending: [event('a', 1)], publishedVersion: 0, storedPublishedVersion: 0 });
  });

  it('given a publish of everything pending, then the marker moves to the version and is due to be stored; not before', () => {
    const written = outboxForWrite(restoreOutbox({ version: 2 }), [event('a', 3)]);
    expect(publishMarkerDue(written)).toBe(false);
    const published = outboxPublished(written, 3);
    expect(published).toEqual({ pending: [], publishedVersion: 3, storedPublishedVersion: 2 });
    expect(publishMarkerDue(published)).toBe(true);
  });
});
