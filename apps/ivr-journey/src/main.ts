import { IvrJourneyConfig, loadConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { IvrJourneyModule } from './ivr-journey.module';

async function main(): Promise<void> {
  const config = loadConfig(IvrJourneyConfig);
  await bootstrapService('ivr-journey', IvrJourneyModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
