import { App } from 'aws-cdk-lib';
import { BuddieStack } from '../lib/buddie.stack';
import { readDeploySettings } from '../lib/deploy-settings';

/** `npm run synth` / `cdk deploy` entry: one stack per resource prefix, settings from CDK context. */
const app = new App();
const settings = readDeploySettings(app.node);
new BuddieStack(app, `Buddie-${settings.resourcePrefix}`, {
  settings,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  description: 'Buddie: contact-center intelligence for Amazon Connect',
});
