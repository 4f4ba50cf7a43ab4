import type { Message } from '@aws-sdk/client-sqs';
import { Inject, Injectable } from '@nestjs/common';
import { SqsMessageHandler } from '@ssut/nestjs-sqs';
import { formatIssues, parseEventBridgeEnvelope } from '@buddie/connect';
import { InvalidInputError } from '@buddie/domain';
import type { QueueBatchRunner } from '@buddie/messaging';
import { QUEUE_RUNNER } from '@buddie/runtime';
import { JourneyAssemblyService } from './assembly/journey-assembly.service';

/** ContactCompleted from ingestion: the CTR half of a journey is stored. Thin edge; the runner owns acks and the DLQ. */
@Injectable()
export class ContactCompletedConsumer {
  constructor(
    @Inject(QUEUE_RUNNER) private readonly runner: QueueBatchRunner,
    private readonly assembly: JourneyAssemblyService,
  ) {}

  @SqsMessageHandler('ivr-journey', true)
  handle(messages: Message[]): Promise<Message[]> {
    return this.runner.run(messages, (body) => this.handleBody(body));
  }

  async handleBody(body: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new InvalidInputError('message body is not JSON');
    }
    const envelope = parseEventBridgeEnvelope(parsed);
    if (!envelope.ok) throw new InvalidInputError(`not an EventBridge event: ${formatIssues(envelope.issues)}`);
    if (envelope.value['detail-type'] !== 'ContactCompleted') throw new InvalidInputError(`ivr-journey does not consume ${envelope.value['detail-type']}`);
    const contactId = (envelope.value.detail as { contactId?: unknown }).contactId;
    if (typeof contactId !== 'string' || !/^[A-Za-z0-9-]{1,256}$/.test(contactId)) throw new InvalidInputError('detail.contactId: must be a contact id');
    await this.assembly.contactCompleted(contactId);
  }
}
