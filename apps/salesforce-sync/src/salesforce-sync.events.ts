import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EventDetail } from '@buddie/messaging';
import { EventPayload } from '@buddie/runtime';
import { SalesforceSyncRuntime } from './salesforce-sync.runtime';

/**
 * The salesforce-sync queue's inputs, one handler per routed event type (routing-table.ts): each detail
 * is validated by the catalog before it gets here; one that does not validate goes to the DLQ with its
 * field path. A handler resolves once the record is durably pending (the message is then acknowledged);
 * the send to Salesforce happens in a later flush.
 */
@Controller()
export class SalesforceSyncEvents {
  constructor(private readonly runtime: SalesforceSyncRuntime) {}

  @EventPattern('SummaryCreated')
  async onSummaryCreated(@EventPayload('SummaryCreated') detail: EventDetail<'SummaryCreated'>): Promise<void> {
    await this.runtime.service.summaryCreated(detail);
  }

  @EventPattern('EscalationCreated')
  async onEscalationCreated(@EventPayload('EscalationCreated') detail: EventDetail<'EscalationCreated'>): Promise<void> {
    await this.runtime.service.escalationChanged(detail);
  }

  @EventPattern('EscalationUpdated')
  async onEscalationUpdated(@EventPayload('EscalationUpdated') detail: EventDetail<'EscalationUpdated'>): Promise<void> {
    await this.runtime.service.escalationChanged(detail);
  }
}
