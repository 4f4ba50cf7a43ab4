import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { REDACTED_TRANSCRIPTS_PREFIX, type BuddieConfig, type GatewayConfig } from '@buddie/config';
import { BUDDIE_EVENT_TYPES, EVENT_PRODUCERS, eventSource, type BuddieApp } from '@buddie/messaging';
import type { TableName } from '@buddie/persistence';
import { APP_ACCESS, BUDDIE_APPS, type AppAccess } from './app-access';
import type { BuddieTables } from './data.construct';
import type { BuddieDeploySettings } from './deploy-settings';
import type { BuddieMessaging } from './messaging.construct';

/** The port every app listens on inside its container (PORT). */
export const CONTAINER_PORT = 3000;
const CONTAINER_NAME = 'app';

/** JSON fields of the Salesforce secret, each handed to salesforce-sync as the env var of the same name. */
export const SALESFORCE_SECRET_FIELDS = [
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
  // JWT bearer flow (leave empty for client credentials).
  'SALESFORCE_USERNAME',
  'SALESFORCE_PRIVATE_KEY',
] as const;

/** The EventBridge sources an app's events carry: what EventPublisher stamps (eventSource) on each event the catalog lets it produce. */
export const eventSourcesOf = (app: BuddieApp): string[] => [
  ...new Set(BUDDIE_EVENT_TYPES.filter((type) => EVENT_PRODUCERS[type].includes(app)).map((type) => eventSource(type, app))),
];

/** Where the summarizer's Transcribe jobs write their output inside the recordings bucket. */
export const TRANSCRIPTS_PREFIX = 'buddie/transcripts/';

/** Env vars named after the config classes' fields, so a rename there breaks this build. */
type ConfigEnv<T> = { [K in keyof T]?: string };

const SIZES: Partial<Record<BuddieApp, { cpu: number; memoryLimitMiB: number }>> = {
  summarizer: { cpu: 512, memoryLimitMiB: 1024 },
  gateway: { cpu: 512, memoryLimitMiB: 1024 },
};

export interface BuddieServicesProps {
  vpc: ec2.IVpc;
  settings: BuddieDeploySettings;
  physicalName: (logical: string) => string;
  eventBusName: string;
  image: (app: BuddieApp) => ecs.ContainerImage;
  tables: BuddieTables;
  messaging: BuddieMessaging;
  alertsTopic: sns.ITopic;
  recordingsBucket: s3.IBucket;
  recordingsKey?: kms.IKey;
  /** Buddie's own archive of (redacted) transcripts, apart from the contact center's recordings. */
  transcriptsBucket: s3.IBucket;
  salesforceSecret: secretsmanager.ISecret;
  /** Origins the dashboard is served from (CORS_ORIGINS of the gateway). */
  corsOrigins: string[];
}

/** One Fargate service per app (DESIGN.md 1), each with a task role holding only what APP_ACCESS lists. */
export class BuddieServices extends Construct {
  readonly cluster: ecs.Cluster;
  readonly services: Record<BuddieApp, ecs.FargateService>;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly gatewayUrl: string;

