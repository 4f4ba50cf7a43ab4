import { fixedClock, type AgentEventInput, type AgentView } from '@buddie/domain';
import type { AgentOutboxEvent, EventPublisher, ShardBatch } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import type { AgentAlertRepository, AgentHistoryRepository, AgentStateRepository, AgentStateSaveExtra } from '@buddie/persistence';
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

/** The ports as fakes: state writes can be held per agent, PutEvents calls and their order are recorded. */
function harness(livenessWriteMs = 0) {
  const log: string[] = [];
  const savedViews: AgentView[] = [];
  const held = new Map<string, Deferred>();
  const states = {
    getRecords: async () => new Map(),
    save: async (view: AgentView, _expected: number, extra: AgentStateSaveExtra) => {
      log.push(`save ${view.agentId}`);
      savedViews.push(view);
      await held.get(view.agentId)?.promise;
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
  const historyHeld = new Map<number, Deferred>();
  let historyCalls = 0;
  const history = {
    append: async (entries: { agentId: string }[]) => {
      const call = ++historyCalls;
      log.push(`history ${[...new Set(entries.map((entry) => entry.agentId))].join(',')}`);
      await historyHeld.get(call)?.promise;
    },
  };
  const alerts = { raise: async () => undefined, update: async () => undefined, clear: async () => undefined, openForAgent: async () => [] };
  const rules = { current: () => [] };
  const notifier = { notify: async () => undefined };
  const service = new AgentMonitorService(
    states as unknown as AgentStateRepository,
    history as unknown as AgentHistoryRepository,
    alerts as unknown as AgentAlertRepository,
    rules as unknown as AlertRulesProvider,
    publisher as unknown as EventPublisher,
    notifier as unknown as AlertNotifier,
    new MetricsRegistry(),
    fixedClock('2024-03-12T14:00:00Z'),
    { AGENT_LIVENESS_WRITE_MS: livenessWriteMs },
  );
  return { service, log, held, historyHeld, published, savedViews };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('AgentMonitorService: the latency path of a slice', () => {
  it("given two agents in a slice and the second's state write still in flight, then the first's state changes are published at once, and the slice resolves only after the second's", async () => {
    const { service, log, held } = harness();
    held.set(MGARCIA_ID, deferred());

    const handled = service.handleBatch(batchOf([JDOE[0], JDOE[1], MGARCIA[0], MGARCIA[1]]));
    let done = false;
    void handled.then(() => (done = true));
    await flush();

    const writes = () => log.filter((line) => !line.startsWith('history'));
    expect(writes()).toEqual([`save ${JDOE_ID}`, `save ${MGARCIA_ID}`, `stored ${JDOE_ID}`, `publish ${JDOE_ID}`]);
    expect(done).toBe(false);
    held.get(MGARCIA_ID)?.resolve();
    await handled;
    expect(writes().slice(4)).toEqual([`stored ${MGARCIA_ID}`, `publish ${MGARCIA_ID}`]);
  });

  it("given a heartbeat-only agent ahead of an agent with a state change in the slice, then the announcing agent's state is written first", async () => {
    const { service, log } = harness();
    await service.handleBatch(batchOf(JDOE.slice(0, 2)));
    const heartbeat = JDOE.find((event) => event.EventType === 'HEART_BEAT') as AgentEventInput;
    log.length = 0;

    await service.handleBatch(batchOf([heartbeat, MGARCIA[0]], 10));

    expect(log.filter((line) => line.startsWith('save'))).toEqual([`save ${MGARCIA_ID}`, `save ${JDOE_ID}`]);
    expect(log.filter((line) => line.startsWith('publish'))).toEqual([`publish ${MGARCIA_ID}`]);
  });

  it("given a slice of nine new agents (two write groups) and the second group's history write still in flight, then the first group's agents are stored and published already", async () => {
    const { service, log, historyHeld } = harness();
    historyHeld.set(2, deferred());
    const agents = Array.from({ length: 9 }, (_, i) => `agent-${i}`);
    const events = agents.flatMap((agentId) => JDOE.slice(0, 2).map((event) => ({ ...event, AgentARN: event.AgentARN.replace(JDOE_ID, agentId), EventId: `${agentId}-${event.EventId}` })));

    const handled = service.handleBatch(batchOf(events));
    await flush();

    expect(log.filter((line) => line.startsWith('history'))).toEqual([`history ${agents.slice(0, 8).join(',')}`, 'history agent-8']);
    expect(log.filter((line) => line.startsWith('stored')).sort()).toEqual(agents.slice(0, 8).map((agentId) => `stored ${agentId}`).sort());
    expect(log.some((line) => line.startsWith('publish'))).toBe(true);
    expect(log.some((line) => line.includes('agent-8') && !line.startsWith('history'))).toBe(false);
    historyHeld.get(2)?.resolve();
    await handled;
    expect(log.slice(-2)).toEqual(['stored agent-8', 'publish agent-8']);
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
    expect(log).toEqual([`save ${JDOE_ID}`, `stored ${JDOE_ID}`]);
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
