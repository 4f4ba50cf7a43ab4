import { escalationEvent, type EventPublisher } from '@buddie/messaging';
import type { EscalationRecord, EscalationRepository } from '@buddie/persistence';

/**
 * Publishes the event of one stored escalation version and then clears its outbox marker. When the publish
 * fails the claim is given up at once (best effort), so the input's redelivery or the reconciler takes the
 * publish over without waiting out the deadline, and the error is rethrown: the input is not acknowledged.
 */
export class EscalationOutbox {
  constructor(
    private readonly escalations: Pick<EscalationRepository, 'markPublished' | 'releasePublish'>,
    private readonly events: Pick<EventPublisher, 'publish'>,
  ) {}

  async publish(record: EscalationRecord): Promise<void> {
    const version = record.version ?? 1;
    try {
      await this.events.publish([escalationEvent(record)]);
    } catch (error) {
      await this.escalations.releasePublish(record.escalationId, version).catch(() => false);
      throw error;
    }
    await this.escalations.markPublished(record.escalationId, version);
  }
}
