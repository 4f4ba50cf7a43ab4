import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BuddieConfig } from '@buddie/config';
import { createLogger } from '@buddie/observability';

export interface BootstrapOptions {
  bodyLimitBytes?: number;
  /** Address to bind; 127.0.0.1 locally, all interfaces in a container. */
  host?: string;
}

/** Boots one Buddie app on Fastify with shutdown hooks, so SIGTERM drains consumers before exit. */
export async function bootstrapService(
  app: string,
  module: unknown,
  config: BuddieConfig,
  options: BootstrapOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(app, config.LOG_LEVEL, config.LOG_FORMAT);
  const nest = await NestFactory.create<NestFastifyApplication>(
    module as never,
    new FastifyAdapter({ bodyLimit: options.bodyLimitBytes ?? 1024 * 1024, trustProxy: config.BUDDIE_MODE === 'aws' }),
    { logger, bufferLogs: false },
  );
  nest.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await nest.listen(config.PORT, options.host ?? (config.BUDDIE_MODE === 'aws' ? '0.0.0.0' : '127.0.0.1'));
  logger.log(`${app} listening on ${await nest.getUrl()}`);
  return nest;
}
