import { AgentMonitorConfig, loadConfig } from '@buddie/config';
import { bootstrapService } from '@buddie/runtime';
import { AgentMonitorModule } from './agent-monitor.module';

async function main(): Promise<void> {
  const config = loadConfig(AgentMonitorConfig);
  await bootstrapService('agent-monitor', AgentMonitorModule.forRoot(config), config);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
