import { SendMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { errorCode, errorMessage, forEachLimit, isPermanentError, systemClock, type Clock } from '@buddie/domain';
import { deadLetterAttributes } from './dead-letter';

export interface BatchRunnerLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface QueueCounters {
  processed: number;
  rejected: number;
  failed: number;
}

export type MessageHandler = (body: string, message: Message) => Promise<void>;

export interface BatchRunnerOptions {
  /** Messages of a batch in flight at once (default 1: one after another). */
  concurrency?: number;
  /**
   * Messages with the same key run one after another, in batch order (two copies of one contact
   * never race); different keys run side by side. Without a key a message runs on its own.
   */
  orderKey?: (message: Message) => string | undefined;
}

/**
 * The at-least-once contract of every queue consumer (DESIGN.md 6), in one place:
 * - success: acknowledged (deleted in one batch call by the consumer);
 * - permanent error (bad input): copied to the DLQ with its reason, then acknowledged, so it blocks nothing;
 * - transient error: not acknowledged; SQS redelivers after the visibility timeout and the redrive
 *   policy moves it to the DLQ after maxReceiveCount receives.
 * Messages of a batch run one after another by default; with `concurrency` they run side by side,
 * except those sharing an `orderKey`, so two copies of one contact still never race.
 */
export class QueueBatchRunner {
  readonly counters: QueueCounters = { processed: 0, rejected: 0, failed: 0 };
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly sqs: SQSClient,
    private readonly queue: { name: string; dlqUrl: string },
    private readonly logger: BatchRunnerLogger,
    private readonly clock: Clock = systemClock,
    private readonly options: BatchRunnerOptions = {},
  ) {}

  async run(messages: Message[], handle: MessageHandler): Promise<Message[]> {
    this.inFlight++;
    try {
      const acknowledged: Message[] = [];
      await forEachLimit(this.lanes(messages), this.options.concurrency ?? 1, async (lane) => {
        for (const message of lane) if (await this.runOne(message, handle)) acknowledged.push(message);
      });
      return acknowledged;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  /** Messages grouped by order key, each group in batch order. */
  private lanes(messages: Message[]): Message[][] {
    if ((this.options.concurrency ?? 1) <= 1) return [messages];
    const byKey = new Map<string, Message[]>();
    const lanes: Message[][] = [];
    for (const message of messages) {
      const key = this.options.orderKey?.(message);
      const lane = key === undefined ? undefined : byKey.get(key);
      if (lane) lane.push(message);
      else {
        const created = [message];
        lanes.push(created);
        if (key !== undefined) byKey.set(key, created);
      }
    }
    return lanes;
  }

  /** Resolves when no batch is being processed (used by graceful shutdown). */
  whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async runOne(message: Message, handle: MessageHandler): Promise<boolean> {
    try {
      await handle(message.Body ?? '', message);
      this.counters.processed++;
      return true;
    } catch (error) {
      if (!isPermanentError(error)) {
        this.counters.failed++;
        this.logger.warn(
          `message ${message.MessageId} on ${this.queue.name} failed (${errorCode(error)}), will be retried: ${errorMessage(error)}`,
        );
        return false;
      }
      return this.reject(message, error);
    }
  }

  private async reject(message: Message, error: unknown): Promise<boolean> {
    try {
      await this.sqs.send(
        new SendMessageCommand({
          QueueUrl: this.queue.dlqUrl,
          MessageBody: message.Body ?? '',
          MessageAttributes: deadLetterAttributes({
            code: errorCode(error),
            reason: errorMessage(error),
            sourceQueue: this.queue.name,
            failedAt: this.clock.now().toISOString(),
            receiveCount: message.Attributes?.ApproximateReceiveCount,
          }),
        }),
      );
      this.counters.rejected++;
      this.logger.warn(`message ${message.MessageId} on ${this.queue.name} rejected to DLQ: ${errorMessage(error)}`);
      return true;
    } catch (dlqError) {
      // Not acknowledged: redelivery (and eventually the redrive policy) keeps it from being lost.
      this.counters.failed++;
      this.logger.error(`could not dead-letter message ${message.MessageId}: ${errorMessage(dlqError)}`);
      return false;
    }
  }
}

/**
 * Order key for queues of Buddie and Connect events: the contact a message is about (a CTR's
 * ContactId, a contact event's or Buddie event's contactId). Undefined for anything else, which then
 * runs on its own (unparseable bodies are rejected by the handler as usual).
 */
export function contactIdOf(message: Message): string | undefined {
  try {
    const detail = (JSON.parse(message.Body ?? '') as { detail?: { ContactId?: unknown; contactId?: unknown } } | null)?.detail;
    const id = detail?.ContactId ?? detail?.contactId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
