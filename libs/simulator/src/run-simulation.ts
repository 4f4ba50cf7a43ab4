import { systemClock, type Clock } from '@buddie/domain';
import { resolveConfig, type SimulationConfig, type SimulationConfigInput } from './simulation.config';
import { SimulationEngine, type Emission, type SimulationStats } from './simulator.engine';
import type { SimulatorSink } from './simulator.sink';

export interface RunOptions {
  /** 1 = real time, N = N times faster, 'max' = no waiting at all. */
  speed: number | 'max';
  signal?: AbortSignal;
  /** Real-time clock for pacing (injected in tests). */
  clock?: Clock;
  /** How to wait for real time to catch up (injected in tests). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * The first stretch of virtual time is emitted at once, then pacing begins: a center that has been
   * open this long when the run starts, everyone already logged in and busy. Ignored at 'max'.
   */
  warmUpMs?: number;
  /**
   * The real instant (epoch ms of `clock`) that the end of the warm-up maps to; the run's own start by
   * default. A caller that derived the virtual start from the clock passes the same reading, so that
   * building the engine does not put the simulated clock behind the wall clock.
   */
  pacedFromRealMs?: number;
}

export interface RecordCounts {
  ctrs: number;
  agentEvents: number;
  flowLogs: number;
  transcripts: number;
}

export interface SimulationResult {
  config: SimulationConfig;
  counts: RecordCounts;
  stats: SimulationStats;
  /** Virtual instant of the last record emitted. */
  lastVirtualMs: number;
  aborted: boolean;
  elapsedMs: number;
}

const realClock: Clock = systemClock;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function isPromise(value: unknown): value is Promise<void> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function deliver(sink: SimulatorSink, e: Emission, counts: RecordCounts): void | Promise<void> {
  switch (e.kind) {
    case 'ctr':
      counts.ctrs++;
      return sink.ctr(e.record);
    case 'agentEvent':
      counts.agentEvents++;
      return sink.agentEvent(e.record);
    case 'flowLog':
      counts.flowLogs++;
      return sink.flowLog(e.entry);
    case 'transcript':
      counts.transcripts++;
      return sink.transcript(e.contactId, e.doc);
  }
}

/**
 * Runs a simulated day into a sink. Virtual time maps onto real time at `speed`; at 'max' the run only yields to
 * the event loop now and then so that an abort signal (and other work in the process) still gets through.
 */
export async function runSimulation(input: SimulationConfig | SimulationConfigInput, sink: SimulatorSink, options: RunOptions): Promise<SimulationResult> {
  const config = resolveConfig(input);
  const clock = options.clock ?? realClock;
  const sleep = options.sleep ?? defaultSleep;
  const speed = options.speed;
  if (speed !== 'max' && !(speed > 0)) throw new RangeError(`speed must be a positive number or 'max', got ${String(speed)}`);
  const engine = new SimulationEngine(config);
  const counts: RecordCounts = { ctrs: 0, agentEvents: 0, flowLogs: 0, transcripts: 0 };
  const realStart = options.pacedFromRealMs ?? clock.now().getTime();
  const virtualStart = engine.startMs;
  const pacedFrom = virtualStart + (options.warmUpMs ?? 0);
  const batch: Emission[] = [];
  let lastVirtualMs = virtualStart;
  let aborted = false;
  let steps = 0;
  for (;;) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    const next = engine.nextTime();
    if (next === undefined) break;
    if (speed !== 'max') {
      const due = realStart + (next - pacedFrom) / speed;
      // Whole milliseconds: clocks (Date) cannot advance by less, so a fractional wait would never end.
      const wait = Math.ceil(due - clock.now().getTime());
      if (wait >= 1) {
        await sleep(wait, options.signal);
        continue;
      }
    } else if (++steps % 20_000 === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    engine.step(batch);
    for (let i = 0; i < batch.length; i++) {
      const e = batch[i];
      lastVirtualMs = e.at;
      const pending = deliver(sink, e, counts);
      if (isPromise(pending)) await pending;
    }
    batch.length = 0;
  }
  if (sink.flush) await sink.flush();
  return { config, counts, stats: engine.stats(), lastVirtualMs, aborted, elapsedMs: clock.now().getTime() - realStart };
}
