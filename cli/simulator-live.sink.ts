import type { BuddieConfig } from '@buddie/config';
import type { AgentEventRecord, ContactLensTranscript, ContactTraceRecord, FlowLogEntry, SimulatorSink } from '@buddie/simulator';
import { ConnectDelivery } from './connect-delivery';

/**
 * Feeds a running Buddie from the simulator in (scaled) real time. Records are delivered every
 * `flushMs`; a CTR waits until its contact's Contact Lens transcript is in S3, as in AWS where the
 * analysis lands before anyone would look for it.
 */
export class LiveSimulatorSink implements SimulatorSink {
  private readonly delivery: ConnectDelivery;
  private readonly timer: NodeJS.Timeout;
  private transcriptWrites = 0;
  private flushing: Promise<void> = Promise.resolve();
  readonly errors: string[] = [];

  constructor(config: BuddieConfig, flushMs = 500) {
    this.delivery = new ConnectDelivery(config, false);
    this.timer = setInterval(() => {
      if (this.transcriptWrites === 0) void this.flush();
    }, flushMs);
    this.timer.unref();
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
    } finally {
      this.transcriptWrites--;
    }
  }

  flush(): Promise<void> {
    this.flushing = this.flushing.then(() =>
      this.delivery.flush().catch((error: unknown) => {
        this.errors.push(error instanceof Error ? error.message : String(error));
      }),
    );
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.delivery.close();
  }
}
