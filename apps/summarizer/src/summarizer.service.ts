import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@buddie/observability';
import { SummaryPipeline, type PipelineOutcome } from './pipeline/summary-pipeline';
import { parseSummarizerMessage } from './pipeline/summarizer-message';

/** Decodes one queue message and hands it to the pipeline; counts what happened. */
@Injectable()
export class SummarizerService {
  constructor(
    @Inject(SummaryPipeline) private readonly pipeline: SummaryPipeline,
    private readonly metrics: MetricsRegistry,
  ) {}

  async handleMessage(body: string, correlationId: string = randomUUID()): Promise<PipelineOutcome> {
    let message;
    try {
      message = parseSummarizerMessage(body);
    } catch (error) {
      this.metrics.increment('buddie_summarizer_rejected_total', { reason: 'invalid' });
      throw error;
    }
    const outcome = await this.pipeline.handle(message, correlationId);
    this.metrics.increment('buddie_summarizer_messages_total', { kind: message.kind, outcome });
    return outcome;
  }
}
