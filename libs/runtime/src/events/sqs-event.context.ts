import type { Message } from '@aws-sdk/client-sqs';
import { BaseRpcContext } from '@nestjs/microservices';
import type { EventBridgeEnvelope } from '@buddie/connect';

/** What an `@EventPattern` handler can read besides the payload (`@Ctx() context: SqsEventContext`). */
export class SqsEventContext extends BaseRpcContext<[Message, EventBridgeEnvelope]> {
  get message(): Message {
    return this.args[0];
  }

  get envelope(): EventBridgeEnvelope {
    return this.args[1];
  }

  /** The detail's correlation id when it has one (Buddie events), else the SQS message id. */
  get correlationId(): string {
    const id = (this.envelope.detail as { correlationId?: unknown } | null)?.correlationId;
    return typeof id === 'string' && id !== '' ? id : (this.message.MessageId ?? this.envelope.id);
  }
}
