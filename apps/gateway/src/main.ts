import { GatewayConfig, loadConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { GatewayModule } from './gateway.module';

async function main(): Promise<void> {
  const config = loadConfig(GatewayConfig);
  await bootstrapService('gateway', GatewayModule.forRoot(config), config, { bodyLimitBytes: 256 * 1024 });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
