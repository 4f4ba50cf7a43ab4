import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import { createSqsClient } from '@buddie/runtime';
import { CONSUMER_QUEUES, dlqOf, readDeadLetterInfo, resolveQueueUrls } from '@buddie/messaging';
import { runningStackEnv } from '../local-state';

function context() {
  const config = loadConfig(BuddieConfig, runningStackEnv() as NodeJS.ProcessEnv);
  return { config, sqs: createSqsClient(config) };
}

function queuesFrom(queue: string | undefined): string[] {
  if (!queue) return [...CONSUMER_QUEUES];
  if (!(CONSUMER_QUEUES as readonly string[]).includes(queue)) throw new Error(`unknown queue '${queue}': one of ${CONSUMER_QUEUES.join(', ')}`);
  return [queue];
}

async function receive(sqs: SQSClient, url: string, visibility: number): Promise<Message[]> {
  const result = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: visibility, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
  );
  return result.Messages ?? [];
}

/** Listing must not hide what it listed: a redrive right after a list finds every message. */
async function showAgain(sqs: SQSClient, url: string, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 10) {
    const entries = messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: entries }));
  }
}

export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('inspect and redrive dead-lettered messages');
  dlq
    .command('list [queue]')
    .description('list DLQ messages with the reason each was rejected')
    .option('--max <n>', 'messages to show per queue', (v) => Number(v), 50)
    .action(async (queue: string | undefined, options: { max: number }) => {
      const { config, sqs } = context();
      for (const name of queuesFrom(queue)) {
        const { dlqUrl } = await resolveQueueUrls(sqs, (l) => physicalName(config, l), name);
        const seen = new Map<string, Message>();
        // A short visibility hides each message while we page, then it reappears untouched.
        for (let round = 0; round < 20 && seen.size < options.max; round++) {
          const batch = await receive(sqs, dlqUrl, 5);
          if (batch.length === 0) break;
          batch.forEach((m) => seen.set(m.MessageId!, m));
        }
        await showAgain(sqs, dlqUrl, [...seen.values()]);
        console.log(`${dlqOf(name)}: ${seen.size} message(s)`);
        for (const message of seen.values()) {
          const info = readDeadLetterInfo(message);
          console.log(`  ${message.MessageId}  ${info.code}  ${info.failedAt ?? ''}\n    ${info.reason}\n    body: ${(message.Body ?? '').slice(0, 160)}`);
        }
      }
      sqs.destroy();
    });
  dlq
    .command('redrive <queue>')
    .description('move every message of a DLQ back to its queue (after the cause was fixed)')
    .action(async (queue: string) => {
      const { config, sqs } = context();
      const [name] = queuesFrom(queue);
      const { queueUrl, dlqUrl } = await resolveQueueUrls(sqs, (l) => physicalName(config, l), name);
      // Only what was there when the redrive began: a message that still fails comes straight back
      // to the DLQ, and moving it again would loop until the cause is fixed.
      const startedAt = Date.now();
      const returned: Message[] = [];
      let moved = 0;
      for (;;) {
        const received = await receive(sqs, dlqUrl, 60);
        if (received.length === 0) break;
        const batch = received.filter((m) => Number(m.Attributes?.SentTimestamp ?? 0) < startedAt);
        returned.push(...received.filter((m) => !batch.includes(m)));
        if (batch.length === 0) continue;
        // Sent before deleted: a crash in between duplicates a message, which consumers tolerate; it never loses one.
        await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((m, i) => ({ Id: String(i), MessageBody: m.Body ?? '' })) }));
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: dlqUrl, Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
        moved += batch.length;
      }
      await showAgain(sqs, dlqUrl, returned);
      console.log(`redrove ${moved} message(s) from ${dlqOf(name)} to ${name}`);
      if (returned.length > 0) console.log(`${returned.length} message(s) reached ${dlqOf(name)} during the redrive and were left there (see buddie dlq list ${name})`);
      sqs.destroy();
    });
}
