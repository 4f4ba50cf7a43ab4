import type { Message } from '@aws-sdk/client-sqs';
import { Module, type DynamicModule } from '@nestjs/common';
import { physicalName, type EscalationConfig } from '@buddie/config';
import { MetricsRegistry } from '@buddie/observability';
import type { Clock } from '@buddie/domain';
import { contactIdOf, EventPublisher } from '@buddie/messaging';
import { EscalationRepository, SummaryRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import { CLOCK, CoreModule, createAwsClient, DYNAMO_DOC, EventConsumerModule } from '@buddie/runtime';
import { EscalationOutbox } from './escalation-outbox';
import { EscalationOutboxReconciler } from './escalation-outbox.reconciler';
import { loadEscalationRules } from './escalation-rules.provider';
import { EscalationNotifier } from './escalation.notifier';
import { EscalationEvents } from './escalation.events';
import { EscalationService } from './escalation.service';

/** Inputs about one subject (an alert, else a contact) run one after another, so a duplicate in a batch sees the first one's publish. */
function subjectOf(message: Message): string | undefined {
  try {
    const alertId = (JSON.parse(message.Body ?? '') as { detail?: { alertId?: unknown } } | null)?.detail?.alertId;
    if (typeof alertId === 'string') return alertId;
  } catch {
    return undefined;
  }
  return contactIdOf(message);
}

/**
 * The escalation service: consumes JourneyFailed, SummaryCreated and AgentAlertRaised from its queue,
 * opens one escalation per subject and cause (rules validated at boot), publishes EscalationCreated (and
 * EscalationUpdated on a severity raise), and re-publishes any escalation change left unpublished.
 */
@Module({})
export class EscalationModule {
  static forRoot(config: EscalationConfig): DynamicModule {
    const rules = loadEscalationRules(config);
    return {
      module: EscalationModule,
      imports: [CoreModule.forRoot('escalation', config), EventConsumerModule.forQueue('escalation', config, { orderKey: subjectOf })],
      providers: [
        {
          provide: EscalationRepository,
          useFactory: (doc: DocumentClient) =>
            new EscalationRepository(doc, physicalName(config, TABLES.escalations.logicalName), { publishDeadlineMs: config.ESCALATION_PUBLISH_DEADLINE_MS }),
          inject: [DYNAMO_DOC],
        },
        {
          provide: EscalationOutbox,
          useFactory: (escalations: EscalationRepository, events: EventPublisher, clock: Clock) =>
            new EscalationOutbox(
              escalations,
              events,
              config.ALERTS_TOPIC_ARN
                ? { notifier: new EscalationNotifier(createAwsClient(config, 'sns'), config.ALERTS_TOPIC_ARN), minSeverity: config.ESCALATION_NOTIFY_MIN_SEVERITY, clock }
                : undefined,
            ),
          inject: [EscalationRepository, EventPublisher, CLOCK],
        },
        {
          provide: EscalationService,
          useFactory: (doc: DocumentClient, escalations: EscalationRepository, outbox: EscalationOutbox, clock: Clock) =>
            new EscalationService({
              escalations,
              summaries: new SummaryRepository(doc, physicalName(config, TABLES.summaries.logicalName)),
              outbox,
              rules,
              clock,
            }),
          inject: [DYNAMO_DOC, EscalationRepository, EscalationOutbox, CLOCK],
        },
        {
          provide: EscalationOutboxReconciler,
          useFactory: (escalations: EscalationRepository, outbox: EscalationOutbox, clock: Clock, metrics: MetricsRegistry) => {
            const reconciler = new EscalationOutboxReconciler(escalations, outbox, clock, config.ESCALATION_RECONCILE_INTERVAL_MS);
            metrics.gauge('buddie_escalation_republished_total', () => reconciler.republished, 'escalation changes the reconciler published after their publish was lost');
            return reconciler;
          },
          inject: [EscalationRepository, EscalationOutbox, CLOCK, MetricsRegistry],
        },
      ],
      controllers: [EscalationEvents],
    };
  }
}
