import { randomBytes } from 'node:crypto';
import { DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import { LocalEventRouter, STREAMS } from '@buddie/messaging';
import { createDynamoClients, dropTablesWithPrefix } from '@buddie/persistence';
import { createKinesisClient, createSqsClient, provisionLocalResources } from '@buddie/runtime';

export interface TestEnvironment {
  /** Environment variables for an app's loadConfig: emulator endpoints, this file's prefix, short timings. */
  env: Record<string, string>;
  config: BuddieConfig;
  sqs: SQSClient;
  router: LocalEventRouter;
  routerEndpoint: string;
  physical(logical: string): string;
  close(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: integration and e2e tests run under jest's globalSetup (libs/testing/src/global-setup.ts); run them with npm test`);
  }
  return value;
}

/**
 * Isolated resources for one test file on the shared emulators: a unique prefix, its own tables,
 * queues and streams, and a local event router delivering PutEvents by the routing table.
 */
export async function createTestEnvironment(overrides: Record<string, string> = {}): Promise<TestEnvironment> {
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const base: Record<string, string> = {
    BUDDIE_MODE: 'local',
    AWS_REGION: 'us-east-1',
    RESOURCE_PREFIX: prefix,
    EVENT_BUS_NAME: 'buddie',
    DYNAMODB_ENDPOINT: required('BUDDIE_TEST_DYNAMODB_ENDPOINT'),
    SQS_ENDPOINT: required('BUDDIE_TEST_SQS_ENDPOINT'),
    KINESIS_ENDPOINT: required('BUDDIE_TEST_KINESIS_ENDPOINT'),
    SQS_WAIT_TIME_SECONDS: '1',
    VISIBILITY_TIMEOUT_SECONDS: '3',
    MAX_RECEIVE_COUNT: '3',
    SHUTDOWN_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  const provisional = loadConfig(BuddieConfig, { ...base, ...overrides });
  await provisionLocalResources(provisional);
  const sqs = createSqsClient(provisional);
  const router = new LocalEventRouter({
    sqs,
    queueName: (queue) => physicalName(provisional, queue),
    buddieBusName: provisional.EVENT_BUS_NAME,
    region: provisional.AWS_REGION,
  });
  const routerEndpoint = await router.listen(0);
  const env = { ...base, EVENTBRIDGE_ENDPOINT: routerEndpoint, ...overrides };
  return {
    env,
    config: loadConfig(BuddieConfig, env),
    sqs,
    router,
    routerEndpoint,
    physical: (logical) => physicalName(provisional, logical),
    close: async () => {
      await router.close();
      sqs.destroy();
      await dropTables(provisional, `${prefix}-`);
      await dropStreams(provisional);
    },
  };
}

/** Deletes the file's streams: kinesalite counts every stream's shards against one account-wide limit. */
async function dropStreams(config: BuddieConfig): Promise<void> {
  const kinesis = createKinesisClient(config);
  try {
    for (const def of Object.values(STREAMS)) {
      await kinesis.send(new DeleteStreamCommand({ StreamName: physicalName(config, def.logicalName), EnforceConsumerDeletion: true })).catch(() => undefined);
    }
  } finally {
    kinesis.destroy();
  }
}

/**
 * Drops the file's tables from the shared DynamoDB Local. Left behind, they pile up over a run, and
 * DynamoDB Local then takes minutes to build a new index on any table.
 */
async function dropTables(config: BuddieConfig, prefix: string): Promise<void> {
  const { client } = createDynamoClients(config);
  try {
    await dropTablesWithPrefix(client, prefix);
  } finally {
    client.destroy();
  }
}
