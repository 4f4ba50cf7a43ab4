import { escalationTaskSourceOf, InvalidInputError, NotFoundError, type Clock } from '@buddie/domain';
import { parseEventDetail } from '@buddie/messaging';
import type { ContactRepository, EscalationRepository, SalesforceSyncRepository } from '@buddie/persistence';
import type { SyncBatcher } from './sync-batcher';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the queue hands in: a SummaryCreated makes its conversation's Case due, an EscalationCreated /
 * EscalationUpdated its Task. The message is acknowledged once the record is durably pending; the send
 * happens in the next flush, and the reconciler covers a crash in between.
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

  async handleMessage(body: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new InvalidInputError('message body is not valid JSON');
    }
    if (!isRec(json) || typeof json['detail-type'] !== 'string') throw new InvalidInputError('message is not an EventBridge event (detail-type required)');
    switch (json['detail-type']) {
      case 'SummaryCreated':
        return this.summaryCreated(parseEventDetail('SummaryCreated', json.detail));
      case 'EscalationCreated':
        return this.escalationChanged(parseEventDetail('EscalationCreated', json.detail));
      case 'EscalationUpdated':
        return this.escalationChanged(parseEventDetail('EscalationUpdated', json.detail));
      default:
        throw new InvalidInputError(`salesforce-sync does not handle ${json['detail-type']} events`);
    }
  }

  private async summaryCreated(detail: { contactId: string; correlationId: string }): Promise<void> {
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

  private async escalationChanged(detail: { escalationId: string; correlationId: string }): Promise<void> {
    if (!this.deps.tasksEnabled) return;
    const stored = await this.deps.escalations.get(detail.escalationId);
    if (!stored) throw new NotFoundError('escalation', detail.escalationId);
    const source = escalationTaskSourceOf(stored);
    if (!source.ok) throw new InvalidInputError(`escalation ${detail.escalationId} cannot become a Task: ${source.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    let conversationId = source.value.conversationId;
    if (source.value.contactId) {
      const contact = await this.deps.contacts.get(source.value.contactId);
      conversationId = contact?.conversationId || source.value.contactId;
    }
    const record = await this.deps.sync.markPending(
      {
        kind: 'task',
        sourceId: detail.escalationId,
        version: `${stored.status}@${stored.updatedAt}`,
        conversationId: conversationId ?? undefined,
        task: { ...source.value, conversationId },
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
