import type { JourneyStep } from '@buddie/domain';

export interface FunnelStep {
  step: string;
  contacts: number;
  /** Share of all journeys that reached this step, 0..1. */
  share: number;
  failures: number;
}

/**
 * The flow funnel: how many journeys reached each step, in the order steps first appear. A step a
 * caller revisits counts once per journey, so the funnel never grows along the way by loops.
 */
export function journeyFunnel(journeys: readonly { steps: Pick<JourneyStep, 'label' | 'status'>[] }[], maxSteps = 15): FunnelStep[] {
  const order: string[] = [];
  const reached = new Map<string, number>();
  const failures = new Map<string, number>();
  for (const journey of journeys) {
    const seen = new Set<string>();
    for (const step of journey.steps ?? []) {
      const label = step.label;
      if (!label) continue;
      if (step.status !== 'ok') failures.set(label, (failures.get(label) ?? 0) + 1);
      if (seen.has(label)) continue;
      seen.add(label);
      if (!reached.has(label)) order.push(label);
      reached.set(label, (reached.get(label) ?? 0) + 1);
    }
  }
  const total = journeys.length || 1;
  return order
    .map((step) => ({ step, contacts: reached.get(step) ?? 0, share: (reached.get(step) ?? 0) / total, failures: failures.get(step) ?? 0 }))
    .sort((a, b) => b.contacts - a.contacts || order.indexOf(a.step) - order.indexOf(b.step))
    .slice(0, maxSteps);
}
