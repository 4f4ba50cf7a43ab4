import { checkConsistency } from './consistency.checker';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

// How fast it runs is measured by `npm run bench:*`, never asserted here (tests do not time the machine).
describe('scale', () => {
  it('given 20,000 agents for 5 simulated minutes, when run at max speed, then every agent logs in and the records stay consistent', async () => {
    const sink = new MemorySink();
    const result = await runSimulation({ seed: 20_000, agents: 20_000, hours: 5 / 60 }, sink, { speed: 'max' });

    const logins = new Set(sink.agentEvents.filter((e) => e.EventType === 'LOGIN').map((e) => e.AgentARN));
    // Shifts in a 5-minute window start within it; a few agents start late by design, so most (not all) log in.
    expect(logins.size).toBeGreaterThan(18_000);
    expect(result.counts.ctrs).toBeGreaterThan(1000);
    expect(checkConsistency(sink.ctrs, sink.agentEvents, sink.flowLogs)).toEqual([]);
  }, 120_000);
});
