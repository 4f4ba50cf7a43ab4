import { Controller } from '@nestjs/common';
import type { EventDetail } from '@buddie/messaging';
import { EventPayload } from '@buddie/runtime';
import { EventPattern } from '@nestjs/microservices';
import { EscalationService } from './escalation.service';

/**
 * The escalation queue's inputs, one handler per routed event type (routing-table.ts): each detail is
 * validated by the catalog before it gets here; one that does not validate goes to the DLQ with its field path.
 */
@Controller()
export class EscalationEvents {
  constructor(private readonly escalation: EscalationService) {}

  @EventPattern('JourneyFailed')
  async onJourneyFailed(@EventPayload('JourneyFailed') detail: EventDetail<'JourneyFailed'>): Promise<void> {
    await this.escalation.handle({
      kind: 'journey-failure',
      contactId: detail.contactId,
      correlationId: detail.correlationId,
      occurredAt: detail.occurredAt,
      failures: detail.failures.map((f) => ({ kind: f.kind, severity: f.severity, stepLabel: f.stepLabel, reason: f.reason })),
    });
  }

  @EventPattern('SummaryCreated')
  async onSummaryCreated(@EventPayload('SummaryCreated') detail: EventDetail<'SummaryCreated'>): Promise<void> {
    await this.escalation.onSummary({
      contactId: detail.contactId,
      correlationId: detail.correlationId,
      occurredAt: detail.occurredAt,
      outcome: detail.outcome,
      escalationRecommended: detail.escalationRecommended,
    });
  }

  @EventPattern('AgentAlertRaised')
  async onAgentAlertRaised(@EventPayload('AgentAlertRaised') detail: EventDetail<'AgentAlertRaised'>): Promise<void> {
    await this.escalation.handle({
      kind: 'agent-alert',
      alertId: detail.alertId,
      agentId: detail.agentId,
      ruleId: detail.ruleId,
      correlationId: detail.correlationId,
      occurredAt: detail.occurredAt,
      severity: detail.severity,
      message: detail.message,
    });
  }

  /** Routed here too (routing-table.ts) but opens nothing: acknowledged, so it neither waits nor dead-letters. */
  @EventPattern('JourneyRecorded')
  onJourneyRecorded(@EventPayload('JourneyRecorded') _detail: EventDetail<'JourneyRecorded'>): void {}

  /** A cleared alert leaves its escalation open: a supervisor resolves it. */
  @EventPattern('AgentAlertCleared')
  onAgentAlertCleared(@EventPayload('AgentAlertCleared') _detail: EventDetail<'AgentAlertCleared'>): void {}
}
