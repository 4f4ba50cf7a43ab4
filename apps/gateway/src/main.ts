import { GatewayConfig, loadConfig } from '@buddie/config';
import { createLogger } from '@buddie/observability';
import { startGateway } from './gateway.app';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  const { url } = await startGateway(config);
  createLogger('gateway', config.LOG_LEVEL, config.LOG_FORMAT).log(`gateway listening on ${url}${config.DASHBOARD_DIR ? ` (dashboard from ${config.DASHBOARD_DIR})` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
