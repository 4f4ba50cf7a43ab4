import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import {
  classifyIngestionMessage,
  parseAgentEvent,
  parseCloudWatchLogsSubscription,
  parseContactEvent,
  parseCtr,
  parseEventBridgeEnvelope,
  parseFlowLogEntry,
  parseJsonc,
} from './index';
import type { ParseResult } from './index';
import { readJson, readJsonLines, sharedPath } from './testing';

/**
 * Every strict-JSON file under ../shared/fixtures either goes through the parser for its format or is on the
 * explicit list of formats this lib does not own, so a new fixture cannot slip by untested.
 */
const PARSERS: Array<{ pattern: RegExp; parser: (input: unknown) => ParseResult<unknown> }> = [
  { pattern: /\/ctr-[^/]+\.json$/, parser: parseCtr },
  { pattern: /\/agent-events?-[^/]+\.jsonl?$/, parser: parseAgentEvent },
  { pattern: /\/contact-flow-log-[^/]+\.jsonl?$/, parser: parseFlowLogEntry },
  { pattern: /\/contact-event-[^/]+\.detail\.json$/, parser: parseContactEvent },
  { pattern: /\/eventbridge-contact-event-[^/]+\.json$/, parser: parseEventBridgeEnvelope },
];

/** Transcripts, Contact Lens, Transcribe and eval data belong to other libs. */
const NOT_OURS = [
  /\/contact-lens-/,
  /\/transcribe-docs\//,
  /\/aws-samples\//,
  /\/eval-dialogsum/,
  /\/eventbridge-contact-lens-/,
];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const root = sharedPath('fixtures');
const strictJsonFiles = listFiles(root).filter((f) => /\.jsonl?$/.test(f));
const ours = strictJsonFiles.filter((f) => !NOT_OURS.some((p) => p.test(f)));

describe('shared fixtures', () => {
  it('finds the fixture folder and the formats this lib owns', () => {
    expect(ours.length).toBeGreaterThanOrEqual(14);
    expect(ours.filter((f) => /\/ctr-/.test(f))).toHaveLength(9);
  });

  it.each(ours.map((f) => [path.relative(root, f), f]))(
    '%s parses with the parser for its format',
    (_name, file) => {
      // Given a fixture file this lib owns
      const entry = PARSERS.find((p) => p.pattern.test(file));
      expect(entry).toBeDefined();
      const values = file.endsWith('.jsonl') ? readJsonLines(file) : [readJson(file)];
      expect(values.length).toBeGreaterThan(0);

      // When every value in it is parsed, then none has an issue and unknown/known fields survive unchanged
      for (const value of values) {
        const result = entry!.parser(value);
        expect(result).toEqual({ ok: true, value: expect.anything() });
      }
    },
  );

  it('parses the CTR fixtures to values equal to their JSON (nothing dropped, nothing renamed)', () => {
    for (const file of ours.filter((f) => /\/ctr-/.test(f))) {
      const raw = readJson(file);
      const result = parseCtr(raw);
      expect(result.ok && result.value).toEqual(raw);
    }
  });

  it('accepts every synthetic CTR as a bare ingestion message', () => {
    for (const file of ours.filter((f) => /\/ctr-/.test(f))) {
      const result = classifyIngestionMessage(readJson(file));
      expect(result.ok && result.value.kind).toBe('ctr');
    }
  });

  it('carries the synthetic flow log through a CloudWatch Logs subscription payload', () => {
    // Given the flow-log lines as CloudWatch would deliver them
    const file = sharedPath(
      'fixtures/synthetic/contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl',
    );
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '111122223333',
      logGroup: '/aws/connect/example-corp',
      logStream: '5f0c2d7e-3b1a-4c9e-9a41-7e2d6b8c1f00',
      subscriptionFilters: ['buddie-flow-logs'],
      logEvents: lines.map((message, i) => ({
        id: String(38000000000000000000 + i),
        timestamp: 1710261602318 + i,
        message,
      })),
    };

    // When the payload and then each message are parsed
    const subscription = parseCloudWatchLogsSubscription(payload);
    expect(subscription.ok).toBe(true);
    const entries = subscription.ok
      ? subscription.value.logEvents.map((e) => parseFlowLogEntry(JSON.parse(e.message)))
      : [];

    // Then every entry is valid, in order, for the CTR-04 contact
    expect(entries).toHaveLength(16);
    expect(entries.every((e) => e.ok && e.value.ContactId === 'e7b5a6f8-9da2-43b4-8e35-f6a7b8c9da05')).toBe(
      true,
    );
    const last = entries[entries.length - 1];
    expect(last.ok && last.value.ContactFlowModuleType).toBe('GetUserInput');
    expect(last.ok && last.value.Results).toBeUndefined();
  });
});

