import type { Journey } from '@buddie/domain';
import type { PublishableEvent } from '@buddie/messaging';

/**
 * The correlation id a journey is announced under: the one of the ContactCompleted that made it due, kept with
 * the contact's inputs, also when the grace period or late flow-log entries trigger the assembly later.
 * A journey assembled from flow-log entries alone (no ContactCompleted seen yet) has no upstream id: it gets
 * `journey-<contactId>`, the same on every retry and re-assembly, so its events can still be followed
 * together (never a random one). Once the ContactCompleted arrives, re-assemblies carry its id.
 */
export function journeyCorrelationId(contactId: string, contactCompletedCorrelationId: string | undefined): string {
  return contactCompletedCorrelationId ?? `journey-${contactId}`;
}

/** JourneyRecorded: every new or changed journey (what the dashboard's timeline and funnel refresh on). */
export function journeyRecorded(
  journey: Journey,
  version: number,
  correlationId: string,
): PublishableEvent<'JourneyRecorded'> {
  return {
    type: 'JourneyRecorded',
    detail: {
      correlationId,
      contactId: journey.contactId,
      version,
      outcome: journey.outcome,
      flowOutcome: journey.flowOutcome,
      entryFlowName: journey.entryFlowName,
      startedAt: journey.startedAt,
      ivrMs: journey.ivrMs,
      stepCount: journey.steps.length,
      endedAtStep: journey.endedAtStep?.label ?? null,
      failed: journey.failed,
      failureKinds: [...new Set(journey.failures.map((f) => f.kind))],
      hasContact: journey.hasContact,
    },
  };
}

/** JourneyFailed: a journey that broke at least one failure rule, with each failure's step and reason. */
export function journeyFailed(
  journey: Journey,
  version: number,
  correlationId: string,
): PublishableEvent<'JourneyFailed'> {
  return {
    type: 'JourneyFailed',
    detail: {
      correlationId,
      contactId: journey.contactId,
      version,
      outcome: journey.outcome,
      entryFlowName: journey.entryFlowName,
      startedAt: journey.startedAt,
      failures: journey.failures.map((f) => ({
        kind: f.kind,
        severity: f.severity,
        stepIndex: f.stepIndex,
        stepLabel: f.stepLabel,
        flowName: f.flowName,
        reason: f.reason,
      })),
    },
  };
}
