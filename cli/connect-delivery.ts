import { gzipSync } from 'node:zlib';
import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { PutRecordsCommand, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { PutObjectCommand, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { physicalName, type BuddieConfig } from '@buddie/config';
import { createAwsClient } from '@buddie/runtime';
import { CONTACT_EVENT_DETAIL_TYPE, CONTACT_EVENT_SOURCE, CTR_DETAIL_TYPE, CTR_SOURCE, flowLogSubscriptionDocument, type FlowLogEntry } from '@buddie/connect';
import { STREAMS } from '@buddie/messaging';

/**
 * Delivers Connect data to a running Buddie through the entry points AWS uses: CTRs as the CTR pipe
 * puts them on the Buddie bus, contact events on the default bus, agent events into the agent event
 * stream (partition key = agent ARN), flow-log entries as CloudWatch Logs subscription records, and
 * Contact Lens transcripts into S3 where Contact Lens writes them. Buffers and sends in batches.
 */
export class ConnectDelivery {
  private readonly events: EventBridgeClient;
  private readonly kinesis: KinesisClient;
  private readonly s3: S3Client;
  private readonly entries: PutEventsRequestEntry[] = [];
  private readonly agentRecords: PutRecordsRequestEntry[] = [];
  private readonly flowLogs = new Map<string, FlowLogEntry[]>();
  private readonly buckets = new Set<string>();
  /** Records each entry point accepted, and what failed; what a failed send held is lost, not retried. */
  readonly sent: DeliveryCounts = { ctrs: 0, contactEvents: 0, agentEvents: 0, flowLogRecords: 0, analysisFiles: 0 };
  readonly lost: DeliveryCounts = { ctrs: 0, contactEvents: 0, agentEvents: 0, flowLogRecords: 0, analysisFiles: 0 };

  /** autoFlush: send whenever a batch is full; off, nothing leaves before flush() (the live sink orders CTRs after transcripts). */
  constructor(
    private readonly config: BuddieConfig,
    private readonly autoFlush = true,
  ) {
    this.events = createAwsClient(config, 'eventbridge');
    this.kinesis = createAwsClient(config, 'kinesis');
    this.s3 = createAwsClient(config, 's3');
  }

  async ctr(record: { ContactId: string }): Promise<void> {
    this.entries.push({ EventBusName: this.config.EVENT_BUS_NAME, Source: CTR_SOURCE, DetailType: CTR_DETAIL_TYPE, Detail: JSON.stringify(record) });
    if (this.autoFlush && this.entries.length >= 10) await this.flushEntries();
  }

  async contactEvent(detail: unknown, time?: string, resources?: string[]): Promise<void> {
    this.entries.push({
      Source: CONTACT_EVENT_SOURCE,
      DetailType: CONTACT_EVENT_DETAIL_TYPE,
      Detail: JSON.stringify(detail),
      Time: time ? new Date(time) : undefined,
      Resources: resources,
    });
    if (this.autoFlush && this.entries.length >= 10) await this.flushEntries();
  }

  async agentEvent(record: { AgentARN: string }): Promise<void> {
    this.agentRecords.push({ PartitionKey: record.AgentARN, Data: Buffer.from(JSON.stringify(record)) });
    if (this.autoFlush && this.agentRecords.length >= 200) await this.flushAgentEvents();
  }

  flowLog(entry: FlowLogEntry): void {
    const list = this.flowLogs.get(entry.ContactId) ?? [];
    list.push(entry);
    this.flowLogs.set(entry.ContactId, list);
  }

  /**
   * A Contact Lens analysis file, where Contact Lens writes it: the bucket of its input (the
   * recording or chat transcript), dated like its input's folder (today when that has no date).
   */
  async contactLensAnalysis(document: ContactLensDocument, now = new Date()): Promise<void> {
    const { ContactId, InputS3Uri } = document.CustomerMetadata;
    const input = /^s3:\/\/([^/]+)\/(.*)$/.exec(InputS3Uri);
    const day = /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})\//.exec(input?.[2] ?? '');
    const at = day ? new Date(`${day[1]}-${day[2]}-${day[3]}T${now.toISOString().slice(11)}`) : now;
    await this.transcript(input?.[1] ?? 'connect-analysis', contactLensKey(ContactId, document.Channel === 'CHAT' ? 'CHAT' : 'VOICE', at), document);
  }

  /** Contact Lens writes `<bucket>/Analysis/<Voice|Chat>/yyyy/mm/dd/<contactId>_analysis_<timestamp>.json`. */
  private async transcript(bucket: string, key: string, document: unknown): Promise<void> {
    if (!this.buckets.has(bucket)) {
      await this.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
        if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.name ?? '')) throw error;
      });
      this.buckets.add(bucket);
    }
    try {
      await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(document), ContentType: 'application/json' }));
    } catch (error) {
      this.lost.analysisFiles++;
      throw new DeliveryError('Contact Lens file (S3 PutObject)', error);
    }
    this.sent.analysisFiles++;
  }

  /** Sends everything buffered; each entry point is tried even when another fails, then the failures are thrown together. */
  async flush(): Promise<void> {
    const failures: DeliveryError[] = [];
    for (const send of [() => this.flushEntries(), () => this.flushAgentEvents(), () => this.flushFlowLogs()]) {
      await send().catch((error: unknown) => failures.push(error instanceof DeliveryError ? error : new DeliveryError('delivery', error)));
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new DeliveryError(failures.map((f) => f.target).join(' + '), new Error(failures.map((f) => f.message).join('; ')));
  }

  close(): void {
    this.events.destroy();
    this.kinesis.destroy();
    this.s3.destroy();
  }

  private async flushEntries(): Promise<void> {
    while (this.entries.length) {
      const batch = this.entries.splice(0, 10);
      const count = (entries: PutEventsRequestEntry[], into: DeliveryCounts) =>
        entries.forEach((entry) => (entry.Source === CTR_SOURCE ? into.ctrs++ : into.contactEvents++));
      let result;
      try {
        result = await this.events.send(new PutEventsCommand({ Entries: batch }));
      } catch (error) {
        count(batch, this.lost);
        throw new DeliveryError('CTRs and contact events (EventBridge PutEvents)', error);
      }
      // EventBridge answers entry by entry, in request order.
      const failed = batch.filter((_, i) => result.Entries?.[i]?.ErrorCode);
      count(batch.filter((_, i) => !result.Entries?.[i]?.ErrorCode), this.sent);
      count(failed, this.lost);
      if (result.FailedEntryCount) {
        throw new DeliveryError(
          'CTRs and contact events (EventBridge PutEvents)',
          new Error(`rejected ${result.FailedEntryCount} of ${batch.length} entries: ${result.Entries?.find((e) => e.ErrorCode)?.ErrorMessage}`),
        );
      }
    }
  }

  private async flushAgentEvents(): Promise<void> {
    while (this.agentRecords.length) {
      const batch = this.agentRecords.splice(0, 500);
      const failed = await this.putRecords(STREAMS.agentEvents.logicalName, batch, 'agent events (Kinesis PutRecords)').catch((error: unknown) => {
        this.lost.agentEvents += batch.length;
        throw error;
      });
      this.sent.agentEvents += batch.length - failed;
      this.lost.agentEvents += failed;
      if (failed) throw new DeliveryError('agent events (Kinesis PutRecords)', new Error(`rejected ${failed} of ${batch.length} records`));
    }
  }

  private async flushFlowLogs(): Promise<void> {
    const records: PutRecordsRequestEntry[] = [...this.flowLogs.entries()].map(([contactId, entries]) => ({
      PartitionKey: contactId,
      // What a CloudWatch Logs subscription filter writes to Kinesis: gzip of a DATA_MESSAGE.
      Data: gzipSync(JSON.stringify(flowLogSubscriptionDocument(entries, { logStream: contactId }))),
    }));
    this.flowLogs.clear();
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      const failed = await this.putRecords(STREAMS.flowLogs.logicalName, batch, 'flow logs (Kinesis PutRecords)').catch((error: unknown) => {
        this.lost.flowLogRecords += records.length - i;
        throw error;
      });
      this.sent.flowLogRecords += batch.length - failed;
      this.lost.flowLogRecords += failed;
      if (failed) throw new DeliveryError('flow logs (Kinesis PutRecords)', new Error(`rejected ${failed} of ${batch.length} records`));
    }
  }

  /** PutRecords; the number of records the stream rejected, or a DeliveryError when the call itself failed. */
  private async putRecords(stream: string, records: PutRecordsRequestEntry[], target: string): Promise<number> {
    try {
      const result = await this.kinesis.send(new PutRecordsCommand({ StreamName: physicalName(this.config, stream), Records: records }));
      return result.FailedRecordCount ?? 0;
    } catch (error) {
      throw new DeliveryError(target, error);
    }
  }
}

