import { escalationTaskSource, NotFoundError, type Clock } from '@buddie/domain';
import type { EventDetail } from '@buddie/messaging';
import type { ContactRepository, EscalationRepository, SalesforceSyncRepository } from '@buddie/persistence';
import type { SyncBatcher } from './sync-batcher';

/**
 * What the queue hands in: a SummaryCreated makes its conversation's Case due, an EscalationCreated /
 * EscalationUpdated its Task. The message is acknowledged once the record is durably pending; the send
 * happens in the next flush, and the reconciler covers a crash in between. Intake is bounded: a handler
 * first waits for room in the batcher, so a backlog waits in the queue (unacknowledged), not in memory.
 */
export class SalesforceSyncService {
  constructor(
    private readonly deps: {
      sync: SalesforceSyncRepository;
      contacts: ContactRepository;
      escalations: EscalationRepository;
      batcher: SyncBatcher;
      clock: Clock;
      tasksEnabled: boolean;
    },
  ) {}

  async summaryCreated(detail: Pick<EventDetail<'SummaryCreated'>, 'contactId' | 'correlationId'>): Promise<void> {
    const release = await this.deps.batcher.reserve();
    try {
      await this.takeSummary(detail);
    } finally {
      release();
    }
  }

  private async takeSummary(detail: Pick<EventDetail<'SummaryCreated'>, 'contactId' | 'correlationId'>): Promise<void> {
    const contact = await this.deps.contacts.get(detail.contactId);
    if (!contact) throw new NotFoundError('contact', detail.contactId);
    // Transfer legs share InitialContactId (conversationId): they all land on one Case.
    const conversationId = contact.conversationId || contact.contactId;
    const record = await this.deps.sync.markPending(
      { kind: 'case', sourceId: conversationId, version: contact.contactId, contactId: contact.contactId, conversationId, correlationId: detail.correlationId },
      this.now(),
    );
    if (record) this.deps.batcher.add([record.recordKey]);
  }

  /**
   * Created and Updated alike: the Task is built from the stored escalation (the source of truth), so an
   * update that overtakes its create, or a replay of an older event, writes the escalation's current state
   * to the one Task upserted by the escalation id.
   */
  async escalationChanged(detail: Pick<EventDetail<'EscalationCreated'>, 'escalationId' | 'correlationId'>): Promise<void> {
    if (!this.deps.tasksEnabled) return;
    const release = await this.deps.batcher.reserve();
    try {
      await this.takeEscalation(detail);
    } finally {
      release();
    }
  }

  private async takeEscalation(detail: Pick<EventDetail<'EscalationCreated'>, 'escalationId' | 'correlationId'>): Promise<void> {
    const stored = await this.deps.escalations.get(detail.escalationId);
    if (!stored) throw new NotFoundError('escalation', detail.escalationId);
    const source = escalationTaskSource(stored);
    let conversationId = source.conversationId;
    if (source.contactId) {
      const contact = await this.deps.contacts.get(source.contactId);
      conversationId = contact?.conversationId || source.contactId;
    }
    const record = await this.deps.sync.markPending(
      {
        kind: 'task',
        sourceId: detail.escalationId,
        version: `${stored.status}@${stored.updatedAt}`,
        conversationId: conversationId ?? undefined,
        task: { ...source, conversationId },
        correlationId: detail.correlationId,
      },
      this.now(),
    );
    if (record) this.deps.batcher.add([record.recordKey]);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
