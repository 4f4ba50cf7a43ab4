import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock } from '@buddie/domain';
import { deadLetterAttributes } from '@buddie/messaging';
import type { SalesforceSyncRecord } from '@buddie/persistence';
import type { RejectedRecordSink } from './salesforce-sync.engine';

/** A rejected record in the app's DLQ, with Salesforce's code and message as the reason (`buddie dlq list` shows it). */
export class DlqRejectedRecordSink implements RejectedRecordSink {
  constructor(
    private readonly sqs: SQSClient,
    private readonly dlqUrl: () => Promise<string>,
    private readonly clock: Clock,
  ) {}

  async reject(record: SalesforceSyncRecord, failure: { code: string; reason: string; sobject: string }): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: await this.dlqUrl(),
        MessageBody: JSON.stringify({ recordKey: record.recordKey, kind: record.kind, sourceId: record.sourceId, sobject: failure.sobject, contactIds: record.contactIds, revision: record.revision }),
        MessageAttributes: deadLetterAttributes({ code: failure.code, reason: failure.reason, sourceQueue: 'salesforce-sync', failedAt: this.clock.now().toISOString() }),
      }),
    );
  }
}
