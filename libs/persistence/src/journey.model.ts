/**
 * The journeys table (owned by ivr-journey), one item per contact. These are the fields the gateway
 * and the dashboard read; the writer extends the record here, in this one file.
 */
export interface JourneyStepRecord {
  /** The flow block as a supervisor knows it (block name, else its type). */
  label: string;
  /** When the caller reached the block. */
  at?: string;
  failed?: boolean;
  /** Why the block failed, when it did. */
  error?: string;
}

export interface JourneyFailureRecord {
  /** The step label the failure was detected at. */
  step?: string;
  reason: string;
}

export interface JourneyRecord {
  contactId: string;
  /** Any failure detected on the path; the list endpoint filters on it. */
  failed: boolean;
  /** The IVR path in the order the caller walked it. */
  steps: JourneyStepRecord[];
  failures?: JourneyFailureRecord[];
  startedAt?: string;
  endedAt?: string;
  updatedAt?: string;
  correlationId?: string;
}

export interface JourneyListQuery {
  limit?: number;
  cursor?: string;
  failed?: boolean;
}
