/**
 * Publishes outboxes as their state writes land, instead of after the whole slice's writes. Items
 * (agents' outboxes) are offered once their state is durable, those of one offer (a write group)
 * together, cut into runs of at most `batch` events; a run goes to the next lane round-robin, and
 * each lane sends its queue in order, one call at a time, taking what has queued up to `batch` events
 * per call. So an agent's events stay in order (one item, one lane), a group's outboxes fill calls,
 * lanes run side by side, and a publish starts while other agents' writes are still in flight.
 *
 * A lane whose send fails stops: its items and everything queued behind it stay unpublished (their
 * outboxes stay pending for the next batch or tick), and `settle` rejects with the first failure.
 */
export interface PublishLanesOptions<T> {
  lanes: number;
  /** Events per send at most (PutEvents takes 10); an item larger than this is sent alone. */
  batch: number;
  size(item: T): number;
  send(items: T[]): Promise<void>;
}

interface Lane<T> {
  queue: T[];
  draining: boolean;
  done: Promise<void>;
  failed: boolean;
}

export class PublishLanes<T> {
  private readonly lanes: Lane<T>[];
  private next = 0;
  private readonly failures: unknown[] = [];

  constructor(private readonly options: PublishLanesOptions<T>) {
    this.lanes = Array.from({ length: Math.max(1, options.lanes) }, () => ({ queue: [], draining: false, done: Promise.resolve(), failed: false }));
  }

  /**
   * Queues the items, in order, on the next lane and starts that lane if it is idle. Items of more
   * events than one send takes go out over several lanes, one send's worth each, in order.
   */
  offer(...items: T[]): void {
    for (let from = 0; from < items.length; ) {
      const taken = this.fitting(items, from);
      this.enqueue(items.slice(from, from + taken));
      from += taken;
    }
  }

  private enqueue(items: T[]): void {
    const lane = this.lanes[this.next++ % this.lanes.length];
    lane.queue.push(...items);
    if (lane.draining || lane.failed) return;
    lane.draining = true;
    lane.done = this.drain(lane);
  }

  /** Resolves when every lane has sent its queue; rejects with the first failure once all lanes stopped. */
  async settle(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.done));
    if (this.failures.length > 0) throw this.failures[0];
  }

  /** How many items from `from` one send takes: at least one, then as many as keep it within `batch` events. */
  private fitting(items: readonly T[], from: number): number {
    let taken = 1;
    let events = this.options.size(items[from]);
    while (from + taken < items.length && events + this.options.size(items[from + taken]) <= this.options.batch) {
      events += this.options.size(items[from + taken]);
      taken++;
    }
    return taken;
  }

  private async drain(lane: Lane<T>): Promise<void> {
    try {
      while (lane.queue.length > 0) {
        const taken = this.fitting(lane.queue, 0);
        const items = lane.queue.slice(0, taken);
        try {
          await this.options.send(items);
        } catch (error) {
          lane.failed = true;
          this.failures.push(error);
          return;
        }
        lane.queue.splice(0, taken);
      }
    } finally {
      lane.draining = false;
    }
  }
}
