/**
 * The escalations table (owned by the escalation app). These are the fields the gateway and the
 * dashboard read, plus the acknowledge/resolve marks the gateway writes; the writer extends the
 * record here, in this one file.
 */
export const ESCALATION_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export type EscalationAction = 'acknowledge' | 'resolve';

export interface EscalationRecord {
  escalationId: string;
  status: EscalationStatus;
  createdAt: string;
  updatedAt?: string;
  severity?: string;
  /** What kind of trigger raised it (journey failure, summary, agent alert...). */
  kind?: string;
  reason?: string;
  contactId?: string;
  agentId?: string;
  correlationId?: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  acknowledgeNote?: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolveNote?: string;
}

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
