import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ContentBlock,
  type ConverseCommandOutput,
  type Message,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
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
import { LLM_SUMMARY_JSON_SCHEMA } from './summary-json-schema';

export const SUMMARY_TOOL = 'record_call_summary';

export interface BedrockConverseOptions {
  modelId: string;
  timeoutMs: number;
  maxOutputTokens: number;
}

const RETRYABLE = new Set(['ThrottlingException', 'ServiceUnavailableException', 'InternalServerException', 'ModelNotReadyException', 'ModelTimeoutException']);

/**
 * Amazon Bedrock through the Converse API. The summary comes back as the input of a forced tool
 * call (toolChoice), which Claude fills against the JSON Schema; a plain-text JSON answer is
 * accepted too. The SDK's own retries are off (maxAttempts 1 on the client): LlmSummaryProvider
 * retries with jitter and counts every attempt.
 */
export class BedrockConverseClient implements StructuredLlmClient {
  readonly provider = 'bedrock';
  readonly model: string;

  constructor(
    private readonly client: BedrockRuntimeClient,
    private readonly options: BedrockConverseOptions,
  ) {
    this.model = options.modelId;
  }

  async generate(prompt: LlmPrompt, repair?: { previous: LlmReply; feedback: string }): Promise<LlmReply> {
    const messages: Message[] = [{ role: 'user', content: [{ text: prompt.user }] }];
    if (repair) {
      const previous = repair.previous.assistantTurn as ContentBlock[];
      messages.push({ role: 'assistant', content: previous });
      const toolUse = previous.find((b) => b.toolUse)?.toolUse;
      // A tool call must be answered with its toolResult; the error status tells Claude it was rejected.
      messages.push({
        role: 'user',
        content: toolUse?.toolUseId
          ? [{ toolResult: { toolUseId: toolUse.toolUseId, status: 'error', content: [{ text: repair.feedback }] } }]
          : [{ text: repair.feedback }],
      });
    }
    let response: ConverseCommandOutput;
    try {
      response = await this.client.send(
        new ConverseCommand({
          modelId: this.options.modelId,
          system: [{ text: prompt.system }],
          messages,
          inferenceConfig: { maxTokens: this.options.maxOutputTokens, temperature: 0 },
          toolConfig: {
            tools: [
              {
                toolSpec: {
                  name: SUMMARY_TOOL,
                  description: 'Record the structured summary of the contact.',
                  inputSchema: { json: LLM_SUMMARY_JSON_SCHEMA as unknown as DocumentType },
                },
              },
            ],
            toolChoice: { tool: { name: SUMMARY_TOOL } },
          },
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
      );
    } catch (error) {
      throw classifyBedrockError(error, this.options.timeoutMs);
    }
    const content = response.output?.message?.content ?? [];
    const toolUse = content.find((b) => b.toolUse?.name === SUMMARY_TOOL)?.toolUse;
    const text = content.map((b) => b.text ?? '').join('');
    let output: unknown = toolUse ? (toolUse.input as unknown) : extractJsonObject(text);
    let problem: string | undefined;
    if (response.stopReason === 'max_tokens') problem = 'the answer was cut off at the token limit; answer more briefly';
    else if (output === undefined) problem = `no ${SUMMARY_TOOL} tool call and no JSON object in the answer`;
    if (response.stopReason === 'max_tokens' && !toolUse) output = undefined;
    return {
      output,
      problem,
      stopReason: response.stopReason ?? 'unknown',
      inputTokens: response.usage?.inputTokens ?? 0,
      outputTokens: response.usage?.outputTokens ?? 0,
      totalTokens: response.usage?.totalTokens ?? 0,
      assistantTurn: content,
    };
  }
}

export function classifyBedrockError(error: unknown, timeoutMs: number): Error {
  const name = (error as { name?: string } | null)?.name ?? '';
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  if (name === 'TimeoutError' || name === 'AbortError' || (error as { code?: string } | null)?.code === 'ETIMEDOUT') {
    return new LlmTimeoutError(`Bedrock did not answer within ${timeoutMs} ms`);
  }
  if (name === 'ThrottlingException' || status === 429) return new LlmThrottledError(`Bedrock throttled the request: ${errorMessage(error)}`);
  if (RETRYABLE.has(name) || (status !== undefined && status >= 500)) return new LlmUnavailableError(`Bedrock ${name || status}: ${errorMessage(error)}`);
  if (status !== undefined && status >= 400) return new LlmRequestError(`Bedrock rejected the request (${name || status}): ${errorMessage(error)}`);
  return new LlmUnavailableError(`Bedrock call failed: ${errorMessage(error)}`);
}
