import type { Journey, JourneyOutcome, JourneyStep } from '@buddie/domain';

/**
 * The journeys table (owned by ivr-journey), one item per contact: the assembled Journey (libs/domain)
 * plus when and how often it was assembled. Index attributes and fingerprints stay inside the repository.
 */
export interface JourneyRecord extends Journey {
  assembledAt: string;
  /** How many times this contact's journey was (re-)assembled with a different result. */
  version: number;
  /** Steps beyond the stored cap (a runaway loop); the first ones are kept. */
  stepsTruncated?: number;
  correlationId?: string;
}

export type JourneyStepRecord = JourneyStep;

export interface JourneyListQuery {
  limit?: number;
  cursor?: string;
  outcome?: JourneyOutcome;
  flowName?: string;
  /** ISO bounds on the journey's start. */
  from?: string;
  to?: string;
  failed?: boolean;
}

export type JourneySaveOutcome = 'created' | 'updated' | 'unchanged';

/** ivr-journey's per-contact input state (journey-inputs table). */
export interface JourneyInputState {
  contactId: string;
  firstEntryAt?: string;
  lastEntryAt?: string;
  entryCount?: number;
  /** When ContactCompleted for the contact was seen. */
  contactSeenAt?: string;
  /** The correlation id of the latest ContactCompleted seen for the contact. */
  correlationId?: string;
  /** When the contact is due for (re-)assembly; absent once assembled and nothing new arrived. */
  dueAt?: string;
  assembledAt?: string;
}
