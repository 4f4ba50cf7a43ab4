import { EscalationConfig, loadConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { EscalationModule } from './escalation.module';

async function main(): Promise<void> {
  const config = loadConfig(EscalationConfig);
  await bootstrapService('escalation', EscalationModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
