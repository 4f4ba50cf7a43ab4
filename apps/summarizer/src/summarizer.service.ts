import { Inject, Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@buddie/observability';
import { SummaryPipeline, type PipelineOutcome } from './pipeline/summary-pipeline';
import type { SummarizerMessage } from './pipeline/summarizer-message';

/** Hands one validated message to the pipeline and counts what happened (rejections are the queue runner's count). */
@Injectable()
export class SummarizerService {
  constructor(
    @Inject(SummaryPipeline) private readonly pipeline: SummaryPipeline,
    private readonly metrics: MetricsRegistry,
  ) {}

  async handle(message: SummarizerMessage, correlationId: string): Promise<PipelineOutcome> {
    const outcome = await this.pipeline.handle(message, correlationId);
    this.metrics.increment('buddie_summarizer_messages_total', { kind: message.kind, outcome });
    return outcome;
  }
}
