import { systemClock, type Clock } from '@buddie/domain';
import { runSimulation, type RunOptions } from './run-simulation';
import type { SimulatorSink } from './simulator.sink';

export interface LiveCenterOptions {
  agents: number;
  /** 1 = real time: every record is stamped with the wall-clock instant it is delivered at. */
  speed: number;
  seed: number;
  /** Length of one simulated day. */
  hours?: number;
  /** Virtual time a day has already run when it is joined: everyone is logged in and busy at once. */
  warmUpMs?: number;
  signal?: AbortSignal;
  /** The wall clock (injected in tests); the day's start and the pacing both read it. */
  clock?: Clock;
  sleep?: RunOptions['sleep'];
}

export const LIVE_DAY_HOURS = 8;
export const LIVE_WARM_UP_MS = 15 * 60_000;


/**
 * Back-to-back simulated days, each joined `warmUpMs` in: the board fills within seconds of a start
 * (everyone logs in during a day's first minutes) and the center never closes while it runs. Each
 * day starts `warmUpMs` before the clock's now and is paced from now on, so at speed 1 the simulated
 * clock is the wall clock: one clock decides both, read once per day, never two that could drift.
 */
export async function runLiveCenter(sink: SimulatorSink, options: LiveCenterOptions): Promise<number> {
  const clock = options.clock ?? systemClock;
  const warmUpMs = options.warmUpMs ?? LIVE_WARM_UP_MS;
  let days = 0;
  while (!options.signal?.aborted) {
    const joinAt = clock.now().getTime();
    const start = new Date(joinAt - warmUpMs).toISOString();
    await runSimulation({ agents: options.agents, hours: options.hours ?? LIVE_DAY_HOURS, seed: options.seed + days, start }, sink, {
      speed: options.speed,
      signal: options.signal,
      clock,
      sleep: options.sleep,
      warmUpMs,
      pacedFromRealMs: joinAt,
    });
    days++;
  }
  return days;
}
