import { AgentMonitorConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { describeRouteSecurity } from '@buddie/testing';
import { AgentMonitorModule } from '../src/agent-monitor.module';

describeRouteSecurity('agent-monitor', (env) => {
  const config = loadConfig(AgentMonitorConfig, env);
  return createServiceApp('agent-monitor', AgentMonitorModule.forRoot(config), config, { logger: false });
});
