import { loadConfig, SalesforceSyncConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { SalesforceSyncModule } from './salesforce-sync.module';

async function main(): Promise<void> {
  const config = loadConfig(SalesforceSyncConfig);
  await bootstrapService('salesforce-sync', SalesforceSyncModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
