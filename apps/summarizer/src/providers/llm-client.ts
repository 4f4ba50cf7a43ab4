import { BuddieError, TransientError } from '@buddie/domain';

export interface LlmPrompt {
  system: string;
  user: string;
}

export interface LlmReply {
  /** The JSON object the model produced (tool input or parsed text); undefined when there was none. */
  output: unknown;
  /** Why `output` is missing (no JSON, truncated, refused), for the repair prompt and logs. */
  problem?: string;
  stopReason: string;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Provider-specific record of the assistant turn, replayed when asking for a repair. */
  assistantTurn: unknown;
}

/**
 * A chat model asked for one JSON object. One adapter per API (Bedrock Converse, OpenAI chat
 * completions); retries, chunking and validation live above it, in LlmSummaryProvider.
 */
export interface StructuredLlmClient {
  readonly provider: string;
  readonly model: string;
  generate(prompt: LlmPrompt, repair?: { previous: LlmReply; feedback: string }): Promise<LlmReply>;
}

/** The provider asked us to slow down (HTTP 429 / ThrottlingException); retried with backoff. */
export class LlmThrottledError extends TransientError {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super('LLM_THROTTLED', message);
  }
}

/** No answer within LLM_TIMEOUT_MS; retried with backoff. */
export class LlmTimeoutError extends TransientError {
  constructor(message: string) {
    super('LLM_TIMEOUT', message);
  }
}

/** The provider failed on its side (5xx, model not ready); retried, then left to SQS redelivery. */
export class LlmUnavailableError extends TransientError {
  constructor(message: string) {
    super('LLM_UNAVAILABLE', message);
  }
}

/** The request itself is wrong (bad model id, access denied, validation): every retry would fail. */
export class LlmRequestError extends BuddieError {
  constructor(message: string) {
    super('LLM_REQUEST_REJECTED', message, true);
  }
}

/** Still not schema-valid after the repair retry. */
export class LlmInvalidOutputError extends BuddieError {
  constructor(message: string, details?: unknown) {
    super('LLM_INVALID_OUTPUT', message, true, details);
  }
}

export function isRetryableLlmError(error: unknown): boolean {
  return error instanceof LlmThrottledError || error instanceof LlmTimeoutError || error instanceof LlmUnavailableError;
}

/**
 * The first JSON object in a model's text: models wrap JSON in prose or ``` fences despite being
 * told not to. Returns undefined when no balanced, parseable object is found.
 */
export function extractJsonObject(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidates = fenced ? [fenced[1], text] : [text];
  for (const candidate of candidates) {
    const start = candidate.indexOf('{');
    if (start < 0) continue;
    let depth = 0;
    let inString = false;
    for (let i = start; i < candidate.length; i++) {
      const c = candidate[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          return JSON.parse(candidate.slice(start, i + 1));
        } catch {
          break;
        }
      }
    }
  }
  return undefined;
}
