import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { CONSUMER_QUEUES, dlqOf, type ConsumerQueue } from './routing-table';

export interface QueueDefinition {
  queue: ConsumerQueue;
  /** Long enough for the slowest handler between heartbeats; the consumer extends it while working. */
  visibilityTimeoutSeconds: number;
  maxReceiveCount: number;
  /** DLQ messages are kept the SQS maximum so a person has time to look at them. */
  dlqRetentionSeconds: number;
}

export function queueDefinitions(maxReceiveCount: number): QueueDefinition[] {
  return CONSUMER_QUEUES.map((queue) => ({
    queue,
    visibilityTimeoutSeconds: queue === 'summarizer' ? 300 : 30,
    maxReceiveCount,
    dlqRetentionSeconds: 14 * 24 * 3600,
  }));
}

export interface QueueUrls {
  queueUrl: string;
  dlqUrl: string;
}

/** Creates each consumer queue with its DLQ and redrive policy; safe to run on every local boot. */
export async function ensureQueues(
  sqs: SQSClient,
  physical: (logical: string) => string,
  definitions: QueueDefinition[],
): Promise<Record<ConsumerQueue, QueueUrls>> {
  const urls = {} as Record<ConsumerQueue, QueueUrls>;
  for (const def of definitions) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: physical(dlqOf(def.queue)),
        Attributes: { MessageRetentionPeriod: String(def.dlqRetentionSeconds) },
      }),
    );
    const dlqArn = (
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: physical(def.queue),
        Attributes: {
          VisibilityTimeout: String(def.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: def.maxReceiveCount }),
        },
      }),
    );
    urls[def.queue] = { queueUrl: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
  }
  return urls;
}

export async function resolveQueueUrls(sqs: SQSClient, physical: (logical: string) => string, queue: string): Promise<QueueUrls> {
  const [main, dlq] = await Promise.all([
    sqs.send(new GetQueueUrlCommand({ QueueName: physical(queue) })),
    sqs.send(new GetQueueUrlCommand({ QueueName: physical(dlqOf(queue)) })),
  ]);
  return { queueUrl: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}
