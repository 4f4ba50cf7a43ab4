import { errorMessage } from '@buddie/domain';
import type { FlushResult } from './salesforce-sync.engine';

export interface BatcherOptions {
  windowMs: number;
  /** A flush starts at once when this many records are due (one full sObject Collections call). */
  batchSize: number;
  /** Most records one flush takes (several calls of batchSize). */
  maxPerFlush: number;
}

/**
 * Collects due record keys for a short window, then hands them to one flush at a time. Keys only: the
 * records themselves are read back from the sync table at flush time, so this holds nothing that a
 * restart could lose (the reconciler re-finds what was pending).
 */
export class SyncBatcher {
  private readonly due = new Set<string>();
  private timer?: NodeJS.Timeout;
  private readonly delayed = new Set<NodeJS.Timeout>();
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly flush: (keys: string[]) => Promise<FlushResult>,
    private readonly options: BatcherOptions,
    private readonly onError: (message: string) => void,
  ) {}

  add(keys: string[]): void {
    if (this.stopped) return;
    for (const key of keys) this.due.add(key);
    if (this.due.size >= this.options.batchSize) this.kick(0);
    else if (this.due.size > 0) this.kick(this.options.windowMs);
  }

  /** Keys to look at again after a delay (a transient failure, a Case still on its way). */
  later(keys: string[], delayMs: number): void {
    if (this.stopped || keys.length === 0) return;
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.add(keys);
    }, delayMs);
    timer.unref();
    this.delayed.add(timer);
  }

  get pending(): number {
    return this.due.size;
  }

  /** Resolves once nothing is due and no flush runs (tests, benchmarks). Delayed keys are not waited for. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.due.size === 0 || this.stopped) return;
      this.startNow();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.delayed.forEach((t) => clearTimeout(t));
    this.delayed.clear();
    await this.running;
  }

  private kick(delayMs: number): void {
    if (this.running) return;
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.startNow(), delayMs);
  }

  private startNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return;
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.due.size > 0 && !this.stopped) this.kick(this.due.size >= this.options.batchSize ? 0 : this.options.windowMs);
    });
  }

  private async runOnce(): Promise<void> {
    const keys = [...this.due].slice(0, this.options.maxPerFlush);
    keys.forEach((key) => this.due.delete(key));
    try {
      const result = await this.flush(keys);
      for (const { keys: again, delayMs } of result.requeue) this.later(again, delayMs);
    } catch (error) {
      // The records are still pending in the table; look again after a while rather than spin.
      this.onError(`flush of ${keys.length} records failed: ${errorMessage(error)}`);
      this.later(keys, this.options.windowMs * 5 + 1000);
    }
  }
}
