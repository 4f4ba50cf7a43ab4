import type { CallSummary, Transcript } from '@buddie/domain';
import type { TokenUsage } from '@buddie/persistence';

export interface SummaryContext {
  contactId: string;
  now: Date;
}

export interface ProviderSummary {
  summary: CallSummary;
  usage: TokenUsage;
}

/**
 * One interface for every summarizer (DESIGN.md 8): the offline default, Bedrock and any
 * OpenAI-compatible endpoint. Input is always a redacted transcript; output is schema-valid.
 */
export interface SummaryProvider {
  readonly name: string;
  readonly model: string;
  summarize(transcript: Transcript, context: SummaryContext): Promise<ProviderSummary>;
}

export const SUMMARY_PROVIDER = Symbol('SUMMARY_PROVIDER');

export const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 };

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    calls: a.calls + b.calls,
  };
}
