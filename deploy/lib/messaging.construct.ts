import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logDestinations from 'aws-cdk-lib/aws-logs-destinations';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  EXTERNAL_EVENTS,
  ROUTES,
  STREAMS,
  dlqOf,
  queueDefinitions,
  type ConsumerQueue,
  type Route,
  type StreamDefinition,
} from '@buddie/messaging';
import type { StreamName } from './app-access';

/** Logical name of the stream Connect writes CTRs to; the pipe, not an app, reads it. */
export const CTR_STREAM_LOGICAL_NAME = 'contact-trace-records';
const CTR_PIPE_SOURCE = EXTERNAL_EVENTS.connectContactTraceRecord;

export interface ConsumerQueuePair {
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export interface BuddieMessagingProps {
  physicalName: (logical: string) => string;
  eventBusName: string;
  maxReceiveCount: number;
  alertsTopic: sns.ITopic;
  connectInstanceArn?: string;
  connectFlowLogGroupName?: string;
}

/**
 * The event backbone (DESIGN.md 2): the Buddie bus, one rule per ROUTES entry into one queue (+DLQ)
 * per consumer, the Kinesis streams, and the pipe that turns CTR stream records into bus events.
 */
export class BuddieMessaging extends Construct {
  readonly bus: events.EventBus;
  readonly queues: Record<ConsumerQueue, ConsumerQueuePair>;
  readonly streams: Record<StreamName, kinesis.Stream>;
  readonly ctrStream: kinesis.Stream;
  readonly rules: events.Rule[];

  constructor(scope: Construct, id: string, private readonly props: BuddieMessagingProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.eventBusName });
    this.queues = this.consumerQueues();
    this.rules = ROUTES.map((route) => this.rule(route));
    const entries = Object.entries(STREAMS) as [StreamName, StreamDefinition][];
    this.streams = Object.fromEntries(entries.map(([name, def]) => [name, this.stream(name, def)])) as Record<
      StreamName,
      kinesis.Stream
    >;
    this.ctrStream = this.stream('Ctr', {
      logicalName: CTR_STREAM_LOGICAL_NAME,
      shardCount: 1,
      purpose: 'Amazon Connect contact trace records',
    });
    this.ctrPipe();
    this.connectOutputs();
  }

  private consumerQueues(): Record<ConsumerQueue, ConsumerQueuePair> {
    const pairs = queueDefinitions(this.props.maxReceiveCount).map((def): [ConsumerQueue, ConsumerQueuePair] => {
      const dlq = new sqs.Queue(this, `${def.queue}-dlq`, {
        queueName: this.props.physicalName(dlqOf(def.queue)),
        retentionPeriod: Duration.seconds(def.dlqRetentionSeconds),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const queue = new sqs.Queue(this, `${def.queue}-queue`, {
        queueName: this.props.physicalName(def.queue),
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        // SSE-SQS rather than the AWS-managed KMS key: EventBridge can deliver to the former only.
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
      });
      this.alarmOnDepth(`${def.queue}-dlq-not-empty`, dlq);
      return [def.queue, { queue, dlq }];
    });
    return Object.fromEntries(pairs) as Record<ConsumerQueue, ConsumerQueuePair>;
  }

  private rule(route: Route): events.Rule {
    const ruleName = this.props.physicalName(route.name);
    // EventBridge caps rule names at 64 characters; a long prefix must fail the synth, not the deploy.
    if (ruleName.length > 64) throw new Error(`rule name '${ruleName}' exceeds 64 characters: shorten resourcePrefix`);
    const eventBus =
      route.bus === 'buddie' ? this.bus : events.EventBus.fromEventBusName(this, `${route.name}-default-bus`, 'default');
    const pattern: events.EventPattern = { source: [route.source], detailType: [...route.detailTypes] };
    // The default bus carries every Connect instance of the account; only ours is Buddie's business.
    if (route.source === EXTERNAL_EVENTS.connectContactEvent.source && this.props.connectInstanceArn) {
      Object.assign(pattern, { detail: { instanceArn: [this.props.connectInstanceArn] } });
    }
    return new events.Rule(this, `${route.name}-rule`, {
      ruleName,
      description: `${route.source} ${route.detailTypes.join(', ')} -> ${route.queue}`,
      eventBus,
      eventPattern: pattern,
      targets: [new targets.SqsQueue(this.queues[route.queue].queue)],
    });
  }

  private stream(name: string, def: StreamDefinition): kinesis.Stream {
    return new kinesis.Stream(this, `${name}-stream`, {
      streamName: this.props.physicalName(def.logicalName),
      shardCount: def.shardCount,
      encryption: kinesis.StreamEncryption.MANAGED,
      retentionPeriod: Duration.hours(24),
    });
  }

  private ctrPipe(): void {
    const pipeDlq = new sqs.Queue(this, 'ctr-pipe-dlq', {
      queueName: this.props.physicalName(dlqOf('ctr-pipe')),
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.alarmOnDepth('ctr-pipe-dlq-not-empty', pipeDlq);
    const role = new iam.Role(this, 'CtrPipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    this.ctrStream.grantRead(role);
    this.bus.grantPutEventsTo(role);
    pipeDlq.grantSendMessages(role);
    const pipe = new pipes.CfnPipe(this, 'CtrPipe', {
      name: this.props.physicalName('ctr-pipe'),
      description: 'Connect CTR Kinesis stream -> Buddie bus',
      roleArn: role.roleArn,
      source: this.ctrStream.streamArn,
      sourceParameters: {
        kinesisStreamParameters: {
          // The stream is created with the pipe, so nothing older than the pipe can be missed or replayed.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: 10,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: pipeDlq.queueArn },
        },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        // Pipes parse a JSON record payload, so the event's detail is the CTR itself.
        inputTemplate: '<$.data>',
        eventBridgeEventBusParameters: { source: CTR_PIPE_SOURCE.source, detailType: CTR_PIPE_SOURCE.detailType },
      },
    });
    // The pipe validates its role's permissions on creation.
    pipe.node.addDependency(role);
  }

  private connectOutputs(): void {
    const instanceArn = this.props.connectInstanceArn;
    if (instanceArn) {
      new connect.CfnInstanceStorageConfig(this, 'CtrStorage', {
        instanceArn,
        resourceType: 'CONTACT_TRACE_RECORDS',
        storageType: 'KINESIS_STREAM',
        kinesisStreamConfig: { streamArn: this.ctrStream.streamArn },
      });
      new connect.CfnInstanceStorageConfig(this, 'AgentEventStorage', {
        instanceArn,
        resourceType: 'AGENT_EVENTS',
        storageType: 'KINESIS_STREAM',
        kinesisStreamConfig: { streamArn: this.streams.agentEvents.streamArn },
      });
    }
    if (this.props.connectFlowLogGroupName) {
      new logs.SubscriptionFilter(this, 'FlowLogSubscription', {
        logGroup: logs.LogGroup.fromLogGroupName(this, 'FlowLogGroup', this.props.connectFlowLogGroupName),
        destination: new logDestinations.KinesisDestination(this.streams.flowLogs),
        filterPattern: logs.FilterPattern.allEvents(),
      });
    }
  }

  private alarmOnDepth(name: string, dlq: sqs.Queue): void {
    const alarm = new cloudwatch.Alarm(this, name, {
      alarmName: this.props.physicalName(name),
      alarmDescription: `Messages are waiting in ${name.replace(/-not-empty$/, '')}: inspect and redrive them with the buddie CLI.`,
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cwActions.SnsAction(this.props.alertsTopic));
  }
}
