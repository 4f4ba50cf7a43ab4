import { fixedClock } from '@buddie/domain';
import { runLiveCenter } from './live-center';
import type { AgentEventRecord } from './connect-records';
import type { SimulatorSink } from './simulator.sink';

/** Records what the wall clock read when each agent event was handed to the sink. */
function recordingSink(now: () => number): SimulatorSink & { events: { event: AgentEventRecord; deliveredAt: number }[] } {
  const events: { event: AgentEventRecord; deliveredAt: number }[] = [];
  return {
    events,
    ctr: () => undefined,
    flowLog: () => undefined,
    transcript: () => undefined,
    agentEvent: (event) => void events.push({ event, deliveredAt: now() }),
  };
}

describe('runLiveCenter: the simulated clock is the wall clock at speed 1', () => {
  it('given a 10-minute warm-up, when two short days run against an injected clock, then nothing is stamped ahead of the clock and, past the warm-up, every record is stamped with the instant it is delivered at', async () => {
    const clock = fixedClock('2031-05-06T09:30:00.000Z');
    const joinedAt = clock.now().getTime();
    const sink = recordingSink(() => clock.now().getTime());
    const abort = new AbortController();
    // Days of half an hour; stop an hour of wall time in, well into the second or third day.
    const sleep = async (ms: number): Promise<void> => {
      clock.advance(ms);
      if (clock.now().getTime() > joinedAt + 60 * 60_000) abort.abort();
    };

    const days = await runLiveCenter(sink, { agents: 8, speed: 1, seed: 5, hours: 0.5, warmUpMs: 10 * 60_000, clock, sleep, signal: abort.signal });

    expect(days).toBeGreaterThanOrEqual(1);
    const stamped = sink.events.map(({ event, deliveredAt }) => ({ type: event.EventType, ahead: Date.parse(event.EventTimestamp) - deliveredAt, deliveredAt }));
    expect(stamped.length).toBeGreaterThan(100);
    // Never ahead of the wall clock (a tie-break may add a millisecond or two to an instant).
    expect(Math.max(...stamped.map((s) => s.ahead))).toBeLessThanOrEqual(5);
    // Warm-up records are the day's past; everything after it is delivered when it happens.
    const paced = stamped.filter((s) => s.deliveredAt > joinedAt);
    expect(paced.length).toBeGreaterThan(50);
    expect(Math.min(...paced.map((s) => s.ahead))).toBeGreaterThanOrEqual(-5);
    const heartbeats = paced.filter((s) => s.type === 'HEART_BEAT');
    expect(heartbeats.length).toBeGreaterThan(10);
    expect(Math.max(...heartbeats.map((s) => Math.abs(s.ahead)))).toBeLessThanOrEqual(5);
  });

  it('given the first day is over, when the next begins, then it is joined at the clock\'s now, warm-up before it, not where the previous day\'s start would put it', async () => {
    const clock = fixedClock('2031-05-06T09:30:00.000Z');
    const sink = recordingSink(() => clock.now().getTime());
    const abort = new AbortController();
    const logins: { at: number; deliveredAt: number }[] = [];
    const counting: SimulatorSink = {
      ...sink,
      agentEvent: (event) => {
        sink.agentEvent(event);
        if (event.EventType === 'LOGIN') logins.push({ at: Date.parse(event.EventTimestamp), deliveredAt: clock.now().getTime() });
      },
    };
    const joinedAt = clock.now().getTime();
    const sleep = async (ms: number): Promise<void> => {
      clock.advance(ms);
      if (clock.now().getTime() > joinedAt + 8 * 3_600_000) abort.abort();
    };

    const days = await runLiveCenter(counting, { agents: 6, speed: 1, seed: 9, hours: 0.25, warmUpMs: 5 * 60_000, clock, sleep, signal: abort.signal });

    expect(days).toBeGreaterThanOrEqual(2);
    // A second day's logins: stamped at most the warm-up before the moment they were delivered, never after it.
    const later = logins.filter((login) => login.deliveredAt > logins[0].deliveredAt + 15 * 60_000);
    expect(later.length).toBeGreaterThan(0);
    for (const login of later) {
      expect(login.at).toBeLessThanOrEqual(login.deliveredAt + 5);
      expect(login.at).toBeGreaterThanOrEqual(login.deliveredAt - 5 * 60_000);
    }
  });
});
