import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BUDDIE_EVENT_TYPES, EXTERNAL_EVENTS, EVENT_PRODUCERS, ROUTES, eventSource, CONSUMER_QUEUES, dlqOf, type Route } from '@buddie/messaging';
import { TABLES, type TableDefinition } from '@buddie/persistence';
import { APP_ACCESS, BUDDIE_APPS } from '../../deploy/lib/app-access';
import { BuddieStack } from '../../deploy/lib/buddie.stack';
import { readDeploySettings, type BuddieDeploySettings } from '../../deploy/lib/deploy-settings';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

const PREFIX = 'buddie-test';
// The feature flags `cdk synth` runs with, so the tests see the template a deployment gets.
const CDK_CONTEXT = (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'deploy', 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
}).context;
const newApp = (context: Record<string, unknown> = {}) => new App({ context: { ...CDK_CONTEXT, ...context } });
const settings = (overrides: Partial<BuddieDeploySettings> = {}): BuddieDeploySettings => ({
  ...readDeploySettings(newApp({ resourcePrefix: PREFIX }).node),
  image: { kind: 'registry', uriTemplate: 'example.com/buddie-{app}:test' },
  recordingsBucketName: 'connect-recordings-bucket',
  connectInstanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/abcd',
  ...overrides,
});
const synth = (overrides: Partial<BuddieDeploySettings> = {}): Template =>
  Template.fromStack(
    new BuddieStack(newApp(), 'Test', { settings: settings(overrides), env: { account: '111122223333', region: 'us-east-1' } }),
  );

const physical = (logical: string) => `${PREFIX}-${logical}`;

