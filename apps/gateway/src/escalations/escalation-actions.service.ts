import { Logger } from '@nestjs/common';
import { BuddieError, errorMessage, NotFoundError, type Clock } from '@buddie/domain';
import { escalationEvent, type EventPublisher } from '@buddie/messaging';
import type { EscalationAction, EscalationRecord, EscalationRepository } from '@buddie/persistence';
import type { Principal } from '../auth/principal';

const DONE: Record<EscalationAction, string> = { acknowledge: 'acknowledged', resolve: 'resolved' };

/**
 * A supervisor's ack/resolve. The repository's write is conditional on the current status, so two
 * supervisors clicking at once get one success and one 409. The same write bumps the version and sets the
 * outbox marker; the gateway then publishes EscalationUpdated on the bus (source buddie.gateway) and clears
 * the marker. salesforce-sync and every gateway instance's live feed get it from the bus (the gateway
 * queue, then the Redis adapter), so it reaches each socket once. A failed publish does not fail the
 * request: the change is stored, and the escalation app's reconciler publishes it after its deadline.
 */
export class EscalationActions {
  constructor(
    private readonly escalations: Pick<EscalationRepository, 'transition' | 'markPublished' | 'releasePublish'>,
    private readonly events: Pick<EventPublisher, 'publish'>,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'warn'> = new Logger('EscalationActions'),
  ) {}

  async apply(escalationId: string, action: EscalationAction, by: Principal, note?: string): Promise<EscalationRecord> {
    const at = this.clock.now().toISOString();
    const result = await this.escalations.transition(escalationId, { action, by: by.name, at, note });
    if (result.outcome === 'not-found') throw new NotFoundError('escalation', escalationId);
    if (result.outcome === 'conflict') {
      throw new BuddieError('CONFLICT', `escalation ${escalationId} is ${result.current.status}; it cannot be ${DONE[action]} now`, true);
    }
    await this.announce(result.escalation);
    return result.escalation;
  }

  private async announce(updated: EscalationRecord): Promise<void> {
    const version = updated.version ?? 1;
    try {
      await this.events.publish([escalationEvent(updated)]);
    } catch (error) {
      this.logger.warn(`escalation ${updated.escalationId} version ${version}: EscalationUpdated not published (${errorMessage(error)}); the escalation reconciler publishes it`);
      await this.escalations.releasePublish(updated.escalationId, version).catch(() => false);
      return;
    }
    // Left set (a failed write here), the marker only costs a duplicate the consumers drop by version.
    await this.escalations.markPublished(updated.escalationId, version).catch((error: unknown) => this.logger.warn(`escalation ${updated.escalationId}: marker not cleared (${errorMessage(error)})`));
  }
}
