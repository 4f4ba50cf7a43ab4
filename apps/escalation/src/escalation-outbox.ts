import { escalationNotice, type Clock, type EscalationSeverity } from '@buddie/domain';
import { escalationEvent, type EventPublisher } from '@buddie/messaging';
import type { EscalationRecord, EscalationRepository } from '@buddie/persistence';
import type { EscalationNotifier } from './escalation.notifier';

/** Notices on the alerts topic: for escalations at or above `minSeverity`, once each. */
export interface EscalationNotifications {
  notifier: Pick<EscalationNotifier, 'notify'>;
  minSeverity: EscalationSeverity;
  clock: Clock;
}

type OutboxStore = Pick<EscalationRepository, 'markPublished' | 'releasePublish' | 'claimNotification' | 'releaseNotification'>;

/**
 * Publishes the event of one stored escalation version, sends its notice when it is the first version to
 * call for one, and then clears its outbox marker. When the publish fails the claim is given up at once
 * (best effort), so the input's redelivery or the reconciler takes the publish over without waiting out the
 * deadline, and the error is rethrown: the input is not acknowledged. A notice is claimed before it is sent
 * (one per escalation, whoever publishes); a failed send releases the claim and leaves the marker set, so
 * the reconciler publishes the version again and retries the notice.
 */
export class EscalationOutbox {
  constructor(
    private readonly escalations: OutboxStore,
    private readonly events: Pick<EventPublisher, 'publish'>,
    private readonly notifications?: EscalationNotifications,
  ) {}

  async publish(record: EscalationRecord): Promise<void> {
    const version = record.version ?? 1;
    try {
      await this.events.publish([escalationEvent(record)]);
    } catch (error) {
      await this.escalations.releasePublish(record.escalationId, version).catch(() => false);
      throw error;
    }
    await this.notifyOnce(record);
    await this.escalations.markPublished(record.escalationId, version);
  }

  private async notifyOnce(record: EscalationRecord): Promise<void> {
    if (!this.notifications) return;
    const notice = escalationNotice(record, this.notifications.minSeverity);
    if (!notice) return;
    const at = this.notifications.clock.now().toISOString();
    if (!(await this.escalations.claimNotification(record.escalationId, at))) return;
    try {
      await this.notifications.notifier.notify(notice, record.escalationId);
    } catch (error) {
      await this.escalations.releaseNotification(record.escalationId, at).catch(() => false);
      throw error;
    }
  }
}
