import { chunkTranscript, renderTranscript, validateCallSummary, type CallSummary, type FieldIssue, type Transcript } from '@buddie/domain';
import type { TokenUsage } from '@buddie/persistence';
import { isRetryableLlmError, LlmInvalidOutputError, type LlmPrompt, type LlmReply, type StructuredLlmClient } from './llm-client';
import { withRetries, type RetryOptions } from './retry';
import { LLM_SUMMARY_FIELDS, LLM_SUMMARY_JSON_SCHEMA } from './summary-json-schema';
import { addUsage, NO_USAGE, type ProviderSummary, type SummaryContext, type SummaryProvider } from './summary-provider';
import { LlmThrottledError } from './llm-client';

export interface LlmSummaryOptions {
  /** Rendered transcript characters per call; longer transcripts are summarized per chunk, then merged. */
  chunkChars: number;
  retry: Pick<RetryOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'random' | 'sleep' | 'onRetry'>;
}

const SYSTEM = [
  'You summarize customer-service contacts (phone calls and chats) for a contact-center supervisor.',
  'The transcript is already redacted: keep markers such as [PII], [NAME], [CREDIT_DEBIT_NUMBER] as they are and never guess what they hide.',
  'Lines start with the speaker role (AGENT, CUSTOMER, SYSTEM; UNKNOWN where the recording did not say who spoke).',
  'Answer with exactly one JSON object and nothing else, matching this JSON Schema:',
  JSON.stringify(LLM_SUMMARY_JSON_SCHEMA),
  'outcome: resolved when the issue was fixed in the contact; follow-up-needed when someone still has to act; unresolved otherwise.',
  'escalation.recommended: true when a supervisor should look at this contact (angry customer, unresolved complaint, legal or cancellation threat); give the reason.',
].join('\n');

/**
 * Summaries from a chat model (Bedrock, OpenAI-compatible): schema-validated, one repair retry on
 * invalid output, throttling/timeouts retried with jittered backoff, token usage summed over every
 * call. Transcripts longer than the chunk budget are summarized hierarchically (each chunk, then a
 * merge of the partial summaries) instead of being truncated.
 */
export class LlmSummaryProvider implements SummaryProvider {
  readonly name: string;
  readonly model: string;

  constructor(
    private readonly client: StructuredLlmClient,
    private readonly options: LlmSummaryOptions,
  ) {
    this.name = client.provider;
    this.model = client.model;
  }

  async summarize(transcript: Transcript, context: SummaryContext): Promise<ProviderSummary> {
    const rendered = renderTranscript(transcript);
    if (rendered.length <= this.options.chunkChars) {
      return this.ask({ system: SYSTEM, user: `Summarize this ${describe(transcript)}:\n\n${rendered}` }, context);
    }
    const chunks = chunkTranscript(transcript, this.options.chunkChars);
    let usage: TokenUsage = { ...NO_USAGE };
    const partials: CallSummary[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const part = await this.ask(
        {
          system: SYSTEM,
          user: `This is part ${i + 1} of ${chunks.length} of one ${describe(transcript)}. Summarize only this part; the outcome is what stands at the end of this part.\n\n${renderTranscript(chunk)}`,
        },
        context,
      );
      partials.push(part.summary);
      usage = addUsage(usage, part.usage);
    }
    const merged = await this.ask(
      {
        system: SYSTEM,
        user:
          `These are summaries of ${partials.length} consecutive parts of one ${describe(transcript)}, in order. ` +
          'Merge them into one summary of the whole contact: the reason comes from the start, the outcome and the final sentiment from the end; keep every action and follow-up that still applies.\n\n' +
          JSON.stringify(partials.map((p) => pick(p)), null, 1),
      },
      context,
    );
    return { summary: merged.summary, usage: addUsage(usage, merged.usage) };
  }

  private async ask(prompt: LlmPrompt, context: SummaryContext): Promise<ProviderSummary> {
    let usage: TokenUsage = { ...NO_USAGE };
    const call = async (repair?: { previous: LlmReply; feedback: string }) => {
      const reply = await withRetries(() => this.client.generate(prompt, repair), {
        ...this.options.retry,
        retryable: isRetryableLlmError,
        requestedDelayMs: (e) => (e instanceof LlmThrottledError ? e.retryAfterMs : undefined),
      });
      usage = addUsage(usage, { inputTokens: reply.inputTokens, outputTokens: reply.outputTokens, totalTokens: reply.totalTokens, calls: 1 });
      return reply;
    };
    const first = await call();
    const checked = this.check(first, context);
    if (checked.ok) return { summary: checked.value, usage };
    const second = await call({ previous: first, feedback: repairFeedback(checked.issues) });
    const repaired = this.check(second, context);
    if (repaired.ok) return { summary: repaired.value, usage };
    throw new LlmInvalidOutputError(
      `${this.name} returned an invalid summary twice for contact ${context.contactId}: ${repaired.issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`,
      { issues: repaired.issues, usage },
    );
  }

  private check(reply: LlmReply, context: SummaryContext): { ok: true; value: CallSummary } | { ok: false; issues: FieldIssue[] } {
    if (reply.output === undefined || reply.output === null || typeof reply.output !== 'object' || Array.isArray(reply.output)) {
      return { ok: false, issues: [{ path: '', message: reply.problem ?? 'the answer must be one JSON object' }] };
    }
    const fields = reply.output as Record<string, unknown>;
    const candidate = {
      contactId: context.contactId,
      ...Object.fromEntries(LLM_SUMMARY_FIELDS.filter((k) => k in fields).map((k) => [k, fields[k]])),
      provider: this.name,
      model: this.model,
      createdAt: context.now.toISOString(),
    };
    return validateCallSummary(candidate);
  }
}

function describe(transcript: Transcript): string {
  return transcript.channel === 'CHAT' ? 'chat' : 'phone call';
}

function pick(summary: CallSummary): Record<string, unknown> {
  return Object.fromEntries(LLM_SUMMARY_FIELDS.map((k) => [k, summary[k]]));
}

export function repairFeedback(issues: FieldIssue[]): string {
  return (
    'Your answer does not match the schema. Fix these problems and answer again with the complete JSON object only:\n' +
    issues.map((i) => `- ${i.path || '(root)'}: ${i.message}`).join('\n')
  );
}
