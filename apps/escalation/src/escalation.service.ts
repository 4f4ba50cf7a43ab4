import { Logger } from '@nestjs/common';
import { decideEscalations, decideSeverityRaise, TransientError, type Clock, type EscalationDraft, type EscalationRecord, type EscalationRule, type EscalationTrigger } from '@buddie/domain';
import type { EscalationRepository, SummaryRepository } from '@buddie/persistence';
import type { EscalationOutbox } from './escalation-outbox';

/** Attempts at a severity raise that keeps meeting a concurrent change before the input is left for redelivery. */
const RAISE_ATTEMPTS = 3;

export interface EscalationServiceDeps {
  escalations: Pick<EscalationRepository, 'open' | 'raise'>;
  summaries: Pick<SummaryRepository, 'get'>;
  outbox: Pick<EscalationOutbox, 'publish'>;
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
 * `<subject>:<cause>`, so a redelivered or replayed input opens nothing new. Only the creator publishes
 * EscalationCreated (then clears the record's outbox marker); a concurrent or later delivery of the same
 * input publishes only a marker abandoned past the deadline, claimed conditionally, and the reconciler
 * covers the rest, so one escalation is announced once (a crash aside, then again with the same detail).
 * A later trigger that decideSeverityRaise says is more severe raises the stored one: EscalationUpdated.
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
      const { created, record, publish } = await this.deps.escalations.open(draft, this.now());
      if (created) opened++;
      if (publish) {
        await this.deps.outbox.publish(publish);
        this.logger.log(`escalation ${record.escalationId} ${created ? 'opened' : 're-published'} (${record.severity}, ${trigger.kind})`);
      }
      if (!created) await this.raiseIfMoreSevere(record, draft);
    }
    return opened;
  }

  /** A later trigger for the same subject and cause: raise the stored escalation when the domain says so. */
  private async raiseIfMoreSevere(stored: EscalationRecord, draft: EscalationDraft): Promise<void> {
    let current = stored;
    for (let attempt = 0; attempt < RAISE_ATTEMPTS; attempt++) {
      const raise = decideSeverityRaise(current, draft);
      if (!raise) return;
      const result = await this.deps.escalations.raise(current, raise, this.now());
      if (result.outcome === 'not-found') return;
      if (result.outcome === 'applied') {
        await this.deps.outbox.publish(result.escalation);
        this.logger.log(`escalation ${current.escalationId} raised ${current.severity} -> ${raise.severity} (version ${result.escalation.version ?? 1})`);
        return;
      }
      current = result.current;
    }
    throw new TransientError('ESCALATION_CONTENDED', `escalation ${stored.escalationId} kept changing while its severity was raised; left for redelivery`);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
