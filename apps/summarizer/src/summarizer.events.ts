import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import type { ConsumedDetail, EventDetail } from '@buddie/messaging';
import { EventPayload, type SqsEventContext } from '@buddie/runtime';
import { SummarizerService } from './summarizer.service';

/**
 * The summarizer queue's inputs, one handler per event type (routing-table.ts): each payload is validated
 * by the catalog before it gets here; a detail that does not validate goes to the DLQ with its field path.
 */
@Controller()
export class SummarizerEvents {
  constructor(private readonly summarizer: SummarizerService) {}

  @EventPattern('ContactCompleted')
  async onContactCompleted(@EventPayload('ContactCompleted') detail: EventDetail<'ContactCompleted'>): Promise<void> {
    await this.summarizer.handle({ kind: 'contact-completed', detail }, detail.correlationId);
  }

  @EventPattern('TranscriptReady')
  async onTranscriptReady(@EventPayload('TranscriptReady') detail: EventDetail<'TranscriptReady'>): Promise<void> {
    await this.summarizer.handle({ kind: 'transcript-ready', detail }, detail.correlationId);
  }

  @EventPattern('Transcribe Job State Change')
  async onTranscriptionJob(
    @EventPayload('Transcribe Job State Change') detail: ConsumedDetail<'Transcribe Job State Change'>,
    @Ctx() context: SqsEventContext,
  ): Promise<void> {
    await this.summarizer.handle({ kind: 'transcribe-job', job: 'transcription', jobName: detail.TranscriptionJobName, status: detail.TranscriptionJobStatus }, context.correlationId);
  }

  @EventPattern('Call Analytics Job State Change')
  async onCallAnalyticsJob(
    @EventPayload('Call Analytics Job State Change') detail: ConsumedDetail<'Call Analytics Job State Change'>,
    @Ctx() context: SqsEventContext,
  ): Promise<void> {
    await this.summarizer.handle({ kind: 'transcribe-job', job: 'call-analytics', jobName: detail.JobName, status: detail.JobStatus }, context.correlationId);
  }
}
