import { errorMessage, type Clock } from '@buddie/domain';
import type { SalesforceSyncRepository } from '@buddie/persistence';
import type { SyncBatcher } from './sync-batcher';

/**
 * The table is the source of truth and queues are only triggers (DESIGN.md 6): every interval, records
 * pending longer than the deadline (a crash between ack and send, a lost in-memory retry) are made due again.
 */
export class SalesforceSyncReconciler {
  private timer?: NodeJS.Timeout;
  resent = 0;

  constructor(
    private readonly sync: SalesforceSyncRepository,
    private readonly batcher: SyncBatcher,
    private readonly clock: Clock,
    private readonly options: { deadlineMs: number; intervalMs: number },
    private readonly logger: { warn(message: string): void },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce().catch((error: unknown) => this.logger.warn(`reconciler: ${errorMessage(error)}`)), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async runOnce(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.options.deadlineMs).toISOString();
    // No more than the batcher has room for: the rest stays pending and is found by a later run, oldest first.
    const most = Math.min(10_000, this.batcher.room);
    let cursor: string | undefined;
    let found = 0;
    while (found < most) {
      const page = await this.sync.listByState('pending', { updatedBefore: before, oldestFirst: true, limit: Math.min(500, most - found), cursor });
      found += page.items.length;
      this.batcher.add(page.items.map((r) => r.recordKey));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    this.resent += found;
    return found;
  }
}
