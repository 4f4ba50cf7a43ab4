import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { physicalName, type AgentMonitorConfig } from '@buddie/config';
import { KinesisStreamConsumer, STREAMS } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { AgentAlertRepository, AgentChangeWriter, AgentHistoryRepository, AgentStateRepository, AlertRuleRepository, CheckpointRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import type { Clock } from '@buddie/domain';
import { CLOCK, CoreModule, DYNAMO_DOC, countAwsRequests, createAwsClient, createKinesisClient } from '@buddie/runtime';
import { AgentMonitorRunner } from './agent-monitor.runner';
import { AgentMonitorService } from './agent-monitor.service';
import { AlertNotifier } from './alert.notifier';
import { AlertRulesProvider } from './alert-rules.provider';

export function agentEventsStreamName(config: AgentMonitorConfig): string {
  return config.AGENT_EVENTS_STREAM ?? physicalName(config, STREAMS.agentEvents.logicalName);
}

const repository = <T>(make: (doc: DocumentClient, clock: Clock) => T) => ({ useFactory: make, inject: [DYNAMO_DOC, CLOCK] });

/** The agent-monitor service: Kinesis agent event stream -> agent state, history, alerts, live feed events. */
@Module({})
export class AgentMonitorModule {
  static forRoot(config: AgentMonitorConfig): DynamicModule {
    const table = (logical: string) => physicalName(config, logical);
    return {
      module: AgentMonitorModule,
      imports: [CoreModule.forRoot('agent-monitor', config)],
      providers: [
        { provide: AgentStateRepository, ...repository((doc) => new AgentStateRepository(doc, table(TABLES.agentStates.logicalName))) },
        {
          provide: AgentHistoryRepository,
          ...repository((doc, clock) => new AgentHistoryRepository(doc, table(TABLES.agentHistory.logicalName), config.AGENT_HISTORY_TTL_DAYS, clock)),
        },
        {
          provide: AgentChangeWriter,
          useFactory: (doc: DocumentClient, states: AgentStateRepository, history: AgentHistoryRepository) => new AgentChangeWriter(doc, states, history),
          inject: [DYNAMO_DOC, AgentStateRepository, AgentHistoryRepository],
        },
        { provide: AgentAlertRepository, ...repository((doc) => new AgentAlertRepository(doc, table(TABLES.agentAlerts.logicalName))) },
        { provide: AlertRuleRepository, ...repository((doc, clock) => new AlertRuleRepository(doc, table(TABLES.alertRules.logicalName), clock)) },
        { provide: CheckpointRepository, ...repository((doc, clock) => new CheckpointRepository(doc, table(TABLES.checkpoints.logicalName), clock)) },
        {
          provide: AlertNotifier,
          useFactory: () =>
            config.ALERTS_TOPIC_ARN ? new AlertNotifier(createAwsClient(config, 'sns'), config.ALERTS_TOPIC_ARN) : new AlertNotifier(undefined, undefined),
        },
        {
          provide: KinesisStreamConsumer,
          useFactory: (checkpoints: CheckpointRepository, metrics: MetricsRegistry, clock: Clock) =>
            new KinesisStreamConsumer(countAwsRequests(createKinesisClient(config), 'kinesis', metrics), checkpoints, {
              streamName: agentEventsStreamName(config),
              workerId: config.WORKER_ID,
              leaseMs: config.KINESIS_LEASE_MS,
              idlePollMs: config.KINESIS_IDLE_POLL_MS,
              batchLimit: config.KINESIS_BATCH_LIMIT,
              checkpointEveryMs: config.KINESIS_CHECKPOINT_MS,
              handleLimit: config.KINESIS_HANDLE_LIMIT,
              handleTargetMs: config.KINESIS_HANDLE_TARGET_MS,
              logger: new Logger(KinesisStreamConsumer.name),
              onThrottle: (shardId) => metrics.increment('buddie_kinesis_throttled_total', { shardId }),
              clock,
            }),
          inject: [CheckpointRepository, MetricsRegistry, CLOCK],
        },
        AlertRulesProvider,
        AgentMonitorService,
        AgentMonitorRunner,
      ],
      exports: [AgentMonitorService, KinesisStreamConsumer, AlertRulesProvider],
    };
  }
}
