import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { renderTranscript, validateCallSummary, type Transcript } from '@buddie/domain';
import { ScriptedHttpServer } from '../../test/scripted-http-server';
import { BedrockConverseClient, SUMMARY_TOOL } from './bedrock-converse.client';
import { LlmInvalidOutputError, LlmRequestError, LlmThrottledError, LlmTimeoutError, extractJsonObject } from './llm-client';
import { LlmSummaryProvider } from './llm-summary.provider';
import { OpenAiChatClient } from './openai-chat.client';

const NOW = new Date('2024-03-12T14:30:00.000Z');
const CONTEXT = { contactId: 'c-1', now: NOW };

const transcript: Transcript = {
  contactId: 'c-1',
  source: 'connect-chat',
  channel: 'CHAT',
  redacted: true,
  turns: [
    { id: 'a', role: 'AGENT', beginMs: 0, endMs: 1000, text: 'Hi, how can I help?' },
    { id: 'b', role: 'CUSTOMER', beginMs: 1000, endMs: 2000, text: 'I was charged twice, my card is [CREDIT_DEBIT_NUMBER].' },
    { id: 'c', role: 'AGENT', beginMs: 2000, endMs: 3000, text: 'I refunded the duplicate charge. You will get an email today.' },
    { id: 'd', role: 'CUSTOMER', beginMs: 3000, endMs: 4000, text: 'Great, thanks.' },
  ],
};

const modelSummary = {
  headline: 'Billing: duplicate charge refunded',
  reason: 'Customer was charged twice.',
  actionsTaken: ['Refunded the duplicate charge'],
  outcome: 'follow-up-needed',
  followUps: [{ action: 'Send confirmation email', owner: 'team', due: 'today' }],
  sentiment: { start: 'negative', end: 'positive' },
  agentNotes: [],
  topics: ['billing'],
  escalation: { recommended: false },
};

/** The Converse response body as documented: output.message.content[], stopReason, usage, metrics. */
const converseToolUse = (input: unknown, usage = { inputTokens: 812, outputTokens: 164, totalTokens: 976 }) => ({
  body: {
    output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_kZJMlvQmRJ6eAyJE5GIl7Q', name: SUMMARY_TOOL, input } }] } },
    stopReason: 'tool_use',
    usage,
    metrics: { latencyMs: 1873 },
  },
});
const converseText = (text: string) => ({
  body: {
    output: { message: { role: 'assistant', content: [{ text }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 700, outputTokens: 150, totalTokens: 850 },
    metrics: { latencyMs: 1500 },
  },
});
const bedrockThrottle = {
  status: 429,
  headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/', 'x-amzn-requestid': 'b7d1c6a0-0000-4000-8000-000000000000' },
  body: { message: 'Too many requests, please wait before trying again.' },
};

/** chat.completions as documented, and its 429 error body. */
const chatCompletion = (content: string, finish = 'stop') => ({
  body: {
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    object: 'chat.completion',
    created: 1741569952,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finish }],
    usage: { prompt_tokens: 640, completion_tokens: 120, total_tokens: 760 },
    system_fingerprint: 'fp_06737a9306',
  },
});
const openAiThrottle = {
  status: 429,
  headers: { 'retry-after': '2' },
  body: {
    error: {
      message: 'Rate limit reached for gpt-4o-mini in organization org-123 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
      type: 'requests',
      param: null,
      code: 'rate_limit_exceeded',
    },
  },
};

