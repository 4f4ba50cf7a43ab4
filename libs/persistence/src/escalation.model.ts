import type { EscalationAction, EscalationRecord, EscalationStatus } from '@buddie/domain';

/**
 * The escalations table (owned by the escalation app). The record is the domain's EscalationRecord
 * (decideEscalations' draft plus its lifecycle: open -> acknowledged -> resolved, who and when).
 */
export { ESCALATION_STATUSES } from '@buddie/domain';
export type { EscalationAction, EscalationRecord, EscalationStatus, SeverityRaise } from '@buddie/domain';

export interface EscalationListQuery {
  status: EscalationStatus;
  limit?: number;
  cursor?: string;
}

/** A supervisor's acknowledge or resolve, as the gateway asks for it. */
export interface EscalationTransition {
  action: EscalationAction;
  /** Who did it (the API key's name). */
  by: string;
  at: string;
  note?: string;
}

export type EscalationTransitionResult =
  | { outcome: 'applied'; escalation: EscalationRecord }
  | { outcome: 'not-found' }
  /** The status did not allow the move (someone else acted first); `current` is what is stored now. */
  | { outcome: 'conflict'; current: EscalationRecord };

export interface EscalationOpenResult {
  created: boolean;
  /** What is stored now. */
  record: EscalationRecord;
  /** Set when this caller holds the publish of the record's event: its creator, or the one taker of an abandoned marker. */
  publish?: EscalationRecord;
}

export type EscalationRaiseResult =
  | { outcome: 'applied'; escalation: EscalationRecord }
  | { outcome: 'not-found' }
  /** Changed since it was read (or resolved): decide again over `current`. */
  | { outcome: 'stale'; current: EscalationRecord };

/** A record whose change was written but not seen published past the deadline. */
export interface UnpublishedEscalation {
  escalation: EscalationRecord;
  /** The marker as stored: claimPublish is conditional on it. */
  pendingSince: string;
}
