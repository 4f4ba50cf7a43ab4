import { SummarizerConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { describeRouteSecurity } from '@buddie/testing';
import { SummarizerModule } from '../src/summarizer.module';

describeRouteSecurity('summarizer', (env) => {
  const config = loadConfig(SummarizerConfig, env);
  return createServiceApp('summarizer', SummarizerModule.forRoot(config), config, { logger: false });
});