describe('LLM summary providers against local servers speaking the documented APIs', () => {
  const server = new ScriptedHttpServer();
  let url: string;
  let delays: number[];
  const retry = () => ({ maxAttempts: 3, baseDelayMs: 100, random: () => 0.5, sleep: (ms: number) => (delays.push(ms), Promise.resolve()) });

  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.reset();
    delays = [];
  });

  const bedrock = (timeoutMs = 2000, chunkChars = 40000) => {
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: timeoutMs }),
    });
    return new LlmSummaryProvider(new BedrockConverseClient(client, { modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', timeoutMs, maxOutputTokens: 1000 }), {
      chunkChars,
      retry: retry(),
    });
  };
  const openai = (timeoutMs = 2000) =>
    new LlmSummaryProvider(new OpenAiChatClient({ baseUrl: `${url}/v1`, apiKey: 'sk-test', model: 'gpt-4o-mini', timeoutMs, maxOutputTokens: 1000 }), {
      chunkChars: 40000,
      retry: retry(),
    });

  describe('Bedrock Converse', () => {
    it('given a tool-use answer, then the summary is schema-valid, stamped by Buddie and its token usage recorded', async () => {
      server.respond(converseToolUse(modelSummary));
      const { summary, usage } = await bedrock().summarize(transcript, CONTEXT);

      expect(validateCallSummary(summary).ok).toBe(true);
      expect(summary).toEqual({ ...modelSummary, contactId: 'c-1', provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', createdAt: NOW.toISOString() });
      expect(usage).toEqual({ inputTokens: 812, outputTokens: 164, totalTokens: 976, calls: 1 });
      const request = server.requests[0];
      expect(request.method).toBe('POST');
      expect(decodeURIComponent(request.url)).toBe('/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse');
      const body = request.body as { toolConfig: { toolChoice: unknown }; messages: { content: { text: string }[] }[] };
      expect(body.toolConfig.toolChoice).toEqual({ tool: { name: SUMMARY_TOOL } });
      // The redacted transcript is what reaches the model; the marker survives, nothing else is added.
      expect(body.messages[0].content[0].text).toContain(renderTranscript(transcript));
    });

    it('given a plain-text answer with fenced JSON, then it is accepted', async () => {
      server.respond(converseText(`Here is the summary:\n\`\`\`json\n${JSON.stringify(modelSummary)}\n\`\`\``));
      const { summary } = await bedrock().summarize(transcript, CONTEXT);
      expect(summary.headline).toBe(modelSummary.headline);
    });

    it('given ThrottlingException twice, then it retries with jittered backoff and succeeds', async () => {
      server.respond(bedrockThrottle, bedrockThrottle, converseToolUse(modelSummary));
      const { summary, usage } = await bedrock().summarize(transcript, CONTEXT);
      expect(summary.outcome).toBe('follow-up-needed');
      expect(server.requests).toHaveLength(3);
      // full jitter with random()=0.5: half of 100 ms, then half of 200 ms
      expect(delays).toEqual([50, 100]);
      expect(usage.calls).toBe(1);
    });

    it('given throttling on every attempt, then a transient LlmThrottledError after the bound', async () => {
      server.respond(bedrockThrottle, bedrockThrottle, bedrockThrottle, converseToolUse(modelSummary));
      await expect(bedrock().summarize(transcript, CONTEXT)).rejects.toBeInstanceOf(LlmThrottledError);
      expect(server.requests).toHaveLength(3);
    });

    it('given an answer slower than the timeout, then the call is abandoned and retried', async () => {
      server.respond({ ...converseToolUse(modelSummary), delayMs: 1500 }, converseToolUse(modelSummary));
      const { summary } = await bedrock(300).summarize(transcript, CONTEXT);
      expect(summary.headline).toBe(modelSummary.headline);
      expect(server.requests).toHaveLength(2);
      // The slow answer was given up on (the client hung up before it came), not waited for.
      expect(server.abandoned).toBe(1);
    });

    it('given only slow answers, then LlmTimeoutError', async () => {
      server.respond(...[1, 2, 3].map(() => ({ ...converseToolUse(modelSummary), delayMs: 1000 })));
      await expect(bedrock(200).summarize(transcript, CONTEXT)).rejects.toBeInstanceOf(LlmTimeoutError);
    });

    it('given invalid output, then one repair retry quotes the issues in a toolResult and the fixed answer is used', async () => {
      server.respond(converseToolUse({ ...modelSummary, outcome: 'done', sentiment: { start: 'happy', end: 'positive' } }), converseToolUse(modelSummary));
      const { summary, usage } = await bedrock().summarize(transcript, CONTEXT);
      expect(summary.outcome).toBe('follow-up-needed');
      expect(usage).toEqual({ inputTokens: 1624, outputTokens: 328, totalTokens: 1952, calls: 2 });
      const repair = server.requests[1].body as { messages: { role: string; content: Record<string, { toolUseId?: string; status?: string; content?: { text: string }[] }>[] }[] };
      expect(repair.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      const toolResult = repair.messages[2].content[0].toolResult!;
      expect(toolResult.toolUseId).toBe('tooluse_kZJMlvQmRJ6eAyJE5GIl7Q');
      expect(toolResult.status).toBe('error');
      expect(toolResult.content![0].text).toMatch(/outcome: must be one of/);
      expect(toolResult.content![0].text).toMatch(/sentiment\.start/);
    });

    it('given invalid output twice, then a permanent LlmInvalidOutputError (no third call)', async () => {
      server.respond(converseText('I cannot summarize this.'), converseToolUse({ headline: 'x' }));
      const error = await bedrock().summarize(transcript, CONTEXT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmInvalidOutputError);
      expect((error as LlmInvalidOutputError).permanent).toBe(true);
      expect(server.requests).toHaveLength(2);
    });

    it('given a validation error (bad model id), then a permanent error without retries', async () => {
      server.respond({ status: 400, headers: { 'x-amzn-errortype': 'ValidationException' }, body: { message: 'The provided model identifier is invalid.' } });
      await expect(bedrock().summarize(transcript, CONTEXT)).rejects.toBeInstanceOf(LlmRequestError);
      expect(server.requests).toHaveLength(1);
    });

    it('given a transcript longer than the chunk budget, then every chunk is summarized and merged, nothing truncated', async () => {
      const long: Transcript = {
        ...transcript,
        turns: Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, role: i % 2 ? 'CUSTOMER' : 'AGENT', beginMs: i * 1000, endMs: i * 1000 + 900, text: `Sentence number ${i} about the order.` })),
      } as Transcript;
      const chunkChars = 300;
      const chunkCount = Math.ceil(renderTranscript(long).length / chunkChars) + 2;
      server.respond(...Array.from({ length: chunkCount + 5 }, () => converseToolUse(modelSummary)));
      const { usage } = await bedrock(2000, chunkChars).summarize(long, CONTEXT);

      const prompts = server.requests.map((r) => (r.body as { messages: { content: { text: string }[] }[] }).messages[0].content[0].text);
      const chunkPrompts = prompts.slice(0, -1);
      expect(chunkPrompts.length).toBeGreaterThan(1);
      expect(prompts[prompts.length - 1]).toMatch(/^These are summaries of \d+ consecutive parts/);
      for (const turn of long.turns) expect(chunkPrompts.some((p) => p.includes(turn.text))).toBe(true);
      expect(usage.calls).toBe(prompts.length);
    });
  });

  describe('OpenAI-compatible chat completions', () => {
    it('given a JSON answer, then a valid summary with usage, sent as JSON mode with the bearer key', async () => {
      server.respond(chatCompletion(JSON.stringify(modelSummary)));
      const { summary, usage } = await openai().summarize(transcript, CONTEXT);
      expect(summary).toMatchObject({ ...modelSummary, provider: 'openai-compatible', model: 'gpt-4o-mini' });
      expect(usage).toEqual({ inputTokens: 640, outputTokens: 120, totalTokens: 760, calls: 1 });
      expect(server.requests[0].url).toBe('/v1/chat/completions');
      expect(server.requests[0].headers.authorization).toBe('Bearer sk-test');
      expect((server.requests[0].body as { response_format: unknown }).response_format).toEqual({ type: 'json_object' });
    });

    it('given 429 rate_limit_exceeded with Retry-After, then it waits at least that long and retries', async () => {
      server.respond(openAiThrottle, chatCompletion(JSON.stringify(modelSummary)));
      const { summary } = await openai().summarize(transcript, CONTEXT);
      expect(summary.topics).toEqual(['billing']);
      expect(delays).toEqual([2000]);
    });

    it('given a timeout on every attempt, then LlmTimeoutError', async () => {
      server.respond(...[1, 2, 3].map(() => ({ ...chatCompletion('{}'), delayMs: 800 })));
      await expect(openai(150).summarize(transcript, CONTEXT)).rejects.toBeInstanceOf(LlmTimeoutError);
      expect(server.requests).toHaveLength(3);
    });

    it('given malformed output then a truncated one, then one repair attempt and a permanent error', async () => {
      server.respond(chatCompletion('{"headline": "Billing", "outcome": '), chatCompletion('{"headline": "Billing"', 'length'));
      const error = await openai().summarize(transcript, CONTEXT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmInvalidOutputError);
      const repair = server.requests[1].body as { messages: { role: string; content: string }[] };
      expect(repair.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
      expect(repair.messages[3].content).toMatch(/no JSON object/);
    });

    it('given a wrong-typed field, then the repair answer is validated and used', async () => {
      server.respond(chatCompletion(JSON.stringify({ ...modelSummary, topics: 'billing' })), chatCompletion(JSON.stringify(modelSummary)));
      const { summary, usage } = await openai().summarize(transcript, CONTEXT);
      expect(summary.topics).toEqual(['billing']);
      expect(usage.calls).toBe(2);
    });
  });

  it('extractJsonObject finds the first balanced object, braces inside strings included', () => {
    expect(extractJsonObject('ok {"a": "x}y", "b": {"c": 1}} trailing')).toEqual({ a: 'x}y', b: { c: 1 } });
    expect(extractJsonObject('no json here')).toBeUndefined();
  });
});
