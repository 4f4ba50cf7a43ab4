import { loadConfig, SummarizerConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { SummarizerModule } from './summarizer.module';

async function main(): Promise<void> {
  const config = loadConfig(SummarizerConfig);
  await bootstrapService('summarizer', SummarizerModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