describe('parseJsonc on the docs samples', () => {
  const jsoncFiles = listFiles(root).filter((f) => f.endsWith('.jsonc'));

  // Off only by comments (some wrapped onto the next line) or trailing commas: these must be read.
  const readable = [
    'real/connect-docs/agent-event-contact-ended-acw-start.jsonc',
    'real/connect-docs/agent-event-state-change-acw-end.jsonc',
    'real/connect-docs/eventbridge-contact-event-disconnected.jsonc',
    'real/connect-docs/contact-lens-analysis-voice-redacted.jsonc',
    'real/connect-docs/eventbridge-contact-lens-rules-matched-postcall.jsonc',
    'real/connect-docs/eventbridge-contact-lens-rules-matched-realtime.jsonc',
  ];
  // Broken in other ways (SOURCES.md): an extra brace, `...` elisions, prose annotations, a missing comma.
  const unreadable = [
    'real/connect-docs/agent-event-heartbeat-chat-and-voice.jsonc',
    'real/connect-docs/contact-lens-analysis-voice-original.jsonc',
    'real/transcribe-docs/eventbridge-call-analytics-job-state-change.jsonc',
    'real/transcribe-docs/eventbridge-transcribe-job-state-change.jsonc',
    'real/transcribe-docs/transcribe-call-analytics-output-compiled.jsonc',
    'real/transcribe-docs/transcribe-call-analytics-post-call-output.jsonc',
  ];

  it('knows every .jsonc fixture', () => {
    expect(jsoncFiles.map((f) => path.relative(root, f)).sort()).toEqual([...readable, ...unreadable].sort());
  });

  it.each(readable)('reads %s, which strict JSON.parse rejects', (name) => {
    const text = readFileSync(sharedPath('fixtures', name), 'utf8');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(parseJsonc(text)).toEqual(expect.any(Object));
  });

  it.each(unreadable)('still rejects %s rather than guessing', (name) => {
    expect(() => parseJsonc(readFileSync(sharedPath('fixtures', name), 'utf8'))).toThrow(SyntaxError);
  });

  it.each(['agent-event-contact-ended-acw-start.jsonc', 'agent-event-state-change-acw-end.jsonc'])(
    '%s is a valid agent event',
    (name) => {
      const result = parseAgentEvent(
        parseJsonc(readFileSync(sharedPath('fixtures/real/connect-docs', name), 'utf8')),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.EventType).toBe('STATE_CHANGE');
      expect(result.value.PreviousAgentSnapshot?.Contacts[0]?.ContactId).toBe('ContactId-1');
      // The wrapped comment text must not leak into values.
      expect(result.value.CurrentAgentSnapshot.AgentStatus.Name).toBe('Available');
    },
  );

  it('reads the heartbeat sample once its one extra closing brace is removed, NextAgentStatus and all', () => {
    // Given the published sample, whose CurrentAgentSnapshot is closed one brace too early after NextAgentStatus
    const text = readFileSync(
      sharedPath('fixtures/real/connect-docs/agent-event-heartbeat-chat-and-voice.jsonc'),
      'utf8',
    );
    const repaired = text.replace(/\}(\s*),(\s*"Configuration")/, '$1,$2');
    expect(repaired).not.toBe(text);

    // When it is read and parsed
    const result = parseAgentEvent(parseJsonc(repaired));

    // Then the documented shape comes out: no AgentStatus.Type, the agent's own queue with Name null
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const current = result.value.CurrentAgentSnapshot;
    expect(result.value.EventType).toBe('HEART_BEAT');
    expect(current.NextAgentStatus?.Name).toBe('Lunch');
    expect(current.AgentStatus.Type).toBeUndefined();
    expect(current.Configuration.RoutingProfile?.InboundQueues?.[0]?.Name).toBeNull();
    expect(current.Configuration.RoutingProfile?.Concurrency?.map((c) => c.Channel)).toEqual([
      'CHAT',
      'VOICE',
    ]);
  });

  it('reads the disconnected contact event envelope and classifies it, mixed key casing and "Voice" included', () => {
    const envelope = parseJsonc(
      readFileSync(
        sharedPath('fixtures/real/connect-docs/eventbridge-contact-event-disconnected.jsonc'),
        'utf8',
      ),
    );
    expect(parseEventBridgeEnvelope(envelope).ok).toBe(true);

    const result = classifyIngestionMessage(envelope);

    expect(result.ok).toBe(true);
    if (!result.ok || result.value.kind !== 'contact-event') throw new Error('expected a contact event');
    expect(result.value.event.eventType).toBe('DISCONNECTED');
    expect(result.value.event.channel).toBe('VOICE');
    expect(result.value.event.agentInfo).toEqual({
      agentArn: 'arn',
      connectedToAgentTimestamp: '2021-08-04T17:29:09.000Z',
    });
    expect(result.value.event.customerVoiceActivity?.greetingEndTimestamp).toBe('2021-08-04T17:29:22.000Z');
    expect(result.value.envelope.source).toBe('aws.connect');
  });
});
