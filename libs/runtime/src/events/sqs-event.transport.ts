import type { Message } from '@aws-sdk/client-sqs';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import { parseEventBridgeEnvelope, type EventBridgeEnvelope } from '@buddie/connect';
import { InvalidInputError } from '@buddie/domain';
import { isConsumableEventType, type QueueBatchRunner } from '@buddie/messaging';
import { SqsEventContext } from './sqs-event.context';

/**
 * Nest's RPC exception handling turns any error that is not an RpcException into a generic
 * "Internal server error". The queue runner needs the original (permanent or transient, with its
 * reason) to decide between DLQ and retry, so errors pass through unchanged.
 */
@Catch()
export class PassThroughEventErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * A custom @nestjs/microservices transport over the app's SQS consumer (@ssut/nestjs-sqs receives and
 * deletes batches; QueueBatchRunner owns acks, DLQ-with-reason and retries). Each message is an
 * EventBridge delivery; it goes to the `@EventPattern(detailType)` handler of its detail-type, whose
 * `@EventPayload(type)` pipe validates the detail against the catalog. Outcomes, as the runner defines them:
 * handler resolves -> acked; permanent error (bad envelope, no handler here, invalid detail with its field
 * path) -> DLQ with the reason; anything else -> not acked, redelivered.
 */
export class SqsEventTransport extends Server implements CustomTransportStrategy {
  private markReady!: () => void;
  /** Batches received before Nest has registered the handlers wait here instead of failing. */
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(readonly queue: string) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    const unknown = [...this.messageHandlers.keys()].filter((pattern) => !isConsumableEventType(pattern));
    if (unknown.length > 0) {
      callback(new Error(`${this.queue}: @EventPattern names no catalog or known AWS event: ${unknown.join(', ')}`));
      return;
    }
    this.markReady();
    callback();
  }

  close(): void {
    // Polling and draining belong to the SQS consumer (QueueConsumerModule): nothing to stop here.
  }

  on(): void {
    // No transport-level events: errors surface per message through the runner.
  }

  unwrap<T>(): T {
    throw new Error('SqsEventTransport has no underlying client to unwrap');
  }

  /** The detail-types this queue's handlers declare. */
  patterns(): string[] {
    return [...this.messageHandlers.keys()];
  }

  /** The runner's message handler: one SQS batch goes through `runner.run(messages, transport.dispatch)`. */
  readonly dispatch = async (body: string, message: Message): Promise<void> => {
    await this.ready;
    const envelope = this.envelopeOf(body);
    const type = envelope['detail-type'];
    const handler = this.getHandlerByPattern(type);
    if (!handler) throw new InvalidInputError(`${this.queue} has no handler for ${type} events (handled: ${this.patterns().join(', ') || 'none'})`);
    const result = await handler(envelope.detail, new SqsEventContext([message, envelope]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  };

  run(runner: QueueBatchRunner, messages: Message[]): Promise<Message[]> {
    return runner.run(messages, this.dispatch);
  }

  private envelopeOf(body: string): EventBridgeEnvelope {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new InvalidInputError('message body is not JSON');
    }
    const parsed = parseEventBridgeEnvelope(json);
    if (!parsed.ok) throw new InvalidInputError(`not an EventBridge event: ${parsed.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    return parsed.value;
  }
}
