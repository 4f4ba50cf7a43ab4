import { physicalName, type BuddieConfig } from '@buddie/config';
import { ensureQueues, ensureStreams, queueDefinitions, STREAMS } from '@buddie/messaging';
import { createDynamoClients, ensureTables, TABLES } from '@buddie/persistence';
import { createKinesisClient, createSqsClient } from '../aws-clients';

/**
 * Creates every table, queue (+DLQ) and stream from the same definitions the CDK stack uses.
 * Idempotent, so every local boot runs it; DynamoDB data on disk survives, queues are recreated.
 */
export async function provisionLocalResources(config: BuddieConfig): Promise<void> {
  const physical = (logical: string) => physicalName(config, logical);
  const { client } = createDynamoClients(config);
  const sqs = createSqsClient(config);
  const kinesis = createKinesisClient(config);
  try {
    await ensureTables(client, Object.values(TABLES), physical);
    await ensureQueues(sqs, physical, queueDefinitions(config.MAX_RECEIVE_COUNT));
    await ensureStreams(kinesis, Object.values(STREAMS), physical);
  } finally {
    client.destroy();
    sqs.destroy();
    kinesis.destroy();
  }
}
