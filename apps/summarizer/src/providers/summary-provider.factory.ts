import type { SummarizerConfig } from '@buddie/config';
import { createAwsClient } from '@buddie/runtime';
import { BedrockConverseClient } from './bedrock-converse.client';
import { LlmSummaryProvider } from './llm-summary.provider';
import { OfflineSummaryProvider } from './offline-summary.provider';
import { OpenAiChatClient } from './openai-chat.client';
import type { SummaryProvider } from './summary-provider';

export interface ProviderLogger {
  warn(message: string): void;
}

/** SUMMARY_PROVIDER picks the implementation; everything else about it comes from config too. */
export function createSummaryProvider(config: SummarizerConfig, logger?: ProviderLogger): SummaryProvider {
  const retry = {
    maxAttempts: config.LLM_MAX_ATTEMPTS,
    baseDelayMs: config.LLM_BACKOFF_BASE_MS,
    onRetry: (error: unknown, attempt: number, delayMs: number) =>
      logger?.warn(`${config.SUMMARY_PROVIDER} attempt ${attempt} failed (${(error as Error).message}); retrying in ${delayMs} ms`),
  };
  switch (config.SUMMARY_PROVIDER) {
    case 'bedrock': {
      const client = createAwsClient(config, 'bedrock', { requestTimeoutMs: config.LLM_TIMEOUT_MS, connectionTimeoutMs: config.LLM_TIMEOUT_MS });
      return new LlmSummaryProvider(
        new BedrockConverseClient(client, { modelId: config.BEDROCK_MODEL_ID, timeoutMs: config.LLM_TIMEOUT_MS, maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS }),
        { chunkChars: config.SUMMARY_CHUNK_CHARS, retry },
      );
    }
    case 'openai': {
      if (!config.OPENAI_BASE_URL) throw new Error('SUMMARY_PROVIDER=openai needs OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama)');
      return new LlmSummaryProvider(
        new OpenAiChatClient({
          baseUrl: config.OPENAI_BASE_URL,
          apiKey: config.OPENAI_API_KEY,
          model: config.OPENAI_MODEL,
          timeoutMs: config.LLM_TIMEOUT_MS,
          maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
        }),
        { chunkChars: config.SUMMARY_CHUNK_CHARS, retry },
      );
    }
    default:
      return new OfflineSummaryProvider();
  }
}
