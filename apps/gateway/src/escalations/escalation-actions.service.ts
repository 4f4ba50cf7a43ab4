import { randomUUID } from 'node:crypto';
import { toEscalationDto, type AnyLiveEvent } from '@buddie/api-contract';
import { BuddieError, NotFoundError, type Clock } from '@buddie/domain';
import type { EscalationAction, EscalationRecord, EscalationRepository } from '@buddie/persistence';
import type { Principal } from '../auth/principal';

/** Where the change goes once stored: the live feed (LiveHub), faked in unit tests. */
export interface LivePublisher {
  publish(event: AnyLiveEvent): boolean;
}

const DONE: Record<EscalationAction, string> = { acknowledge: 'acknowledged', resolve: 'resolved' };

/**
 * A supervisor's ack/resolve. The repository's write is conditional on the current status, so two
 * supervisors clicking at once get one success and one 409; the change goes to every dashboard at once.
 */
export class EscalationActions {
  constructor(
    private readonly escalations: Pick<EscalationRepository, 'transition'>,
    private readonly live: LivePublisher,
    private readonly clock: Clock,
  ) {}

  async apply(escalationId: string, action: EscalationAction, by: Principal, note?: string): Promise<EscalationRecord> {
    const at = this.clock.now().toISOString();
    const result = await this.escalations.transition(escalationId, { action, by: by.name, at, note });
    if (result.outcome === 'not-found') throw new NotFoundError('escalation', escalationId);
    if (result.outcome === 'conflict') {
      throw new BuddieError('CONFLICT', `escalation ${escalationId} is ${result.current.status}; it cannot be ${DONE[action]} now`, true);
    }
    const updated = result.escalation;
    this.live.publish({
      id: `gateway-${randomUUID()}`,
      type: 'EscalationUpdated',
      occurredAt: at,
      correlationId: updated.correlationId || escalationId,
      detail: toEscalationDto(updated),
    });
    return updated;
  }
}