  constructor(scope: Construct, id: string, private readonly props: BuddieServicesProps) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      clusterName: props.physicalName('cluster'),
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    this.services = Object.fromEntries(BUDDIE_APPS.map((app) => [app, this.service(app, APP_ACCESS[app])])) as Record<
      BuddieApp,
      ecs.FargateService
    >;
    const [loadBalancer, gatewayUrl] = this.exposeGateway(this.services.gateway);
    this.loadBalancer = loadBalancer;
    this.gatewayUrl = gatewayUrl;
  }

  private service(app: BuddieApp, access: AppAccess): ecs.FargateService {
    const { settings } = this.props;
    const size = SIZES[app] ?? { cpu: 256, memoryLimitMiB: 512 };
    const task = new ecs.FargateTaskDefinition(this, `${app}-task`, {
      family: this.props.physicalName(app),
      ...size,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    task.addContainer(CONTAINER_NAME, {
      image: this.props.image(app),
      environment: { ...this.baseEnvironment(), ...this.grantAccess(app, access, task.taskRole) },
      secrets: access.salesforceCredentials ? this.salesforceSecrets() : undefined,
      portMappings: [{ containerPort: CONTAINER_PORT }],
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: app,
        logGroup: new logs.LogGroup(this, `${app}-logs`, {
          logGroupName: `/buddie/${settings.resourcePrefix}/${app}`,
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
      healthCheck: {
        // The slim runtime image has no curl; Node 20's fetch does the probe.
        command: [
          'CMD-SHELL',
          `node -e "fetch('http://127.0.0.1:${CONTAINER_PORT}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"`,
        ],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      // Matches SHUTDOWN_TIMEOUT_MS plus margin: consumers drain in-flight work on SIGTERM.
      stopTimeout: Duration.seconds(30),
    });
    const securityGroup = new ec2.SecurityGroup(this, `${app}-sg`, {
      vpc: this.props.vpc,
      description: `Buddie ${app} tasks`,
      allowAllOutbound: true,
    });
    return new ecs.FargateService(this, `${app}-service`, {
      cluster: this.cluster,
      serviceName: this.props.physicalName(app),
      taskDefinition: task,
      desiredCount: settings.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [securityGroup],
      assignPublicIp: false,
    });
  }

  private baseEnvironment(): Record<string, string> {
    const mode: BuddieConfig['BUDDIE_MODE'] = 'aws';
    const logFormat: BuddieConfig['LOG_FORMAT'] = 'json';
    const env: ConfigEnv<BuddieConfig> = {
      BUDDIE_MODE: mode,
      AWS_REGION: Stack.of(this).region,
      RESOURCE_PREFIX: this.props.settings.resourcePrefix,
      EVENT_BUS_NAME: this.props.eventBusName,
      PORT: String(CONTAINER_PORT),
      LOG_FORMAT: logFormat,
      MAX_RECEIVE_COUNT: String(this.props.settings.maxReceiveCount),
    };
    return env as Record<string, string>;
  }

  /** Grants what the app's entry allows and returns the env vars naming the extra resources. */
  private grantAccess(app: BuddieApp, access: AppAccess, role: iam.IRole): Record<string, string> {
    const { tables, messaging } = this.props;
    for (const [name, level] of Object.entries(access.tables) as [TableName, 'read' | 'readWrite'][]) {
      if (level === 'readWrite') tables.tables[name].grantReadWriteData(role);
      else tables.tables[name].grantReadData(role);
    }
    if (access.queue) {
      messaging.queues[access.queue].queue.grantConsumeMessages(role);
      // Bad input goes to the DLQ at once, with its reason as message attributes (DESIGN.md 6).
      messaging.queues[access.queue].dlq.grantSendMessages(role);
    }
    for (const stream of access.streams ?? []) messaging.streams[stream].grantRead(role);
    if (access.publishesEvents) {
      // Only with its own source (EventPublisher sends `buddie.<app>`), so one app cannot forge another's events.
      // events:source is multivalued on PutEvents (one per entry): every entry must carry it, and it must be present.
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [messaging.bus.eventBusArn],
          conditions: {
            'ForAllValues:StringEquals': { 'events:source': eventSourcesOf(app) },
            Null: { 'events:source': 'false' },
          },
        }),
      );
    }

    const env: Record<string, string> = {};
    if (access.notifiesAlerts) {
      this.props.alertsTopic.grantPublish(role);
      env.ALERTS_TOPIC_ARN = this.props.alertsTopic.topicArn;
    }
    if (access.transcribesAndSummarizes) Object.assign(env, this.grantTranscribeAndBedrock(app, role));
    const { connectFlowLogGroupName, flowLogSearch } = this.props.settings;
    if (access.searchesFlowLogs && flowLogSearch && connectFlowLogGroupName) {
      // The group's ARN with its trailing :* (what IAM matches FilterLogEvents on): this group, no other.
      logs.LogGroup.fromLogGroupName(this, `${app}-flow-log-group`, connectFlowLogGroupName).grant(role, 'logs:FilterLogEvents');
      env.FLOW_LOG_GROUP = connectFlowLogGroupName;
    }
    if (access.transcripts) {
      const { transcriptsBucket } = this.props;
      if (access.transcripts === 'readWrite') transcriptsBucket.grantReadWrite(role);
      else transcriptsBucket.grantRead(role, `${REDACTED_TRANSCRIPTS_PREFIX}*`);
      env.TRANSCRIPTS_BUCKET = transcriptsBucket.bucketName;
    }
    return env;
  }

  private grantTranscribeAndBedrock(app: BuddieApp, role: iam.IRole): Record<string, string> {
    const { recordingsBucket, recordingsKey, settings } = this.props;
    const stack = Stack.of(this);
    recordingsBucket.grantRead(role);
    recordingsBucket.grantPut(role, `${TRANSCRIPTS_PREFIX}*`);
    recordingsKey?.grantEncryptDecrypt(role);

    // Call Analytics jobs read the media with a role of their own that the summarizer passes.
    const dataAccessRole = new iam.Role(this, `${app}-transcribe-data-access`, {
      assumedBy: new iam.ServicePrincipal('transcribe.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    recordingsBucket.grantRead(dataAccessRole);
    recordingsBucket.grantPut(dataAccessRole, `${TRANSCRIPTS_PREFIX}*`);
    recordingsKey?.grantEncryptDecrypt(dataAccessRole);
    dataAccessRole.grantPassRole(role);

    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'TranscribeJobs',
        // Transcribe has no resource-level permissions for starting jobs.
        actions: [
          'transcribe:StartTranscriptionJob',
          'transcribe:StartCallAnalyticsJob',
          'transcribe:GetTranscriptionJob',
          'transcribe:GetCallAnalyticsJob',
        ],
        resources: ['*'],
      }),
    );
    // A cross-region inference profile id (us.anthropic...) routes to the base model in any of its regions.
    const baseModelId = settings.bedrockModelId.replace(/^(us|eu|apac|us-gov|global)\./, '');
    const bedrockResources = [`arn:${stack.partition}:bedrock:*::foundation-model/${baseModelId}`];
    if (baseModelId !== settings.bedrockModelId) {
      bedrockResources.push(
        `arn:${stack.partition}:bedrock:${stack.region}:${stack.account}:inference-profile/${settings.bedrockModelId}`,
      );
    }
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'BedrockSummaries',
        actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        resources: bedrockResources,
      }),
    );
    return {
      RECORDINGS_BUCKET: recordingsBucket.bucketName,
      TRANSCRIPTS_PREFIX,
      TRANSCRIBE_DATA_ACCESS_ROLE_ARN: dataAccessRole.roleArn,
      BEDROCK_MODEL_ID: settings.bedrockModelId,
    };
  }

  private salesforceSecrets(): Record<string, ecs.Secret> {
    return Object.fromEntries(
      SALESFORCE_SECRET_FIELDS.map((field) => [field, ecs.Secret.fromSecretsManager(this.props.salesforceSecret, field)]),
    );
  }

  /** The gateway alone is reachable from outside: an ALB in front, Redis behind for Socket.IO fan-out. */
  private exposeGateway(service: ecs.FargateService): [elbv2.ApplicationLoadBalancer, string] {
    const { settings, vpc } = this.props;
    const redisUrl = this.redis(service);
    const container = service.taskDefinition.defaultContainer!;
    const gatewayEnv: ConfigEnv<GatewayConfig> = { REDIS_URL: redisUrl, CORS_ORIGINS: this.props.corsOrigins.join(',') };
    for (const [name, value] of Object.entries(gatewayEnv)) if (value !== undefined) container.addEnvironment(name, value);

    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'GatewayAlb', {
      vpc,
      internetFacing: true,
      loadBalancerName: this.props.physicalName('gateway').slice(0, 32),
      dropInvalidHeaderFields: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    const listener = settings.certificateArn
      ? loadBalancer.addListener('Https', {
          port: 443,
          certificates: [acm.Certificate.fromCertificateArn(this, 'GatewayCertificate', settings.certificateArn)],
          sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        })
      : loadBalancer.addListener('Http', { port: 80 });
    if (settings.certificateArn) loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
    listener.addTargets('Gateway', {
      port: CONTAINER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [service.loadBalancerTarget({ containerName: CONTAINER_NAME, containerPort: CONTAINER_PORT })],
      healthCheck: { path: '/health', healthyHttpCodes: '200', interval: Duration.seconds(15) },
      deregistrationDelay: Duration.seconds(30),
      // Socket.IO's HTTP long-polling fallback needs every request of a session on the same task.
      stickinessCookieDuration: Duration.hours(1),
    });
    const scheme = settings.certificateArn ? 'https' : 'http';
    return [loadBalancer, `${scheme}://${loadBalancer.loadBalancerDnsName}`];
  }

  private redis(gateway: ecs.FargateService): string {
    const securityGroup = new ec2.SecurityGroup(this, 'RedisSg', {
      vpc: this.props.vpc,
      description: 'Buddie gateway Redis',
      allowAllOutbound: false,
    });
    securityGroup.addIngressRule(gateway.connections.securityGroups[0], ec2.Port.tcp(6379), 'gateway tasks');
    const subnets = new elasticache.CfnSubnetGroup(this, 'RedisSubnets', {
      description: 'Buddie gateway Redis',
      subnetIds: this.props.vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }).subnetIds,
    });
    const redis = new elasticache.CfnReplicationGroup(this, 'Redis', {
      replicationGroupDescription: 'Buddie gateway Socket.IO adapter and rate limits',
      engine: 'redis',
      cacheNodeType: this.props.settings.redisNodeType,
      numCacheClusters: 1,
      automaticFailoverEnabled: false,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [securityGroup.securityGroupId],
    });
    return `rediss://${redis.attrPrimaryEndPointAddress}:${redis.attrPrimaryEndPointPort}`;
  }
}
