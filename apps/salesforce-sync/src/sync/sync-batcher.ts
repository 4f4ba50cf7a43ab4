import { errorMessage } from '@buddie/domain';
import type { FlushResult } from './salesforce-sync.engine';

export interface BatcherOptions {
  windowMs: number;
  /** A flush starts at once when this many records are due (one full sObject Collections call). */
  batchSize: number;
  /** Most records one flush takes (several calls of batchSize). */
  maxPerFlush: number;
  /**
   * Most records held at once (due, in flight, waiting to be retried, or being taken in). Intake waits
   * for room (reserve), so a backlog stays in the queue instead of in memory, and a record taken in is
   * sent within a few flushes rather than behind everything that arrived before it.
   */
  maxHeld?: number;
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
  private inFlight = 0;
  private delayedCount = 0;
  private reserved = 0;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly flush: (keys: string[]) => Promise<FlushResult>,
    private readonly options: BatcherOptions,
    private readonly onError: (message: string) => void,
  ) {}

  /** Records held now: due, in the running flush, waiting for a retry, or reserved by intake. */
  get held(): number {
    return this.due.size + this.inFlight + this.delayedCount + this.reserved;
  }

  /** Room left under maxHeld (the reconciler takes at most this many). */
  get room(): number {
    return this.options.maxHeld === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, this.options.maxHeld - this.held);
  }

  /**
   * Waits until there is room for one more record and holds a place for it; the returned function gives
   * the place back (call it after add, or when the input turned out to add nothing).
   */
  async reserve(): Promise<() => void> {
    while (!this.stopped && this.room <= 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.reserved++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved--;
      this.wake();
    };
  }

  private wake(): void {
    if (this.waiters.length === 0 || (this.room <= 0 && !this.stopped)) return;
    // Every waiter looks again; those that still find no room wait again.
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  add(keys: string[]): void {
    if (this.stopped) return;
    for (const key of keys) this.due.add(key);
    if (this.due.size >= this.options.batchSize) this.kick(0);
    else if (this.due.size > 0) this.kick(this.options.windowMs);
  }

  /** Keys to look at again after a delay (a transient failure, a Case still on its way). */
  later(keys: string[], delayMs: number): void {
    if (this.stopped || keys.length === 0) return;
    this.delayedCount += keys.length;
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.delayedCount -= keys.length;
      this.add(keys);
      this.wake();
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
    this.delayedCount = 0;
    this.wake();
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
    this.inFlight = keys.length;
    try {
      const result = await this.flush(keys);
      for (const { keys: again, delayMs } of result.requeue) this.later(again, delayMs);
    } catch (error) {
      // The records are still pending in the table; look again after a while rather than spin.
      this.onError(`flush of ${keys.length} records failed: ${errorMessage(error)}`);
      this.later(keys, this.options.windowMs * 5 + 1000);
    } finally {
      this.inFlight = 0;
      this.wake();
    }
  }
}
