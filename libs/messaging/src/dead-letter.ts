import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/** Message attributes Buddie puts on every message it dead-letters itself, so `buddie dlq list` can say why. */
export const DLQ_ATTRIBUTES = {
  code: 'buddie.error.code',
  reason: 'buddie.error.reason',
  sourceQueue: 'buddie.source.queue',
  failedAt: 'buddie.failed.at',
  receiveCount: 'buddie.receive.count',
} as const;

export interface DeadLetterInfo {
  code: string;
  reason: string;
  sourceQueue: string;
  failedAt: string;
  receiveCount?: string;
}

const str = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

export function deadLetterAttributes(info: DeadLetterInfo): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {
    [DLQ_ATTRIBUTES.code]: str(info.code),
    // SQS caps the whole message at 256 KiB; a reason never needs more than this.
    [DLQ_ATTRIBUTES.reason]: str(info.reason.slice(0, 4000) || 'unknown'),
    [DLQ_ATTRIBUTES.sourceQueue]: str(info.sourceQueue),
    [DLQ_ATTRIBUTES.failedAt]: str(info.failedAt),
  };
  if (info.receiveCount) attributes[DLQ_ATTRIBUTES.receiveCount] = str(info.receiveCount);
  return attributes;
}

/** Reads the reason back; messages SQS redrove after maxReceiveCount carry none of ours. */
export function readDeadLetterInfo(message: Message): Partial<DeadLetterInfo> {
  const get = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  return {
    code: get(DLQ_ATTRIBUTES.code) ?? 'MAX_RECEIVES_EXCEEDED',
    reason: get(DLQ_ATTRIBUTES.reason) ?? 'moved by the queue redrive policy after repeated failures (see the consumer logs)',
    sourceQueue: get(DLQ_ATTRIBUTES.sourceQueue),
    failedAt: get(DLQ_ATTRIBUTES.failedAt),
    receiveCount: get(DLQ_ATTRIBUTES.receiveCount) ?? message.Attributes?.ApproximateReceiveCount,
  };
}
