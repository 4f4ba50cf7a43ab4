import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LoggerService } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import type { BuddieConfig } from '@buddie/config';
import { createLogger } from '@buddie/observability';
import { findEventTransport } from './events/event-consumer.module';
import { PassThroughEventErrors } from './events/sqs-event.transport';
import { secureHttp } from './http-security';

export interface BootstrapOptions {
  bodyLimitBytes?: number;
  /** Address to bind; 127.0.0.1 locally, all interfaces in a container. */
  host?: string;
}

/**
 * SIGTERM (ECS stopping a task) or SIGINT: run Nest's shutdown hooks (consumers stop polling and
 * drain, clients close), then exit 0; past the timeout, exit 1 rather than hang the deployment.
 */
function handleShutdownSignals(app: string, nest: NestFastifyApplication, logger: LoggerService, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining ${app}`);
    const timer = setTimeout(() => {
      logger.error(`${app} did not stop within ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs + 2000);
    timer.unref();
    nest
      .close()
      .then(() => {
        logger.log(`${app} stopped`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`${app} failed to stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  // Started by `buddie start` with an IPC channel: the channel closes when that process dies, even
  // by SIGKILL, and the app stops with it instead of living on as an orphan.
  if (process.send) {
    process.channel?.unref();
    process.once('disconnect', () => shutdown('parent process gone'));
  }
}

/**
 * One Buddie app on Fastify, not yet listening: security headers, JSON-only bodies, the app's logger.
 * Tests create apps this way to enumerate and probe their routes.
 */
export async function createServiceApp(app: string, module: unknown, config: BuddieConfig, options: BootstrapOptions & { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const nest = await NestFactory.create<NestFastifyApplication>(
    module as never,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1024 * 1024, trustProxy: config.BUDDIE_MODE === 'aws' }),
    { logger: options.logger === false ? false : createLogger(app, config.LOG_LEVEL, config.LOG_FORMAT), bufferLogs: false, bodyParser: false },
  );
  await secureHttp(nest);
  return nest;
}

/** An app that imports EventConsumerModule gets its `@EventPattern` handlers served from its queue. */
export async function startEventTransport(nest: NestFastifyApplication, module: unknown): Promise<void> {
  // Found in the module tree rather than with nest.get: a missing provider there is fatal (abortOnError).
  const transport = findEventTransport(module);
  if (!transport) return;
  // Deferred so the error pass-through is in place before Nest builds the handlers' exception zones;
  // the three calls after it are what connectMicroservice does itself when not deferred.
  const microservice = nest.connectMicroservice({ strategy: transport }, { deferInitialization: true }) as NestMicroservice;
  microservice.useGlobalFilters(new PassThroughEventErrors());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  await nest.startAllMicroservices();
}

/** Boots one Buddie app on Fastify with shutdown hooks, so SIGTERM drains consumers before exit. */
export async function bootstrapService(
  app: string,
  module: unknown,
  config: BuddieConfig,
  options: BootstrapOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(app, config.LOG_LEVEL, config.LOG_FORMAT);
  const nest = await createServiceApp(app, module, config, options);
  await startEventTransport(nest, module);
  await nest.listen(config.PORT, options.host ?? config.HOST ?? (config.BUDDIE_MODE === 'aws' ? '0.0.0.0' : '127.0.0.1'));
  logger.log(`${app} listening on ${await nest.getUrl()}`);
  handleShutdownSignals(app, nest, logger, config.SHUTDOWN_TIMEOUT_MS);
  return nest;
}
