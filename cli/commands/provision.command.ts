import type { Command } from 'commander';
import { loadConfig, physicalName, BuddieConfig } from '@buddie/config';
import { LocalEventRouter } from '@buddie/messaging';
import { createSqsClient, provisionLocalResources } from '@buddie/runtime';

/** For containers (docker-compose.yml): the two steps `buddie start` does in-process, as separate services. */
export function registerProvision(program: Command): void {
  program
    .command('provision')
    .description('create every table, queue (+DLQ) and stream on the configured endpoints (idempotent)')
    .action(async () => {
      const config = loadConfig(BuddieConfig);
      await provisionLocalResources(config);
      console.log(`provisioned tables, queues and streams with prefix '${config.RESOURCE_PREFIX}'`);
    });

  program
    .command('router')
    .description('run the local EventBridge stand-in: PutEvents in, delivery to the SQS queues of the routing table')
    .option('--port <port>', 'port to listen on', (v) => Number(v), 4568)
    .option('--host <host>', 'address to bind', '0.0.0.0')
    .action(async (options: { port: number; host: string }) => {
      const config = loadConfig(BuddieConfig);
      const router = new LocalEventRouter({
        sqs: createSqsClient(config),
        queueName: (queue) => physicalName(config, queue),
        buddieBusName: config.EVENT_BUS_NAME,
        region: config.AWS_REGION,
        log: (message) => console.log(message),
      });
      console.log(`local event router on ${await router.listen(options.port, options.host)}`);
      const stop = () => void router.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
}
