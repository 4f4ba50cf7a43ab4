import { fixedClock } from '@buddie/domain';
import type { Page } from '@buddie/persistence';
import { storedAgent, storedAlert, storedContact, storedEscalation, storedJourney, storedSummary, syncRecord } from '../../../../libs/api-contract/src/testing/stored-records';
import { SnapshotReader, type SnapshotSources } from './live.snapshot';

/** A fake paged source: `total` items, `pageSize` a page, recording each query it was asked. */
function paged<T>(make: (i: number) => T, total: number, pageSize: number) {
  const queries: Record<string, unknown>[] = [];
  const list = (query: { cursor?: string } & Record<string, unknown>): Promise<Page<T>> => {
    queries.push(query);
    const from = Number(query.cursor ?? 0);
    const to = Math.min(total, from + pageSize);
    return Promise.resolve({ items: Array.from({ length: to - from }, (_, i) => make(from + i)), nextCursor: to < total ? String(to) : null });
  };
  return { list, queries };
}

function setup(limit = 1000) {
  const agents = paged((i) => storedAgent(`a${i}`), 7, 3);
  const alerts = paged((i) => storedAlert(`al${i}`), 2, 10);
  const escalations = { listByStatus: (q: { status: 'open' | 'acknowledged' | 'resolved' }) => Promise.resolve({ items: [storedEscalation(`${q.status}-1`, q.status)], nextCursor: null }) };
  const one = <T>(item: T) => ({ list: () => Promise.resolve({ items: [item], nextCursor: 'more' }) });
  const sources = {
    agents: { get: (id: string) => Promise.resolve(id === 'a1' ? storedAgent('a1') : undefined), list: agents.list },
    alerts: { list: alerts.list },
    escalations,
    summaries: one(storedSummary('s')),
    journeys: one(storedJourney('j')),
    contacts: one(storedContact('c')),
    sync: one(syncRecord('y')),
  } as unknown as SnapshotSources;
  return { reader: new SnapshotReader(sources, limit, fixedClock('2026-12-01T12:00:00.000Z')), agents, alerts };
}

describe('SnapshotReader', () => {
  it('given agents on several pages, when the agents room is read, then every page is drained and stamped with the clock', async () => {
    const { reader, agents } = setup();
    const snapshot = await reader.of('agents');
    expect(snapshot.at).toBe('2026-12-01T12:00:00.000Z');
    expect(snapshot.items.map((a) => (a as { agentId: string }).agentId)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(agents.queries.map((q) => q.cursor)).toEqual([undefined, '3', '6']);
  });

  it('given a snapshot limit, then reading stops at it', async () => {
    const { reader, agents } = setup(4);
    expect((await reader.of('agents')).items).toHaveLength(4);
    expect(agents.queries).toHaveLength(2);
  });

  it('given a queue room, then the repository is asked for that queue only', async () => {
    const { reader, agents } = setup();
    await reader.of('queue:Billing');
    expect(agents.queries.every((q) => q.queue === 'Billing')).toBe(true);
  });

  it('given an agent room, then it holds that agent or nothing', async () => {
    const { reader } = setup();
    expect((await reader.of('agent:a1')).items).toMatchObject([{ agentId: 'a1', statusName: 'Available' }]);
    expect((await reader.of('agent:zz')).items).toEqual([]);
  });

  it('given the escalations room, then it holds the open and the acknowledged ones, never the resolved', async () => {
    const { reader } = setup();
    expect((await reader.of('escalations')).items).toMatchObject([{ escalationId: 'open-1', status: 'open' }, { escalationId: 'acknowledged-1', status: 'acknowledged' }]);
  });

  it('given stored records with internal attributes, then every room holds its DTO only', async () => {
    const { reader } = setup();
    const rooms = ['agents', 'agent:a1', 'queue:Billing', 'alerts', 'escalations', 'summaries', 'journeys', 'contacts', 'sync'] as const;
    const text = JSON.stringify(await Promise.all(rooms.map((room) => reader.of(room))));
    for (const internal of ['outbox', 'openAlertItems', 'publishedVersion', 'listPartition', 'fingerprint', 'usage', 'transcriptLocation', 'internalNote', 'ctr', 'view']) {
      expect(text).not.toContain(`"${internal}"`);
    }
  });

  it('given open alerts, then the alerts room lists them; the recent-item rooms read one page', async () => {
    const { reader, alerts } = setup();
    expect((await reader.of('alerts')).items).toHaveLength(2);
    expect(alerts.queries[0]).toMatchObject({ status: 'open' });
    expect((await reader.of('journeys')).items).toMatchObject([{ contactId: 'j', failed: true, outcome: 'in-progress', entryFlowName: 'Main IVR', version: 1 }]);
    expect((await reader.of('sync')).items).toMatchObject([{ contactId: 'y', state: 'pending' }]);
  });
});
