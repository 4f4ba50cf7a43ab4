import { GatewayConfig, loadConfig } from '@buddie/config';
import { createLogger } from '@buddie/observability';
import { startGateway } from './gateway.app';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const logger = createLogger('gateway', config.LOG_LEVEL, config.LOG_FORMAT);
  const { app, url } = await startGateway(config);
  logger.log(`gateway listening on ${url}${config.DASHBOARD_DIR ? ` (dashboard from ${config.DASHBOARD_DIR})` : ''}`);
  // Same contract as every service: on SIGTERM/SIGINT stop polling, drain, close sockets, exit 0.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining gateway`);
    setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 2000).unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(`gateway failed to stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
