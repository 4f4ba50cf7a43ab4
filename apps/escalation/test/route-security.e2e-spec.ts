import { EscalationConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { describeRouteSecurity } from '@buddie/testing';
import { EscalationModule } from '../src/escalation.module';

describeRouteSecurity('escalation', (env) => {
  const config = loadConfig(EscalationConfig, env);
  return createServiceApp('escalation', EscalationModule.forRoot(config), config, { logger: false });
});