describe('BuddieStack', () => {
  let template: Template;
  let resources: Record<string, Resource>;

  const logicalIdOf = (type: string, props: Record<string, unknown>): string => {
    const found = Object.keys(template.findResources(type, { Properties: props }));
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(() => {
    template = synth();
    resources = template.toJSON().Resources as Record<string, Resource>;
  });

  describe('DynamoDB tables', () => {
    it('declares exactly one table per TABLES entry', () => {
      // given the table definitions shared with the local boot
      const definitions = Object.values(TABLES) as TableDefinition[];
      // then the template has as many tables, each named after its logical name
      template.resourceCountIs('AWS::DynamoDB::Table', definitions.length);
      for (const def of definitions) logicalIdOf('AWS::DynamoDB::Table', { TableName: physical(def.logicalName) });
    });

    it.each(Object.values(TABLES) as TableDefinition[])('gives $logicalName its keys, GSIs, TTL, PITR and encryption', (def) => {
      const keySchema = [
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
        ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
      ];
      const indexes = (def.indexes ?? []).map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
        Projection: { ProjectionType: 'ALL' },
      }));
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: physical(def.logicalName),
        KeySchema: keySchema,
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        GlobalSecondaryIndexes: indexes.length > 0 ? indexes : Match.absent(),
        TimeToLiveSpecification: def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : Match.absent(),
      });
    });
  });

  describe('event routing', () => {
    it('declares one EventBridge rule per ROUTES entry, and no other', () => {
      template.resourceCountIs('AWS::Events::Rule', ROUTES.length);
    });

    it.each(ROUTES.map((route) => [route.name, route] as [string, Route]))('%s: pattern and target queue', (_name, route) => {
      const queueId = logicalIdOf('AWS::SQS::Queue', { QueueName: physical(route.queue) });
      const busId = logicalIdOf('AWS::Events::EventBus', { Name: PREFIX });
      const rule = resources[logicalIdOf('AWS::Events::Rule', { Name: physical(route.name) })].Properties;
      expect(rule.EventPattern).toMatchObject({ source: [route.source], 'detail-type': route.detailTypes });
      expect(rule.Targets).toEqual([expect.objectContaining({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } })]);
      // AWS services publish to the account's default bus; Buddie's apps to the stack's own bus
      expect(rule.EventBusName).toEqual(route.bus === 'buddie' ? { Ref: busId } : 'default');
    });

    it('narrows Connect contact events on the default bus to the configured instance', () => {
      const rule = resources[logicalIdOf('AWS::Events::Rule', { Name: physical('connect-contact-events-to-ingestion') })];
      expect(rule.Properties.EventPattern).toMatchObject({ detail: { instanceArn: [settings().connectInstanceArn] } });
    });

    it('lets EventBridge send to each target queue only from its rules', () => {
      for (const queue of CONSUMER_QUEUES) {
        const queueId = logicalIdOf('AWS::SQS::Queue', { QueueName: physical(queue) });
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: Match.arrayWith(['sqs:SendMessage']) }),
            ]),
          },
        });
      }
    });
  });

  describe('queues', () => {
    it.each([...CONSUMER_QUEUES])('%s has an encrypted DLQ with maxReceiveCount 5', (queue) => {
      const dlqId = logicalIdOf('AWS::SQS::Queue', { QueueName: physical(dlqOf(queue)) });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: physical(queue),
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: physical(dlqOf(queue)),
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });

    it('alarms to the alerts topic when any DLQ holds a message', () => {
      const topicId = logicalIdOf('AWS::SNS::Topic', { TopicName: physical('alerts') });
      for (const queue of [...CONSUMER_QUEUES, 'ctr-pipe']) {
        const dlqId = logicalIdOf('AWS::SQS::Queue', { QueueName: physical(dlqOf(queue)) });
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [{ Ref: topicId }],
        });
      }
    });

    it('uses the visibility timeouts of queueDefinitions (the summarizer needs minutes)', () => {
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: physical('summarizer'), VisibilityTimeout: 300 });
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: physical('ingestion'), VisibilityTimeout: 30 });
    });
  });

  describe('streams and the CTR pipe', () => {
    it('creates the agent-event, flow-log and CTR streams, encrypted', () => {
      for (const name of ['agent-events', 'flow-logs', 'contact-trace-records']) {
        template.hasResourceProperties('AWS::Kinesis::Stream', {
          Name: physical(name),
          StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
        });
      }
      template.resourceCountIs('AWS::Kinesis::Stream', 3);
    });

    it('pipes the CTR stream to the Buddie bus with the source and detail type ingestion expects', () => {
      const streamId = logicalIdOf('AWS::Kinesis::Stream', { Name: physical('contact-trace-records') });
      const busId = logicalIdOf('AWS::Events::EventBus', { Name: PREFIX });
      template.hasResourceProperties('AWS::Pipes::Pipe', {
        Source: { 'Fn::GetAtt': [streamId, 'Arn'] },
        Target: { 'Fn::GetAtt': [busId, 'Arn'] },
        TargetParameters: {
          EventBridgeEventBusParameters: {
            Source: EXTERNAL_EVENTS.connectContactTraceRecord.source,
            DetailType: EXTERNAL_EVENTS.connectContactTraceRecord.detailType,
          },
        },
      });
      expect(EXTERNAL_EVENTS.connectContactTraceRecord).toMatchObject({
        source: 'buddie.ctr-pipe',
        detailType: 'Amazon Connect Contact Trace Record',
      });
    });

    it('tells Connect to write CTRs and agent events to those streams', () => {
      const ctrId = logicalIdOf('AWS::Kinesis::Stream', { Name: physical('contact-trace-records') });
      template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
        ResourceType: 'CONTACT_TRACE_RECORDS',
        KinesisStreamConfig: { StreamArn: { 'Fn::GetAtt': [ctrId, 'Arn'] } },
      });
      template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', { ResourceType: 'AGENT_EVENTS' });
    });
  });

  describe('services', () => {
    it('runs 7 Fargate services, one per app, on the private subnets', () => {
      template.resourceCountIs('AWS::ECS::Service', 7);
      for (const app of BUDDIE_APPS) {
        template.hasResourceProperties('AWS::ECS::Service', {
          ServiceName: physical(app),
          LaunchType: 'FARGATE',
          NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
        });
      }
    });

    it('puts only the gateway behind the load balancer', () => {
      const behindAlb = Object.values(resources).filter(
        (r) => r.Type === 'AWS::ECS::Service' && Array.isArray(r.Properties.LoadBalancers) && r.Properties.LoadBalancers.length > 0,
      );
      expect(behindAlb.map((r) => r.Properties.ServiceName)).toEqual([physical('gateway')]);
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
      template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { HealthCheckPath: '/health' });
    });

    it('gives every container the AWS-mode env, a /health check and its own image', () => {
      for (const app of BUDDIE_APPS) {
        const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical(app) })].Properties;
        const [container] = task.ContainerDefinitions as {
          Image: unknown;
          Environment: { Name: string; Value: unknown }[];
          HealthCheck: { Command: string[] };
        }[];
        const env = Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
        expect(env).toMatchObject({ BUDDIE_MODE: 'aws', RESOURCE_PREFIX: PREFIX, EVENT_BUS_NAME: PREFIX, LOG_FORMAT: 'json', PORT: '3000' });
        expect(env.AWS_REGION).toBe('us-east-1');
        expect(container.HealthCheck.Command.join(' ')).toContain('/health');
        expect(container.Image).toBe(`example.com/buddie-${app}:test`);
      }
    });

    it('hands the gateway its Redis URL and the dashboard origin', () => {
      const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical('gateway') })].Properties;
      const [container] = task.ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[];
      const env = Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
      const redisId = Object.keys(template.findResources('AWS::ElastiCache::ReplicationGroup'))[0];
      expect(JSON.stringify(env.REDIS_URL)).toContain(redisId);
      expect(JSON.stringify(env.REDIS_URL)).toContain('rediss://');
      const distributionId = Object.keys(template.findResources('AWS::CloudFront::Distribution'))[0];
      expect(JSON.stringify(env.CORS_ORIGINS)).toContain(distributionId);
      template.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', { NumCacheClusters: 1, TransitEncryptionEnabled: true });
    });

    it('passes the Salesforce credentials to salesforce-sync alone, as ECS secrets', () => {
      const withSecrets = BUDDIE_APPS.filter((app) => {
        const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical(app) })].Properties;
        return (task.ContainerDefinitions as { Secrets?: unknown[] }[])[0].Secrets !== undefined;
      });
      expect(withSecrets).toEqual(['salesforce-sync']);
    });
  });

  describe('least privilege', () => {
    const policyOf = (app: string): string => {
      const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical(app) })].Properties;
      const roleId = (task.TaskRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policies = Object.values(resources).filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`),
      );
      expect(policies.length).toBeGreaterThan(0);
      return JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
    };
    const tableId = (logical: string) => logicalIdOf('AWS::DynamoDB::Table', { TableName: physical(logical) });
    const queueId = (logical: string) => logicalIdOf('AWS::SQS::Queue', { QueueName: physical(logical) });

    it('ingestion reaches the contacts table, its queue and DLQ and the bus, but not the summaries table', () => {
      const policy = policyOf('ingestion');
      expect(policy).toContain(`"${tableId(TABLES.contacts.logicalName)}"`);
      expect(policy).toContain(`"${queueId('ingestion')}"`);
      expect(policy).toContain(`"${queueId(dlqOf('ingestion'))}"`);
      expect(policy).toContain('events:PutEvents');
      expect(policy).not.toContain(`"${tableId(TABLES.summaries.logicalName)}"`);
      expect(policy).not.toContain(`"${queueId('summarizer')}"`);
      expect(policy).not.toContain('bedrock:');
    });

    it('lets exactly the apps the event catalog names as producers put events on the bus (the gateway: EscalationUpdated)', () => {
      const producers = new Set(Object.values(EVENT_PRODUCERS).flat());
      for (const app of BUDDIE_APPS) expect({ app, putEvents: policyOf(app).includes('events:PutEvents') }).toEqual({ app, putEvents: producers.has(app) });
      expect(producers.has('gateway')).toBe(true);
    });

    it('restricts every publishing app\'s PutEvents to the Buddie bus and its own source buddie.<app> (events:source), so it cannot forge another app\'s events', () => {
      const busId = logicalIdOf('AWS::Events::EventBus', { Name: PREFIX });
      const producers = new Set(Object.values(EVENT_PRODUCERS).flat());
      expect(producers.size).toBeGreaterThan(1);
      for (const app of BUDDIE_APPS.filter((a) => producers.has(a))) {
        type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
        const statements = (JSON.parse(policyOf(app)) as { Statement: Statement[] }[]).flatMap((d) => d.Statement);
        const putting = statements.filter((st) => ([] as string[]).concat(st.Action).some((a) => a === 'events:PutEvents' || a === 'events:*' || a === '*'));
        expect({ app, grants: putting.map((st) => ({ action: st.Action, resource: st.Resource, condition: st.Condition })) }).toEqual({
          app,
          grants: [
            {
              action: 'events:PutEvents',
              resource: { 'Fn::GetAtt': [busId, 'Arn'] },
              condition: { 'ForAllValues:StringEquals': { 'events:source': [`buddie.${app}`] }, Null: { 'events:source': 'false' } },
            },
          ],
        });
        // and that is the source EventPublisher stamps on every event the catalog lets the app produce
        for (const type of BUDDIE_EVENT_TYPES.filter((t) => EVENT_PRODUCERS[t].includes(app))) expect({ type, source: eventSource(type, app) }).toEqual({ type, source: `buddie.${app}` });
      }
    });

    it.each(['agent-monitor', 'escalation'])('hands %s the alerts topic (ALERTS_TOPIC_ARN) with sns:Publish on that topic only', (app) => {
      const topicId = logicalIdOf('AWS::SNS::Topic', { TopicName: physical('alerts') });
      const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical(app) })].Properties;
      const [container] = task.ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[];
      const env = Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
      expect(env.ALERTS_TOPIC_ARN).toEqual({ Ref: topicId });
      const statements = (JSON.parse(policyOf(app)) as { Statement: { Action: string | string[]; Resource: unknown }[] }[]).flatMap((d) => d.Statement);
      const publishing = statements.filter((st) => ([] as string[]).concat(st.Action).some((a) => a.startsWith('sns:')));
      expect(publishing.map((st) => ({ actions: st.Action, resource: st.Resource }))).toEqual([{ actions: 'sns:Publish', resource: { Ref: topicId } }]);
    });

    it('gives no other app the alerts topic or any SNS action', () => {
      for (const app of BUDDIE_APPS.filter((a) => a !== 'agent-monitor' && a !== 'escalation')) {
        const task = resources[logicalIdOf('AWS::ECS::TaskDefinition', { Family: physical(app) })].Properties;
        const [container] = task.ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[];
        expect({ app, env: container.Environment.map((e) => e.Name).filter((n) => n === 'ALERTS_TOPIC_ARN'), sns: policyOf(app).includes('sns:') }).toEqual({ app, env: [], sns: false });
      }
    });

    it('grants each app exactly the tables APP_ACCESS lists', () => {
      for (const app of BUDDIE_APPS) {
        const policy = policyOf(app);
        for (const [name, def] of Object.entries(TABLES) as [keyof typeof TABLES, TableDefinition][]) {
          const listed = APP_ACCESS[app].tables[name] !== undefined;
          expect({ app, table: name, granted: policy.includes(`"${tableId(def.logicalName)}"`) }).toEqual({
            app,
            table: name,
            granted: listed,
          });
        }
      }
    });

    it('lets only the gateway write API keys', () => {
      const writers = BUDDIE_APPS.filter((app) => {
        const statements = JSON.parse(policyOf(app)) as { Statement: { Action: string | string[]; Resource: unknown }[] }[];
        return statements
          .flatMap((doc) => doc.Statement)
          .some(
            (s) =>
              JSON.stringify(s.Resource).includes(`"${tableId(TABLES.apiKeys.logicalName)}"`) &&
              ([] as string[]).concat(s.Action).includes('dynamodb:PutItem'),
          );
      });
      expect(writers).toEqual(['gateway']);
    });

    it('gives the summarizer Bedrock InvokeModel and Transcribe job starts, and no one else', () => {
      const summarizer = policyOf('summarizer');
      expect(summarizer).toContain('bedrock:InvokeModel');
      expect(summarizer).toContain('transcribe:StartTranscriptionJob');
      expect(summarizer).toContain('transcribe:StartCallAnalyticsJob');
      for (const app of BUDDIE_APPS.filter((a) => a !== 'summarizer')) {
        expect(policyOf(app)).not.toMatch(/bedrock:|transcribe:/);
      }
    });

    it('grants logs:FilterLogEvents on the flow log group to ivr-journey alone, and only when flowLogSearch is on', () => {
      const group = '/aws/connect/example-center';
      const withSearch = synth({ connectFlowLogGroupName: group, flowLogSearch: true });
      const statementsOf = (tpl: Template, app: string) => {
        const all = tpl.toJSON().Resources as Record<string, Resource>;
        const task = Object.values(all).find((r) => r.Type === 'AWS::ECS::TaskDefinition' && r.Properties.Family === physical(app))!;
        const roleId = (task.Properties.TaskRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        return Object.values(all)
          .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
          .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
      };
      const filtering = (tpl: Template, app: string) => statementsOf(tpl, app).filter((st) => ([] as string[]).concat(st.Action).includes('logs:FilterLogEvents'));
      const granted = filtering(withSearch, 'ivr-journey');
      expect(granted).toHaveLength(1);
      expect(JSON.stringify(granted[0].Resource)).toContain(`:log-group:${group}:*`);
      expect(JSON.stringify(granted[0].Resource)).not.toMatch(/log-group:\*|"\*"/);
      for (const app of BUDDIE_APPS.filter((a) => a !== 'ivr-journey')) expect({ app, grants: filtering(withSearch, app) }).toEqual({ app, grants: [] });
      const env = (tpl: Template) =>
        (Object.values(tpl.toJSON().Resources as Record<string, Resource>).find((r) => r.Type === 'AWS::ECS::TaskDefinition' && r.Properties.Family === physical('ivr-journey'))!.Properties
          .ContainerDefinitions as { Environment: { Name: string; Value: unknown }[] }[])[0].Environment;
      expect(env(withSearch)).toContainEqual({ Name: 'FLOW_LOG_GROUP', Value: group });

      // Subscribed but not searched (the default): neither the permission nor the variable.
      const subscribedOnly = synth({ connectFlowLogGroupName: group });
      expect(filtering(subscribedOnly, 'ivr-journey')).toEqual([]);
      expect(env(subscribedOnly).map((e) => e.Name)).not.toContain('FLOW_LOG_GROUP');
      expect(filtering(template, 'ivr-journey')).toEqual([]);
      expect(() => readDeploySettings(newApp({ flowLogSearch: 'true' }).node)).toThrow('flowLogSearch needs connectFlowLogGroupName');
      expect(readDeploySettings(newApp({ flowLogSearch: 'true', connectFlowLogGroupName: group }).node).flowLogSearch).toBe(true);
    });

    it('lets every consuming app read only its own queue', () => {
      for (const app of BUDDIE_APPS) {
        const policy = policyOf(app);
        for (const queue of CONSUMER_QUEUES) {
          expect({ app, queue, granted: policy.includes(`"${queueId(queue)}"`) }).toEqual({
            app,
            queue,
            granted: APP_ACCESS[app].queue === queue,
          });
        }
      }
    });
  });

  describe('network exposure', () => {
    it('accepts inbound traffic only on the gateway (from its load balancer): the ingestion intake and every other service are unreachable', () => {
      const groups = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup' && /^Buddie .+ tasks$/.test(String(r.Properties.GroupDescription)));
      expect(groups).toHaveLength(BUDDIE_APPS.length);
      const ingress = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress');
      const open = groups
        .filter(([id, group]) => (group.Properties.SecurityGroupIngress as unknown[] | undefined)?.length || ingress.some((rule) => JSON.stringify(rule.Properties.GroupId).includes(`"${id}"`)))
        .map(([, group]) => String(group.Properties.GroupDescription));
      expect(open).toEqual(['Buddie gateway tasks']);
      // and the gateway's inbound rules name a source security group (the ALB's), never a CIDR
      const gatewayId = groups.find(([, g]) => g.Properties.GroupDescription === 'Buddie gateway tasks')![0];
      const rules = ingress.filter((rule) => JSON.stringify(rule.Properties.GroupId).includes(`"${gatewayId}"`));
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(rule.Properties.SourceSecurityGroupId).toBeDefined();
        expect(rule.Properties.CidrIp).toBeUndefined();
      }
      for (const service of Object.values(resources).filter((r) => r.Type === 'AWS::ECS::Service')) {
        expect(JSON.stringify(service.Properties.NetworkConfiguration)).toContain('"AssignPublicIp":"DISABLED"');
      }
    });
  });

  describe('dashboard and settings', () => {
    it('serves the dashboard bucket through CloudFront with origin access control', () => {
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]),
        },
      });
    });

    it('rejects a resource prefix the apps would refuse at boot', () => {
      expect(() => readDeploySettings(newApp({ resourcePrefix: 'has spaces' }).node)).toThrow(/RESOURCE_PREFIX/);
    });

    it('reads numeric context given as strings on the command line', () => {
      const read = readDeploySettings(newApp({ desiredCount: '3', maxReceiveCount: '7' }).node);
      expect(read).toMatchObject({ desiredCount: 3, maxReceiveCount: 7, resourcePrefix: 'buddie' });
    });

    it('uses the redrive count from settings for every queue', () => {
      const custom = synth({ maxReceiveCount: 7 });
      const queues = custom.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } });
      const counts = Object.values(queues).map((q) => (q.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount);
      expect(counts).toHaveLength(CONSUMER_QUEUES.length);
      expect(new Set(counts)).toEqual(new Set([7]));
    });
  });

  describe('image assets', () => {
    it('builds each app image from docker/Dockerfile with its APP build arg, without Docker at synth', () => {
      // given the default image source (Docker assets) and no Docker on the machine
      const app = newApp({ 'aws:cdk:disable-asset-staging': true });
      const stack = new BuddieStack(app, 'Assets', {
        settings: settings({ image: { kind: 'asset' } }),
        env: { account: '111122223333', region: 'us-east-1' },
      });
      // when the app is synthesized
      const assembly = app.synth();
      // then the asset manifest lists one image per app, each from docker/Dockerfile with its APP
      const manifest = JSON.parse(
        readFileSync(path.join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'),
      ) as { dockerImages: Record<string, { source: { dockerFile: string; dockerBuildArgs: Record<string, string> } }> };
      const images = Object.values(manifest.dockerImages).map((image) => image.source);
      expect(images.map((s) => s.dockerBuildArgs.APP).sort()).toEqual([...BUDDIE_APPS].sort());
      expect(new Set(images.map((s) => s.dockerFile))).toEqual(new Set(['docker/Dockerfile']));
    });
  });
});
