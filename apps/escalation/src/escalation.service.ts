import { Logger } from '@nestjs/common';
import { decideEscalations, type Clock, type EscalationRule, type EscalationTrigger } from '@buddie/domain';
import { escalationEventFields, type EventPublisher } from '@buddie/messaging';
import type { EscalationRepository, SummaryRepository } from '@buddie/persistence';

export interface EscalationServiceDeps {
  escalations: EscalationRepository;
  summaries: SummaryRepository;
  events: EventPublisher;
  rules: readonly EscalationRule[];
  clock: Clock;
  logger?: Logger;
}

/** What the summary event carries; the ending sentiment and the reason are read from the stored summary. */
export interface SummaryInput {
  contactId: string;
  correlationId: string;
  occurredAt: string;
  outcome: string;
  escalationRecommended: boolean;
}

/**
 * Opens the escalations the rules decide for one input. Each is stored with a conditional create keyed
 * `<subject>:<cause>`, so a redelivered or replayed input opens nothing new; EscalationCreated is
 * published (with the input's correlation id) and only then marked published, so a crash in between
 * re-publishes on redelivery (at-least-once) without ever duplicating the record.
 */
export class EscalationService {
  private readonly logger: Logger;
  constructor(private readonly deps: EscalationServiceDeps) {
    this.logger = deps.logger ?? new Logger('EscalationService');
  }

  async onSummary(input: SummaryInput): Promise<number> {
    const stored = await this.deps.summaries.get(input.contactId);
    const summary = stored?.summary;
    return this.handle({
      kind: 'summary',
      contactId: input.contactId,
      correlationId: input.correlationId,
      occurredAt: input.occurredAt,
      escalationRecommended: input.escalationRecommended,
      escalationReason: summary?.escalation.reason ?? null,
      endingSentiment: summary?.sentiment.end ?? null,
      outcome: input.outcome,
    });
  }

  /** Returns how many escalations were opened by this delivery (0 on a replay). */
  async handle(trigger: EscalationTrigger): Promise<number> {
    const drafts = decideEscalations(trigger, this.deps.rules);
    let opened = 0;
    for (const draft of drafts) {
      const { created, record, needsPublish } = await this.deps.escalations.open(draft, this.deps.clock.now().toISOString());
      if (created) opened++;
      if (!needsPublish) continue;
      await this.deps.events.publish([{ type: 'EscalationCreated', detail: escalationEventFields(record, trigger.correlationId) }]);
      await this.deps.escalations.markCreatedPublished(record.escalationId);
      this.logger.log(`escalation ${record.escalationId} ${created ? 'opened' : 're-published'} (${record.severity}, ${trigger.kind})`);
    }
    return opened;
  }
}
