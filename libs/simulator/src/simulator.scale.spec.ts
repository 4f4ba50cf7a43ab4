import { checkConsistency } from './consistency.checker';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

describe('scale', () => {
  it('given 20,000 agents for 5 simulated minutes, when run at max speed, then it finishes quickly, every agent logs in and the records stay consistent', async () => {
    const sink = new MemorySink();
    const started = Date.now();

    const result = await runSimulation({ seed: 20_000, agents: 20_000, hours: 5 / 60 }, sink, { speed: 'max' });

    const logins = new Set(sink.agentEvents.filter((e) => e.EventType === 'LOGIN').map((e) => e.AgentARN));
    // Shifts in a 5-minute window start within it; a few agents start late by design, so most (not all) log in.
    expect(logins.size).toBeGreaterThan(18_000);
    expect(result.counts.ctrs).toBeGreaterThan(1000);
    expect(checkConsistency(sink.ctrs, sink.agentEvents, sink.flowLogs)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);
});
