/**
 * A shift of N agents from the simulator (libs/simulator): logins, offers, calls, holds, ACW, breaks,
 * missed contacts, transfers and a HEART_BEAT every 120 s while idle, exactly the agent event stream
 * `buddie simulate` writes and `npm start` streams. Seeded, so every run replays the same shift.
 */
import type { AgentEventInput } from '@buddie/domain';
import { MemorySink, runSimulation } from '@buddie/simulator';

export interface SyntheticShift {
  events: AgentEventInput[];
  /** Simulated time the shift spans, first to last event. */
  spanMs: number;
  agents: number;
  heartbeats: number;
}

export async function simulatedShift(agents: number, hours: number, seed = 7): Promise<SyntheticShift> {
  const sink = new MemorySink();
  await runSimulation({ agents, hours, seed }, sink, { speed: 'max' });
  const events: AgentEventInput[] = sink.agentEvents;
  // Emitted in simulated-time order already; a stable sort keeps it so if that ever changes.
  events.sort((a, b) => Date.parse(a.EventTimestamp) - Date.parse(b.EventTimestamp));
  return {
    events,
    agents,
    heartbeats: events.filter((event) => event.EventType === 'HEART_BEAT').length,
    spanMs: Date.parse(events[events.length - 1].EventTimestamp) - Date.parse(events[0].EventTimestamp),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
