/**
 * Test-only helpers for the agent specs, pure like the rest of libs/domain: the fixture files
 * themselves are read by libs/testing/src/fixtures. Not exported from the lib.
 */
import type { AgentEventInput } from '../agent-event.model';
import type { AgentView } from '../agent-view.model';
import { evolveAgent } from '../agent-view.evolve';

/** The view after folding the events in order, and each visible change with the view it produced. */
export function foldAgentEvents(events: readonly AgentEventInput[]): { view: AgentView; changes: { event: AgentEventInput; view: AgentView }[] } {
  let view: AgentView | undefined;
  const changes: { event: AgentEventInput; view: AgentView }[] = [];
  for (const event of events) {
    const evolution = evolveAgent(view, event);
    view = evolution.view;
    if (evolution.changed) changes.push({ event, view });
  }
  return { view: view as AgentView, changes };
}

/** mulberry32: a tiny seeded PRNG, so a failing shuffle can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
