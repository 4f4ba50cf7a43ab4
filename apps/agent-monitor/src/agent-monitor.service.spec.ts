import { fixedClock, type AgentEventInput, type AgentView } from '@buddie/domain';
import type { AgentOutboxEvent, EventPublisher, ShardBatch } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import type { AgentAlertRepository, AgentChange, AgentChangeWriter, AgentStateRepository, AgentStateSaveExtra } from '@buddie/persistence';
import { JDOE_SHIFT, MGARCIA_SHIFT, readAgentEvents } from '../../../libs/testing/src/fixtures';
import { AgentMonitorService } from './agent-monitor.service';
import type { AlertNotifier } from './alert.notifier';
import type { AlertRulesProvider } from './alert-rules.provider';

const JDOE = readAgentEvents(JDOE_SHIFT);
const MGARCIA = readAgentEvents(MGARCIA_SHIFT);
const idOf = (event: AgentEventInput) => event.AgentARN.split('/agent/')[1];
const JDOE_ID = idOf(JDOE[0]);
const MGARCIA_ID = idOf(MGARCIA[0]);

function batchOf(events: readonly AgentEventInput[], from = 0): ShardBatch {
  return {
    streamName: 'agent-events',
    shardId: 'shardId-000000000000',
    records: events.map((event, index) => ({
      sequenceNumber: String(from + index).padStart(8, '0'),
      partitionKey: event.AgentARN,
      data: Buffer.from(JSON.stringify(event)),
      arrivalMs: Date.parse(event.EventTimestamp),
    })),
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The ports as fakes: a group's transaction (AgentChangeWriter) can be held by call number and can
 * report agents stale once; single state writes, PutEvents calls and their order are recorded.
 */
function harness(livenessWriteMs = 0) {
  const log: string[] = [];
  const savedViews: AgentView[] = [];
  const getRecords: string[][] = [];
  const states = {
    getRecords: async (agentIds: string[]) => {
      getRecords.push(agentIds);
      return new Map();
    },
    save: async (view: AgentView, _expected: number, extra: AgentStateSaveExtra) => {
      log.push(`save ${view.agentId}`);
      savedViews.push(view);
      log.push(`stored ${view.agentId}`);
      return extra.nextVersion as number;
    },
    markPublished: async () => true,
  };
  const published: AgentOutboxEvent[][] = [];
  const publisher = {
    publish: async (events: AgentOutboxEvent[]) => {
      published.push(events);
      log.push(`publish ${[...new Set(events.map((event) => event.detail.agentId))].join(',')}`);
    },
  };
  const held = new Map<number, Deferred>();
  const staleOnce = new Set<string>();
  let writes = 0;
  const changes = {
    write: async (group: AgentChange[]) => {
      const call = ++writes;
      log.push(`write ${group.map((change) => change.view.agentId).join(',')}`);
      await held.get(call)?.promise;
      const stale = group.filter((change) => staleOnce.delete(change.view.agentId)).map((change) => change.view.agentId);
      const versions = new Map<string, number>();
      for (const change of group) {
        if (stale.includes(change.view.agentId)) continue;
        savedViews.push(change.view);
        versions.set(change.view.agentId, change.extra.nextVersion as number);
        log.push(`stored ${change.view.agentId}`);
      }
      return { versions, stale };
    },
  };
  const alerts = { raise: async () => undefined, update: async () => undefined, clear: async () => undefined, openForAgent: async () => [] };
  const rules = { current: () => [] };
  const notifier = { notify: async () => undefined };
  const service = new AgentMonitorService(
    states as unknown as AgentStateRepository,
    changes as unknown as AgentChangeWriter,
    alerts as unknown as AgentAlertRepository,
    rules as unknown as AlertRulesProvider,
    publisher as unknown as EventPublisher,
    notifier as unknown as AlertNotifier,
    new MetricsRegistry(),
    fixedClock('2024-03-12T14:00:00Z'),
    { AGENT_LIVENESS_WRITE_MS: livenessWriteMs },
  );
  return { service, log, held, staleOnce, published, savedViews, getRecords };
}

/** Agent `agentId`'s copy of JDoe's first events (a LOGIN and a state change). */
const agentEvents = (agentId: string) =>
  JDOE.slice(0, 2).map((event) => ({ ...event, AgentARN: event.AgentARN.replace(JDOE_ID, agentId), EventId: `${agentId}-${event.EventId}` }));

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('AgentMonitorService: the latency path of a slice', () => {
  it('given two agents in a slice, then one transaction stores both and their state changes go out in one PutEvents call', async () => {
    const { service, log, published } = harness();

    await service.handleBatch(batchOf([JDOE[0], JDOE[1], MGARCIA[0], MGARCIA[1]]));

    expect(log).toEqual([`write ${JDOE_ID},${MGARCIA_ID}`, `stored ${JDOE_ID}`, `stored ${MGARCIA_ID}`, `publish ${JDOE_ID},${MGARCIA_ID}`]);
    expect(published).toHaveLength(1);
  });

  it("given a heartbeat-only agent ahead of an agent with a state change in the slice, then the announcing agent's state comes first in the group", async () => {
    const { service, log } = harness();
    await service.handleBatch(batchOf(JDOE.slice(0, 2)));
    const heartbeat = JDOE.find((event) => event.EventType === 'HEART_BEAT') as AgentEventInput;
    log.length = 0;

    await service.handleBatch(batchOf([heartbeat, MGARCIA[0]], 10));

    expect(log.filter((line) => line.startsWith('write'))).toEqual([`write ${MGARCIA_ID},${JDOE_ID}`]);
    expect(log.filter((line) => line.startsWith('publish'))).toEqual([`publish ${MGARCIA_ID}`]);
  });

  it("given a slice of nine new agents (two write groups) and the second group's transaction still in flight, then the first group's agents are stored and published already, and the slice resolves only after the second's", async () => {
    const { service, log, held } = harness();
    held.set(2, deferred());
    const agents = Array.from({ length: 9 }, (_, i) => `agent-${i}`);

    const handled = service.handleBatch(batchOf(agents.flatMap(agentEvents)));
    let done = false;
    void handled.then(() => (done = true));
    await flush();

    expect(log.filter((line) => line.startsWith('write'))).toEqual([`write ${agents.slice(0, 5).join(',')}`, `write ${agents.slice(5).join(',')}`]);
    expect(log.filter((line) => line.startsWith('stored'))).toEqual(agents.slice(0, 5).map((agentId) => `stored ${agentId}`));
    // Two state changes each: the group's 10 events in one PutEvents call.
    expect(log.filter((line) => line.startsWith('publish'))).toEqual([`publish ${agents.slice(0, 5).join(',')}`]);
    expect(done).toBe(false);
    held.get(2)?.resolve();
    await handled;
    // The second group's 8 events: one call.
    expect(log.filter((line) => line.startsWith('publish')).slice(1)).toEqual([`publish ${agents.slice(5).join(',')}`]);
  });

  it('given the transaction reports one agent stale (another instance moved it), then only that agent is read again and written again, and every agent is published once', async () => {
    const { service, log, staleOnce, getRecords } = harness();
    staleOnce.add('agent-1');

    await service.handleBatch(batchOf(['agent-0', 'agent-1', 'agent-2'].flatMap(agentEvents)));

    expect(log.filter((line) => line.startsWith('write'))).toEqual(['write agent-0,agent-1,agent-2', 'write agent-1']);
    expect(getRecords).toEqual([['agent-0', 'agent-1', 'agent-2'], ['agent-1']]);
    expect(log.filter((line) => line.startsWith('publish'))).toEqual(['publish agent-0,agent-2', 'publish agent-1']);
  });

  it("given one agent's events of a slice, then they are published in version order in one call", async () => {
    const { service, published } = harness();

    await service.handleBatch(batchOf(JDOE.slice(0, 4)));

    expect(published).toHaveLength(1);
    const versions = published[0].filter((event) => event.type === 'AgentStateChanged').map((event) => (event.detail as { version: number }).version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.length).toBeGreaterThan(1);
  });
});

describe('AgentMonitorService: deferred liveness (AGENT_LIVENESS_WRITE_MS)', () => {
  const heartbeatAfter = (event: AgentEventInput, seconds: number, id: string): AgentEventInput => ({
    ...event,
    EventType: 'HEART_BEAT',
    EventId: id,
    EventTimestamp: new Date(Date.parse(event.EventTimestamp) + seconds * 1000).toISOString(),
  });

  it('given a stored agent, when heartbeats arrive within the bound, then nothing is written or published; past it, the state is written with the newest heartbeat', async () => {
    const { service, log, savedViews } = harness(120_000);
    await service.handleBatch(batchOf(JDOE.slice(0, 2)));
    log.length = 0;

    await service.handleBatch(batchOf([heartbeatAfter(JDOE[1], 120, 'hb-1')], 10));
    expect(log).toEqual([]);

    await service.handleBatch(batchOf([heartbeatAfter(JDOE[1], 240, 'hb-2')], 11));
    expect(log).toEqual([`write ${JDOE_ID}`, `stored ${JDOE_ID}`]);
    expect(savedViews.at(-1)?.lastEventId).toBe('hb-2');
  });

  it('given deferred heartbeats, when the shard is released, then the newest is stored before the agent is let go', async () => {
    const { service, log, savedViews } = harness(120_000);
    await service.handleBatch(batchOf(JDOE.slice(0, 2)));
    await service.handleBatch(batchOf([heartbeatAfter(JDOE[1], 60, 'hb-1')], 10));
    await service.handleBatch(batchOf([heartbeatAfter(JDOE[1], 90, 'hb-2')], 11));
    log.length = 0;

    await service.shardReleased('shardId-000000000000');

    expect(log).toEqual([`save ${JDOE_ID}`, `stored ${JDOE_ID}`]);
    expect(savedViews.at(-1)?.lastEventId).toBe('hb-2');
    expect(service.trackedAgents()).toBe(0);
  });
});
