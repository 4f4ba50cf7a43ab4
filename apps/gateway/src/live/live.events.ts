import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { toLiveEventDetail, type AnyLiveEvent } from '@buddie/api-contract';
import type { BuddieEventType, EventDetail } from '@buddie/messaging';
import { EventPayload, type SqsEventContext } from '@buddie/runtime';
import { LiveHub } from './live.hub';

/**
 * The gateway's queue gets every Buddie event type (routing-table.ts) and fans each out once to the
 * live feed. One handler per type: the catalog pipe validates the detail (a mismatch goes to the DLQ
 * with its field path) and the room's allow-listed DTO is all that reaches a socket.
 */
@Controller()
export class LiveEvents {
  constructor(private readonly hub: LiveHub) {}

  @EventPattern('ContactCompleted')
  onContactCompleted(@EventPayload('ContactCompleted') detail: EventDetail<'ContactCompleted'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('ContactCompleted', detail, context);
  }

  @EventPattern('TranscriptReady')
  onTranscriptReady(@EventPayload('TranscriptReady') detail: EventDetail<'TranscriptReady'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('TranscriptReady', detail, context);
  }

  @EventPattern('SummaryCreated')
  onSummaryCreated(@EventPayload('SummaryCreated') detail: EventDetail<'SummaryCreated'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('SummaryCreated', detail, context);
  }

  @EventPattern('AgentStateChanged')
  onAgentStateChanged(@EventPayload('AgentStateChanged') detail: EventDetail<'AgentStateChanged'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('AgentStateChanged', detail, context);
  }

  @EventPattern('AgentAlertRaised')
  onAgentAlertRaised(@EventPayload('AgentAlertRaised') detail: EventDetail<'AgentAlertRaised'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('AgentAlertRaised', detail, context);
  }

  @EventPattern('AgentAlertCleared')
  onAgentAlertCleared(@EventPayload('AgentAlertCleared') detail: EventDetail<'AgentAlertCleared'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('AgentAlertCleared', detail, context);
  }

  @EventPattern('JourneyRecorded')
  onJourneyRecorded(@EventPayload('JourneyRecorded') detail: EventDetail<'JourneyRecorded'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('JourneyRecorded', detail, context);
  }

  @EventPattern('JourneyFailed')
  onJourneyFailed(@EventPayload('JourneyFailed') detail: EventDetail<'JourneyFailed'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('JourneyFailed', detail, context);
  }

  @EventPattern('EscalationCreated')
  onEscalationCreated(@EventPayload('EscalationCreated') detail: EventDetail<'EscalationCreated'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('EscalationCreated', detail, context);
  }

  @EventPattern('EscalationUpdated')
  onEscalationUpdated(@EventPayload('EscalationUpdated') detail: EventDetail<'EscalationUpdated'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('EscalationUpdated', detail, context);
  }

  @EventPattern('SalesforceSynced')
  onSalesforceSynced(@EventPayload('SalesforceSynced') detail: EventDetail<'SalesforceSynced'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('SalesforceSynced', detail, context);
  }

  @EventPattern('SalesforceSyncFailed')
  onSalesforceSyncFailed(@EventPayload('SalesforceSyncFailed') detail: EventDetail<'SalesforceSyncFailed'>, @Ctx() context: SqsEventContext): void {
    this.fanOut('SalesforceSyncFailed', detail, context);
  }

  private fanOut<K extends BuddieEventType>(type: K, detail: EventDetail<K>, context: SqsEventContext): void {
    this.hub.publish({
      id: context.envelope.id,
      type,
      occurredAt: detail.occurredAt,
      correlationId: detail.correlationId,
      detail: toLiveEventDetail(type, detail, detail.occurredAt),
    } as AnyLiveEvent);
  }
}
