import type { BuddieConfig } from '@buddie/config';
import type { AgentEventRecord, ContactLensTranscript, ContactTraceRecord, FlowLogEntry, SimulatorSink } from '@buddie/simulator';
import { ConnectDelivery, DeliveryError, type DeliveryCounts } from './connect-delivery';

export interface LiveSinkOptions {
  flushMs?: number;
  /** Told about every failed send as it happens (`buddie start` logs it). */
  onError?: (error: DeliveryError) => void;
}

/** What the live center has delivered so far: `buddie start` prints it as its status line. */
export interface LiveSinkStatus {
  sent: DeliveryCounts;
  lost: DeliveryCounts;
  /** Failed sends (one send holds up to 10 events or 500 records). */
  errors: number;
  lastError?: string;
}

/**
 * Feeds a running Buddie from the simulator in (scaled) real time. Records are delivered every
 * `flushMs`; a CTR waits until its contact's Contact Lens transcript is in S3, as in AWS where the
 * analysis lands before anyone would look for it. A failed send never stops the center: it is
 * reported through `onError` and counted in `status()`.
 */
export class LiveSimulatorSink implements SimulatorSink {
  private readonly delivery: ConnectDelivery;
  private readonly timer: NodeJS.Timeout;
  private readonly onError: (error: DeliveryError) => void;
  private transcriptWrites = 0;
  private flushing: Promise<void> = Promise.resolve();
  private errors = 0;
  private lastError?: string;

  constructor(config: BuddieConfig, options: LiveSinkOptions = {}) {
    this.delivery = new ConnectDelivery(config, false);
    this.onError = options.onError ?? (() => undefined);
    this.timer = setInterval(() => {
      if (this.transcriptWrites === 0) void this.flush();
    }, options.flushMs ?? 500);
    this.timer.unref();
  }

  status(): LiveSinkStatus {
    return { sent: { ...this.delivery.sent }, lost: { ...this.delivery.lost }, errors: this.errors, lastError: this.lastError };
  }

  ctr(record: ContactTraceRecord): Promise<void> {
    return this.delivery.ctr(record);
  }

  agentEvent(record: AgentEventRecord): Promise<void> {
    return this.delivery.agentEvent(record);
  }

  flowLog(entry: FlowLogEntry): void {
    this.delivery.flowLog(entry);
  }

  async transcript(_contactId: string, doc: ContactLensTranscript): Promise<void> {
    this.transcriptWrites++;
    try {
      await this.delivery.contactLensAnalysis(doc);
    } catch (error) {
      this.failed(error);
    } finally {
      this.transcriptWrites--;
    }
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.delivery.flush().catch((error: unknown) => this.failed(error)));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.delivery.close();
  }

  private failed(error: unknown): void {
    const failure = error instanceof DeliveryError ? error : new DeliveryError('delivery', error);
    this.errors++;
    this.lastError = failure.message;
    this.onError(failure);
  }
}

/** One line for `buddie start`'s output: what reached Buddie, and what did not. */
export function formatLiveStatus(status: LiveSinkStatus): string {
  const { sent, lost } = status;
  const parts = [
    `${sent.ctrs} contacts (CTRs)`,
    `${sent.analysisFiles} Contact Lens files`,
    `${sent.agentEvents} agent events`,
    `${sent.flowLogRecords} flow-log batches`,
  ];
  const lostTotal = Object.values(lost).reduce((sum, n) => sum + n, 0);
  const errors =
    status.errors === 0
      ? 'no delivery errors'
      : `${status.errors} delivery errors, ${lostTotal} records lost (${lost.ctrs} CTRs, ${lost.analysisFiles} Contact Lens files, ${lost.agentEvents} agent events, ${lost.flowLogRecords} flow-log batches); last: ${status.lastError}`;
  return `simulator delivered ${parts.join(', ')}; ${errors}`;
}
