import { errorMessage } from '@buddie/domain';
import {
  extractJsonObject,
  LlmRequestError,
  LlmThrottledError,
  LlmTimeoutError,
  LlmUnavailableError,
  type LlmPrompt,
  type LlmReply,
  type StructuredLlmClient,
} from './llm-client';

export interface OpenAiChatOptions {
  /** Up to and including /v1, e.g. http://127.0.0.1:11434/v1 for Ollama. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  maxOutputTokens: number;
  fetch?: typeof fetch;
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

interface ChatCompletion {
  choices?: { message?: { content?: string | null; refusal?: string | null }; finish_reason?: string }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/**
 * Any OpenAI-compatible chat completions endpoint (OpenAI, Ollama, vLLM). JSON mode
 * (`response_format: json_object`) is requested; servers that ignore it still usually answer with
 * JSON because the prompt demands it, and the validator catches the rest.
 */
export class OpenAiChatClient implements StructuredLlmClient {
  readonly provider = 'openai-compatible';
  readonly model: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: OpenAiChatOptions) {
    this.model = options.model;
    this.fetch = options.fetch ?? fetch;
  }

  async generate(prompt: LlmPrompt, repair?: { previous: LlmReply; feedback: string }): Promise<LlmReply> {
    const messages: ChatMessage[] = [
      { role: 'system', content: prompt.system },
      { role: 'user', content: prompt.user },
    ];
    if (repair) messages.push({ role: 'assistant', content: String(repair.previous.assistantTurn ?? '') }, { role: 'user', content: repair.feedback });
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    let response: Response;
    let body: string;
    try {
      response = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify({
          model: this.options.model,
          messages,
          temperature: 0,
          max_tokens: this.options.maxOutputTokens,
          response_format: { type: 'json_object' },
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new LlmTimeoutError(`${url} did not answer within ${this.options.timeoutMs} ms`);
      throw new LlmUnavailableError(`${url} could not be reached: ${errorMessage(error)}`);
    }
    if (!response.ok) throw httpError(response, body);
    let completion: ChatCompletion;
    try {
      completion = JSON.parse(body) as ChatCompletion;
    } catch {
      throw new LlmUnavailableError(`chat completion response is not JSON (HTTP ${response.status})`);
    }
    const choice = completion.choices?.[0];
    const text = choice?.message?.content ?? '';
    const truncated = choice?.finish_reason === 'length';
    const output = truncated ? undefined : extractJsonObject(text);
    const problem = truncated
      ? 'the answer was cut off at the token limit; answer more briefly'
      : choice?.message?.refusal
        ? `the model refused: ${choice.message.refusal}`
        : output === undefined
          ? 'no JSON object in the answer'
          : undefined;
    return {
      output,
      problem,
      stopReason: choice?.finish_reason ?? 'unknown',
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
      totalTokens: completion.usage?.total_tokens ?? (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0),
      assistantTurn: text,
    };
  }
}

function httpError(response: Response, body: string): Error {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string; code?: string } };
    if (parsed.error?.message) message = `${parsed.error.code ? `${parsed.error.code}: ` : ''}${parsed.error.message}`;
  } catch {
    // Not JSON: keep the raw (truncated) body as the message.
  }
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new LlmThrottledError(`chat completions throttled (429): ${message}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
  }
  if (response.status >= 500 || response.status === 408) return new LlmUnavailableError(`chat completions HTTP ${response.status}: ${message}`);
  return new LlmRequestError(`chat completions rejected the request (HTTP ${response.status}): ${message}`);
}
