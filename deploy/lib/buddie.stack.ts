import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnOutput, IgnoreMode, RemovalPolicy, SecretValue, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { physicalName } from '@buddie/config';
import type { BuddieApp } from '@buddie/messaging';
import { BuddieDashboard } from './dashboard.construct';
import { BuddieTables } from './data.construct';
import type { BuddieDeploySettings, ImageSource } from './deploy-settings';
import { BuddieMessaging } from './messaging.construct';
import { BuddieServices, SALESFORCE_SECRET_FIELDS } from './services.construct';

export const DOCKERFILE = 'docker/Dockerfile';

/** The repository root, the Docker build context: found upwards, as this file runs from deploy/ or dist/deploy/. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, DOCKERFILE)) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ${DOCKERFILE} above ${from}`);
  }
}

export interface BuddieStackProps extends StackProps {
  settings: BuddieDeploySettings;
}

/** The production topology (DESIGN.md 3): every resource derives from the definitions in libs/. */
export class BuddieStack extends Stack {
  readonly tables: BuddieTables;
  readonly messaging: BuddieMessaging;
  readonly services: BuddieServices;
  readonly dashboard: BuddieDashboard;

  constructor(scope: Construct, id: string, props: BuddieStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const name = (logical: string) => physicalName({ RESOURCE_PREFIX: settings.resourcePrefix }, logical);
    const eventBusName = settings.resourcePrefix;
    Tags.of(this).add('app', 'buddie');
    Tags.of(this).add('buddie:prefix', settings.resourcePrefix);

    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    const alertsTopic = new sns.Topic(this, 'Alerts', { topicName: name('alerts'), enforceSSL: true });
    if (settings.alertEmail) alertsTopic.addSubscription(new subscriptions.EmailSubscription(settings.alertEmail));

    this.tables = new BuddieTables(this, 'Tables', { physicalName: name, retainData: settings.retainData });
    this.messaging = new BuddieMessaging(this, 'Messaging', {
      physicalName: name,
      eventBusName,
      maxReceiveCount: settings.maxReceiveCount,
      alertsTopic,
      connectInstanceArn: settings.connectInstanceArn,
      connectFlowLogGroupName: settings.connectFlowLogGroupName,
    });
    this.dashboard = new BuddieDashboard(this, 'Dashboard', { retainData: settings.retainData });

    const recordingsBucket = settings.recordingsBucketName
      ? s3.Bucket.fromBucketName(this, 'Recordings', settings.recordingsBucketName)
      : new s3.Bucket(this, 'Recordings', {
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          encryption: s3.BucketEncryption.S3_MANAGED,
          enforceSSL: true,
          removalPolicy: RemovalPolicy.RETAIN,
        });
    // Buddie's own transcript archive (redacted always, raw only when configured): never the contact center's bucket.
    const transcriptsBucket = new s3.Bucket(this, 'Transcripts', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !settings.retainData,
    });
    const recordingsKey = settings.recordingsKmsKeyArn
      ? kms.Key.fromKeyArn(this, 'RecordingsKey', settings.recordingsKmsKeyArn)
      : undefined;

    const salesforceSecret = settings.salesforceSecretArn
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'SalesforceCredentials', settings.salesforceSecretArn)
      : new secretsmanager.Secret(this, 'SalesforceCredentials', {
          secretName: name('salesforce'),
          description: 'Salesforce connected-app credentials for salesforce-sync; empty fields mean sync stays pending.',
          // ECS refuses to start a task whose secret lacks a field it reads, so every field exists, empty.
          secretObjectValue: Object.fromEntries(SALESFORCE_SECRET_FIELDS.map((field) => [field, SecretValue.unsafePlainText('')])),
        });

    this.services = new BuddieServices(this, 'Services', {
      vpc,
      settings,
      physicalName: name,
      eventBusName,
      image: imageFactory(settings.image),
      tables: this.tables,
      messaging: this.messaging,
      alertsTopic,
      recordingsBucket,
      recordingsKey,
      transcriptsBucket,
      salesforceSecret,
      corsOrigins: [this.dashboard.url],
    });

    new CfnOutput(this, 'GatewayUrl', { value: this.services.gatewayUrl });
    new CfnOutput(this, 'DashboardUrl', { value: this.dashboard.url });
    new CfnOutput(this, 'DashboardBucket', { value: this.dashboard.bucket.bucketName });
    new CfnOutput(this, 'EventBusName', { value: this.messaging.bus.eventBusName });
    new CfnOutput(this, 'CtrStreamArn', { value: this.messaging.ctrStream.streamArn });
    new CfnOutput(this, 'AlertsTopicArn', { value: alertsTopic.topicArn });
    new CfnOutput(this, 'SalesforceSecretArn', { value: salesforceSecret.secretArn });
  }
}

function imageFactory(source: ImageSource): (app: BuddieApp) => ecs.ContainerImage {
  if (source.kind === 'registry') return (app) => ecs.ContainerImage.fromRegistry(source.uriTemplate.replaceAll('{app}', app));
  // Synth only copies and fingerprints the context; the image is built by `cdk deploy`, where Docker runs.
  const exclude = dockerIgnorePatterns();
  return (app) =>
    ecs.ContainerImage.fromAsset(REPO_ROOT, {
      file: DOCKERFILE,
      buildArgs: { APP: app },
      exclude,
      ignoreMode: IgnoreMode.DOCKER,
      displayName: `buddie-${app} image`,
    });
}

/** The same ignore list Docker applies to docker/Dockerfile builds, so CDK stages exactly that context. */
export function dockerIgnorePatterns(): string[] {
  return fs
    .readFileSync(path.join(REPO_ROOT, `${DOCKERFILE}.dockerignore`), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
