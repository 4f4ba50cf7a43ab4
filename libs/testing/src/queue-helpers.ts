import {
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}

export async function sendBodies(sqs: SQSClient, url: string, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    const chunk = bodies.slice(i, i + 10);
    if (chunk.length === 1) {
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: chunk[0] }));
      continue;
    }
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: chunk.map((MessageBody, j) => ({ Id: String(j), MessageBody })) }));
  }
}

/** Receives (and deletes nothing) until `count` messages arrived or the time is up. */
export async function drainQueue(sqs: SQSClient, url: string, options: { expect?: number; timeoutMs?: number; quietMs?: number } = {}): Promise<Message[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 15000);
  const quiet = options.quietMs ?? 1500;
  const messages: Message[] = [];
  let lastArrival = Date.now();
  while (Date.now() < deadline) {
    const result = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 300, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );
    if (result.Messages?.length) {
      messages.push(...result.Messages);
      lastArrival = Date.now();
    }
    if (options.expect !== undefined && messages.length >= options.expect && Date.now() - lastArrival >= quiet) break;
    if (options.expect === undefined && Date.now() - lastArrival >= quiet) break;
  }
  return messages;
}

export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, 150));
    last = await probe();
  }
  return last;
}
