import { SalesforceSyncConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { describeRouteSecurity } from '@buddie/testing';
import { SalesforceSyncModule } from '../src/salesforce-sync.module';

describeRouteSecurity('salesforce-sync', (env) => {
  const config = loadConfig(SalesforceSyncConfig, env);
  return createServiceApp('salesforce-sync', SalesforceSyncModule.forRoot(config), config, { logger: false });
});
