import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import type { EventDetail } from '@buddie/messaging';
import { EventPayload } from '@buddie/runtime';
import { JourneyAssemblyService } from './assembly/journey-assembly.service';

/**
 * The ivr-journey queue's one input (routing-table.ts): ContactCompleted from ingestion, the CTR half of a
 * journey. The catalog validates the detail before it gets here; one that does not validate goes to the
 * DLQ with its field path. Its correlation id is kept for the JourneyRecorded / JourneyFailed it leads to.
 */
@Controller()
export class IvrJourneyEvents {
  constructor(private readonly assembly: JourneyAssemblyService) {}

  @EventPattern('ContactCompleted')
  async onContactCompleted(@EventPayload('ContactCompleted') detail: EventDetail<'ContactCompleted'>): Promise<void> {
    await this.assembly.contactCompleted(detail.contactId, detail.correlationId);
  }
}
