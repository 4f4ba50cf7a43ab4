import { fixedClock } from '@buddie/domain';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

describe('runSimulation pacing', () => {
  it('given speed 60, when run against a fake clock, then real waiting is the virtual span divided by 60 and records keep virtual order', async () => {
    const clock = fixedClock('2030-01-01T00:00:00.000Z');
    let slept = 0;
    const sleep = async (ms: number): Promise<void> => {
      slept += ms;
      clock.advance(ms);
    };
    const sink = new MemorySink();

    const result = await runSimulation({ seed: 3, agents: 5, hours: 0.5 }, sink, { speed: 60, clock, sleep });

    const first = Date.parse(result.config.start);
    const virtualSpan = result.lastVirtualMs - first;
    expect(slept).toBeGreaterThan(virtualSpan / 60 - 1000);
    expect(slept).toBeLessThanOrEqual(virtualSpan / 60 + 1000);
    const stamps = sink.agentEvents.map((e) => Date.parse(e.EventTimestamp));
    // Per agent strictly ascending is checked elsewhere; globally the stream must not go back by more than the 1 ms tie-break.
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]).toBeGreaterThanOrEqual(stamps[i - 1] - 1);
  });

  it('given a 20-minute warm-up at real time, then the first 20 virtual minutes arrive without waiting and the rest is paced', async () => {
    const clock = fixedClock('2030-01-01T00:00:00.000Z');
    const sink = new MemorySink();
    const deliveredBeforeFirstWait: number[] = [];
    let slept = 0;
    const sleep = async (ms: number): Promise<void> => {
      if (slept === 0) deliveredBeforeFirstWait.push(sink.agentEvents.length);
      slept += ms;
      clock.advance(ms);
    };

    const result = await runSimulation({ seed: 3, agents: 10, hours: 1 }, sink, { speed: 1, clock, sleep, warmUpMs: 20 * 60_000 });

    const start = Date.parse(result.config.start);
    const warm = sink.agentEvents.filter((e) => Date.parse(e.EventTimestamp) < start + 20 * 60_000).length;
    expect(warm).toBeGreaterThan(0);
    expect(deliveredBeforeFirstWait[0]).toBeGreaterThanOrEqual(warm);
    // Everyone logs in within the first five minutes of a short day, so all are on shift before pacing starts.
    expect(new Set(sink.agentEvents.slice(0, deliveredBeforeFirstWait[0]).filter((e) => e.EventType === 'LOGIN').map((e) => e.AgentARN)).size).toBeGreaterThanOrEqual(9);
    expect(slept).toBeGreaterThan(result.lastVirtualMs - start - 20 * 60_000 - 1000);
    expect(slept).toBeLessThanOrEqual(result.lastVirtualMs - start - 20 * 60_000 + 1000);
  });

  it('given an aborted signal, when run, then it stops and says so', async () => {
    const controller = new AbortController();
    const sink = new MemorySink();
    let delivered = 0;
    const counting = { ...sink, ctr: () => undefined, flowLog: () => undefined, transcript: () => undefined, agentEvent: () => void (++delivered === 50 && controller.abort()) };

    const result = await runSimulation({ seed: 3, agents: 20, hours: 2 }, counting, { speed: 'max', signal: controller.signal });

    expect(result.aborted).toBe(true);
    expect(result.counts.agentEvents).toBeLessThan(200);
  });

  it('given a sink that returns promises, then the runner waits for each before the next', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = async (): Promise<void> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      inFlight--;
    };

    const result = await runSimulation({ seed: 4, agents: 5, hours: 0.25 }, { ctr: slow, agentEvent: slow, flowLog: slow, transcript: slow }, { speed: 'max' });

    expect(result.counts.agentEvents).toBeGreaterThan(0);
    expect(maxInFlight).toBe(1);
  });

  it('given a speed that is not positive, then it is rejected', async () => {
    await expect(runSimulation({ seed: 1, agents: 1, hours: 1 }, new MemorySink(), { speed: 0 })).rejects.toThrow(RangeError);
  });
});
