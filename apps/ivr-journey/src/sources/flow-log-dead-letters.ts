import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FlowLogRejection } from '@buddie/connect';
import { deadLetterAttributes } from '@buddie/messaging';

export interface RejectedFlowLog extends FlowLogRejection {
  shardId: string;
  sequenceNumber: string;
}

/**
 * Kinesis has no dead-letter queue, so a flow-log record (or one line of it) that cannot be read goes to
 * ivr-journey's DLQ with its reason (`buddie dlq list ivr-journey` shows it) and the shard moves on:
 * nothing else in the record or the stream is held up by it.
 */
export class FlowLogDeadLetters {
  constructor(
    private readonly sqs: SQSClient,
    private readonly dlqUrl: () => Promise<string>,
    private readonly streamName: string,
  ) {}

  async send(rejections: readonly RejectedFlowLog[], at: string): Promise<void> {
    const url = await this.dlqUrl();
    for (let i = 0; i < rejections.length; i += 10) {
      const batch = rejections.slice(i, i + 10);
      const result = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: batch.map((r, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify({ stream: this.streamName, shardId: r.shardId, sequenceNumber: r.sequenceNumber, logEventId: r.logEventId ?? null, reason: r.reason, detail: r.detail, sample: r.sample ?? null }),
            MessageAttributes: deadLetterAttributes({ code: `FLOW_LOG_${r.reason.toUpperCase().replace(/-/g, '_')}`, reason: r.detail, sourceQueue: `kinesis:${this.streamName}`, failedAt: at }),
          })),
        }),
      );
      if (result.Failed?.length) throw new Error(`DLQ refused ${result.Failed.length} flow-log rejections: ${result.Failed[0].Message ?? result.Failed[0].Code}`);
    }
  }
}
