import { IvrJourneyConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { describeRouteSecurity } from '@buddie/testing';
import { IvrJourneyModule } from '../src/ivr-journey.module';

describeRouteSecurity('ivr-journey', (env) => {
  const config = loadConfig(IvrJourneyConfig, env);
  return createServiceApp('ivr-journey', IvrJourneyModule.forRoot(config), config, { logger: false });
});
