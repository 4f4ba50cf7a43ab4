import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { contactIdOf, QueueBatchRunner, type BatchRunnerOptions } from './queue-batch-runner';

const logger = { warn: () => undefined, error: () => undefined };
const message = (id: string, contact: string): Message => ({ MessageId: id, Body: contact, ReceiptHandle: id });
const batch = [message('1', 'A'), message('2', 'B'), message('3', 'A'), message('4', 'C'), message('5', 'A')];

/** Runs the batch with handlers that take a tick and records when each starts and ends. */
async function trace(options: BatchRunnerOptions) {
  const runner = new QueueBatchRunner({} as SQSClient, { name: 'q', dlqUrl: 'dlq' }, logger, undefined, options);
  const log: string[] = [];
  let inFlight = 0;
  let peak = 0;
  const acknowledged = await runner.run(batch, async (_body, m) => {
    log.push(`start ${m.MessageId}`);
    peak = Math.max(peak, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    log.push(`end ${m.MessageId}`);
  });
  return { log, peak, acknowledged: acknowledged.map((m) => m.MessageId).sort() };
}

describe('QueueBatchRunner ordering', () => {
  it('given no concurrency, then messages run one after another in batch order', async () => {
    const { log, peak, acknowledged } = await trace({});
    expect(peak).toBe(1);
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 1', 'start 2', 'start 3', 'start 4', 'start 5']);
    expect(acknowledged).toEqual(['1', '2', '3', '4', '5']);
  });

  it('given concurrency and an order key, then different keys run side by side and one key keeps batch order, never overlapping', async () => {
    const { log, peak, acknowledged } = await trace({ concurrency: 10, orderKey: (m) => m.Body });
    expect(peak).toBe(3);
    const a = log.filter((l) => /[135]$/.test(l));
    expect(a).toEqual(['start 1', 'end 1', 'start 3', 'end 3', 'start 5', 'end 5']);
    expect(acknowledged).toEqual(['1', '2', '3', '4', '5']);
  });

  it('given concurrency 2, then no more than two run at once', async () => {
    expect((await trace({ concurrency: 2 })).peak).toBe(2);
  });
});

describe('contactIdOf', () => {
  const of = (body: string) => contactIdOf({ Body: body });
  it('reads the contact of a CTR envelope, a Connect contact event and a Buddie event; nothing else', () => {
    expect(of(JSON.stringify({ 'detail-type': 'Amazon Connect Contact Trace Record', detail: { ContactId: 'c-1' } }))).toBe('c-1');
    expect(of(JSON.stringify({ 'detail-type': 'Amazon Connect Contact Event', detail: { contactId: 'c-2' } }))).toBe('c-2');
    expect(of(JSON.stringify({ 'detail-type': 'ContactCompleted', detail: { contactId: 'c-3' } }))).toBe('c-3');
    expect(of(JSON.stringify({ detail: { ContactId: 42 } }))).toBeUndefined();
    expect(of('null')).toBeUndefined();
    expect(of('not json')).toBeUndefined();
  });
});
