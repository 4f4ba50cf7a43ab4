import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { errorMessage, type Clock } from '@buddie/domain';
import type { EscalationRepository } from '@buddie/persistence';
import type { EscalationOutbox } from './escalation-outbox';

/**
 * The database is the source of truth (DESIGN.md 6): every interval, escalation changes whose outbox marker
 * stayed set past the deadline (a crash between the write and its publish, here or in the gateway) are
 * claimed one by one (a conditional write, so of several instances one publishes each) and published again.
 */
export class EscalationOutboxReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  republished = 0;

  constructor(
    private readonly escalations: Pick<EscalationRepository, 'listUnpublished' | 'claimPublish'>,
    private readonly outbox: Pick<EscalationOutbox, 'publish'>,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'warn' | 'log'> = new Logger('EscalationOutboxReconciler'),
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Re-publishes what is due now; returns how many it published. */
  async runOnce(): Promise<number> {
    let published = 0;
    for (const due of await this.escalations.listUnpublished(this.clock.now().toISOString())) {
      const claimed = await this.escalations.claimPublish(due.escalation.escalationId, due.pendingSince, this.clock.now().toISOString());
      if (!claimed) continue;
      try {
        await this.outbox.publish(claimed);
        published++;
        this.logger.log(`escalation ${claimed.escalationId} version ${claimed.version ?? 1} re-published after its publish was lost`);
      } catch (error) {
        this.logger.warn(`escalation ${claimed.escalationId}: re-publish failed, retried next round: ${errorMessage(error)}`);
      }
    }
    this.republished += published;
    return published;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.runOnce();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn(`reconciler: ${errorMessage(error)}`);
    } finally {
      this.running = undefined;
    }
  }
}
