import { IngestionConfig, loadConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { IngestionModule } from './ingestion.module';

async function main(): Promise<void> {
  const config = loadConfig(IngestionConfig);
  await bootstrapService('ingestion', IngestionModule.forRoot(config), config, { bodyLimitBytes: config.MAX_BODY_BYTES });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
