import { OFFLINE_MODEL, OFFLINE_PROVIDER, summarizeOffline, type Transcript } from '@buddie/domain';
import { NO_USAGE, type ProviderSummary, type SummaryContext, type SummaryProvider } from './summary-provider';

/** The deterministic extractive summarizer: no model, no tokens, no network. */
export class OfflineSummaryProvider implements SummaryProvider {
  readonly name = OFFLINE_PROVIDER;
  readonly model = OFFLINE_MODEL;

  summarize(transcript: Transcript, context: SummaryContext): Promise<ProviderSummary> {
    return Promise.resolve({ summary: summarizeOffline(transcript, context), usage: { ...NO_USAGE } });
  }
}
