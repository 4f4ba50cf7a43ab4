import type { JourneyFailureRules } from './journey-rules';
import type { Journey, JourneyFailure, JourneyOutcome, JourneyStep } from './journey.model';

/** An earlier contact of the same caller, as the repeat-caller rule needs it. */
export interface PriorContact {
  contactId: string;
  startedAt: string;
  outcome: JourneyOutcome;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function failure(kind: JourneyFailure['kind'], rules: JourneyFailureRules, step: JourneyStep | undefined, reason: string): JourneyFailure {
  return { kind, severity: rules[kind].severity, stepIndex: step?.index ?? null, stepLabel: step?.label ?? null, flowName: step?.flowName ?? null, reason };
}

/** Input blocks are grouped by their designer id (a retry runs the same block again). */
const inputKey = (step: JourneyStep): string => `${step.flowId ?? step.flowName ?? ''}|${step.identifier ?? step.label}`;

/**
 * Applies the failure rules to an assembled journey. Each failure names the step it is about and says
 * why in a supervisor's words. Pure: the caller passes the caller's earlier contacts.
 */
export function detectJourneyFailures(
  journey: Journey,
  rules: JourneyFailureRules,
  priorContacts: readonly PriorContact[],
): { failures: JourneyFailure[]; repeatOf: string | null } {
  const failures: JourneyFailure[] = [];
  const steps = journey.steps;

  for (const step of steps) {
    if (step.status !== 'error') continue;
    if (step.kind === 'lambda') {
      if (rules['lambda-error'].enabled) {
        const why = step.results ? `it answered "${step.results}"` : 'it returned no result';
        failures.push(failure('lambda-error', rules, step, `${step.label} failed: ${why}, so the flow took its error branch.`));
      }
    } else if (rules['error-branch'].enabled) {
      const why = step.source === 'ctr-attributes' ? `the flow recorded ${step.identifier} as "${step.results}"` : `Results "${step.results ?? 'Error'}"`;
      failures.push(failure('error-branch', rules, step, `${step.label} took its error branch (${why}).`));
    }
  }

  if (rules['input-retries'].enabled || rules['menu-loop'].enabled) {
    const byBlock = new Map<string, JourneyStep[]>();
    for (const step of steps) {
      if (step.kind !== 'input') continue;
      const list = byBlock.get(inputKey(step)) ?? [];
      list.push(step);
      byBlock.set(inputKey(step), list);
    }
    for (const visits of byBlock.values()) {
      const misses = visits.filter((s) => s.status === 'timeout' || s.status === 'no-match');
      const fromAttribute = visits.find((s) => s.attempts !== undefined);
      const missCount = fromAttribute ? Math.max(misses.length, fromAttribute.attempts ?? 0) : misses.length;
      if (rules['input-retries'].enabled && missCount >= rules['input-retries'].count) {
        const timeouts = misses.filter((s) => s.status === 'timeout').length;
        const noMatch = misses.filter((s) => s.status === 'no-match');
        const parts: string[] = [];
        if (timeouts) parts.push(`${plural(timeouts, 'time-out')} (nothing pressed)`);
        if (noMatch.length) parts.push(`${plural(noMatch.length, 'invalid key')} (${noMatch.map((s) => s.input?.value ?? '?').join(', ')})`);
        const detail = parts.length ? parts.join(' and ') : `${plural(missCount, 'attempt')} counted by the flow`;
        const at = misses[misses.length - 1] ?? fromAttribute ?? visits[visits.length - 1];
        failures.push(failure('input-retries', rules, at, `The caller could not get past ${at.label}: ${detail}.`));
      }
      if (rules['menu-loop'].enabled && visits.length >= rules['menu-loop'].visits && visits[0].source === 'flow-log') {
        const at = visits[visits.length - 1];
        failures.push(failure('menu-loop', rules, at, `${at.label} played ${visits.length} times in one call: the caller went round the same menu.`));
      }
    }
  }

  const errorStep = steps.find((s) => s.status === 'error');
  const flowHungUp = journey.disconnectReason === 'CONTACT_FLOW_DISCONNECT' || (journey.disconnectReason === null && journey.flowOutcome === 'DISCONNECTED_PARTICIPANT');
  if (rules['flow-error-disconnect'].enabled && errorStep && flowHungUp && journey.flowOutcome !== 'TRANSFERRED_TO_QUEUE') {
    failures.push(failure('flow-error-disconnect', rules, errorStep, `The flow hung up on the caller after ${errorStep.label} failed; the caller never reached a person.`));
  }

  const last = steps[steps.length - 1];
  if (rules['ivr-abandon'].enabled && journey.outcome === 'abandoned-in-ivr' && journey.ivrMs !== null && journey.ivrMs > rules['ivr-abandon'].afterSeconds * 1000) {
    failures.push(failure('ivr-abandon', rules, last, `The caller hung up after ${seconds(journey.ivrMs)} in the IVR${last ? `, at ${last.label}` : ''}.`));
  }

  if (rules['queue-abandon'].enabled && journey.outcome === 'abandoned-in-queue' && journey.queueMs !== null && journey.queueMs > rules['queue-abandon'].afterSeconds * 1000) {
    const queueStep = [...steps].reverse().find((s) => s.kind === 'queue') ?? last;
    failures.push(failure('queue-abandon', rules, queueStep, `The caller waited ${seconds(journey.queueMs)} in queue and hung up before an agent answered.`));
  }

  let repeatOf: string | null = null;
  const startMs = journey.startedAt ? Date.parse(journey.startedAt) : NaN;
  if (rules['repeat-caller'].enabled && Number.isFinite(startMs)) {
    const windowMs = rules['repeat-caller'].withinHours * 3_600_000;
    const previous = priorContacts
      .filter((p) => p.contactId !== journey.contactId)
      .map((p) => ({ ...p, at: Date.parse(p.startedAt) }))
      .filter((p) => Number.isFinite(p.at) && p.at < startMs && startMs - p.at <= windowMs)
      .sort((a, b) => b.at - a.at)[0];
    if (previous) {
      repeatOf = previous.contactId;
      const hours = (startMs - previous.at) / 3_600_000;
      const gap = hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : `${hours.toFixed(1)} h`;
      failures.push(failure('repeat-caller', rules, steps[0], `Same caller again ${gap} after contact ${previous.contactId}, which ended ${previous.outcome.replace(/-/g, ' ')}: that call did not settle it.`));
    }
  }
  return { failures, repeatOf };
}
