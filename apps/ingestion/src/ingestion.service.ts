import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { classifyIngestionMessage, ConnectValidationError, type ContactTraceRecord, type IngestionItem } from '@buddie/connect';
import { BuddieError, futureTimestampProblem, InvalidInputError, itemLimitBreach, type Clock } from '@buddie/domain';
import type { IngestionConfig } from '@buddie/config';
import { EventPublisher } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, type CtrUpsertOutcome } from '@buddie/persistence';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { toContactCompleted, toContactWrite } from './contact.mapper';

export interface CtrIngestResult {
  contactId: string;
  outcome: CtrUpsertOutcome;
  published: boolean;
}

export type IngestResult = CtrIngestResult | { contactId: string; outcome: 'contact-event-recorded'; eventType: string };

/**
 * One contact per ContactId, the newest LastUpdateTimestamp wins, and ContactCompleted goes out
 * exactly when a contact is new or materially changed (CONNECT-FORMATS.md (a), "Delivery and updates").
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly contacts: ContactRepository,
    private readonly publisher: EventPublisher,
    private readonly metrics: MetricsRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BUDDIE_CONFIG) private readonly config: IngestionConfig,
  ) {}

  /** An SQS message body: an EventBridge envelope (contact event or piped CTR) or a bare CTR. */
  async ingestMessage(body: string, correlationId: string = randomUUID()): Promise<IngestResult> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      this.metrics.increment('buddie_ingestion_rejected_total', { reason: 'not-json' });
      throw new InvalidInputError('message body is not valid JSON');
    }
    const classified = classifyIngestionMessage(json);
    if (!classified.ok) {
      this.metrics.increment('buddie_ingestion_rejected_total', { reason: 'invalid' });
      throw new ConnectValidationError('ingestion message', classified.issues);
    }
    return this.ingestItem(classified.value, correlationId);
  }

  async ingestItem(item: IngestionItem, correlationId: string): Promise<IngestResult> {
    if (item.kind === 'ctr') return this.ingestCtr(item.record, correlationId);
    const { event, envelope } = item;
    await this.contacts.recordContactEvent(event.contactId, event.eventType, envelope.time, event.initialContactId ?? event.contactId);
    this.metrics.increment('buddie_ingestion_contact_events_total', { type: event.eventType });
    return { contactId: event.contactId, outcome: 'contact-event-recorded', eventType: event.eventType };
  }

  async ingestCtr(record: ContactTraceRecord, correlationId: string): Promise<CtrIngestResult> {
    const now = this.clock.now();
    const future = futureTimestampProblem(record.LastUpdateTimestamp, now, this.config.MAX_CLOCK_SKEW_SECONDS);
    if (future) {
      this.metrics.increment('buddie_ingestion_rejected_total', { reason: 'future-timestamp' });
      throw new BuddieError('TIMESTAMP_IN_FUTURE', future, true, [{ path: 'LastUpdateTimestamp', message: future }]);
    }
    const write = toContactWrite(record);
    const breach = itemLimitBreach(write as unknown as Record<string, unknown>);
    if (breach) {
      this.metrics.increment('buddie_ingestion_rejected_total', { reason: breach.code === 'ITEM_TOO_LARGE' ? 'item-too-large' : 'item-too-deep' });
      throw new BuddieError(breach.code, breach.message, true, [{ path: '', message: breach.message }]);
    }
    const result = await this.contacts.upsertCtr(write, now.toISOString());
    this.metrics.increment('buddie_ingestion_ctrs_total', { outcome: result.outcome });
    let published = false;
    if (result.needsPublish) {
      // The stored copy is announced, never an older incoming one; a crash before markPublished
      // means the next redelivery publishes again (at-least-once, consumers are idempotent).
      await this.publisher.publish([
        {
          type: 'ContactCompleted',
          detail: toContactCompleted(result.contact, result.contact.publishedFingerprint !== undefined, correlationId),
          resources: [record.InstanceARN ? `${record.InstanceARN}/contact/${record.ContactId}` : record.ContactId].filter(Boolean),
        },
      ]);
      await this.contacts.markPublished(result.contact.contactId, result.contact.fingerprint);
      published = true;
    }
    if (result.outcome === 'conflict') {
      this.logger.warn(
        `contact ${record.ContactId}: two copies with LastUpdateTimestamp ${record.LastUpdateTimestamp} differ; kept the one with fingerprint ${result.contact.fingerprint.slice(0, 12)} [${correlationId}]`,
      );
    }
    this.logger.debug(`contact ${record.ContactId}: ${result.outcome}${published ? ', ContactCompleted published' : ''} [${correlationId}]`);
    return { contactId: record.ContactId, outcome: result.outcome, published };
  }
}