export interface DeliveryCounts {
  ctrs: number;
  contactEvents: number;
  agentEvents: number;
  flowLogRecords: number;
  analysisFiles: number;
}

/** A send to one of Buddie's entry points failed; `target` names it (e.g. "agent events (Kinesis PutRecords)"). */
export class DeliveryError extends Error {
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    super(`${target}: ${cause instanceof Error ? cause.message || cause.name : String(cause)}`, { cause });
    this.name = 'DeliveryError';
  }
}

/** What locating a Contact Lens analysis file takes from it. */
export interface ContactLensDocument {
  Channel?: string;
  CustomerMetadata: { ContactId: string; InputS3Uri: string };
}

export function isContactLensDocument(value: unknown): value is ContactLensDocument {
  const metadata = (value as { CustomerMetadata?: { ContactId?: unknown; InputS3Uri?: unknown } } | null)?.CustomerMetadata;
  return typeof metadata?.ContactId === 'string' && typeof metadata.InputS3Uri === 'string';
}

/** Contact Lens' output key for a contact (its analysis file name carries the analysis time). */
function contactLensKey(contactId: string, channel: 'VOICE' | 'CHAT', at: Date): string {
  const day = at.toISOString().slice(0, 10).replace(/-/g, '/');
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return `Analysis/${channel === 'CHAT' ? 'Chat' : 'Voice'}/${day}/${contactId}_analysis_${stamp}.json`;
}
