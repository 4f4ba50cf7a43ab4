import { z } from 'zod';
import { FAILURE_KINDS, FAILURE_SEVERITIES, FLOW_OUTCOMES, JOURNEY_OUTCOMES } from '@buddie/domain';
import { defineEvent, isoTimestamp, nonEmpty } from './event-definition';

/** Written by apps/ivr-journey/src/assembly/journey-events.mapper.ts (journeyRecorded). */
export const JourneyRecorded = defineEvent({
  type: 'JourneyRecorded',
  producer: 'ivr-journey',
  version: 1,
  summary: "a contact's IVR journey was stored (new, or re-assembled differently after late inputs)",
  fields: {
    contactId: nonEmpty,
    /** Grows with each different assembly of the contact's journey: consumers keep the highest. */
    version: z.number().int().positive(),
    outcome: z.enum(JOURNEY_OUTCOMES),
    flowOutcome: z.enum(FLOW_OUTCOMES),
    entryFlowName: z.string().nullable(),
    startedAt: isoTimestamp.nullable(),
    ivrMs: z.number().int().nonnegative().nullable(),
    stepCount: z.number().int().nonnegative(),
    /** Label of the last step reached. */
    endedAtStep: z.string().nullable(),
    failed: z.boolean(),
    failureKinds: z.array(z.enum(FAILURE_KINDS)),
    /** False when the CTR was not in yet and the grace period was over. */
    hasContact: z.boolean(),
  },
});

/** Written by apps/ivr-journey/src/assembly/journey-events.mapper.ts (journeyFailed), next to JourneyRecorded. */
export const JourneyFailed = defineEvent({
  type: 'JourneyFailed',
  producer: 'ivr-journey',
  version: 1,
  summary: 'a journey broke at least one failure rule; each failure names its step and says why',
  fields: {
    contactId: nonEmpty,
    version: z.number().int().positive(),
    outcome: z.enum(JOURNEY_OUTCOMES),
    entryFlowName: z.string().nullable(),
    startedAt: isoTimestamp.nullable(),
    failures: z
      .array(
        z
          .object({
            kind: z.enum(FAILURE_KINDS),
            severity: z.enum(FAILURE_SEVERITIES),
            stepIndex: z.number().int().nonnegative().nullable(),
            stepLabel: z.string().nullable(),
            flowName: z.string().nullable(),
            reason: nonEmpty,
          })
          .strict(),
      )
      .min(1),
  },
});
