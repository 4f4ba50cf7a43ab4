import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../testing';
import { decodeFlowLogRecord, flowLogSubscriptionDocument, MAX_FLOW_LOG_ENTRY_CHARS, MAX_FLOW_LOG_ENTRY_DEPTH, readFlowLogMessage } from './flow-log.subscription';
import type { FlowLogEntry } from './flow-log.types';

const entries = (): FlowLogEntry[] =>
  readFileSync(sharedPath('fixtures/synthetic/contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FlowLogEntry);
const gz = (value: unknown): Uint8Array => gzipSync(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeFlowLogRecord', () => {
  it('given a DATA_MESSAGE as a subscription writes it to Kinesis, then every entry comes back', () => {
    const decoded = decodeFlowLogRecord(gz(flowLogSubscriptionDocument(entries())));
    expect(decoded.kind).toBe('data');
    if (decoded.kind !== 'data') return;
    expect(decoded.entries).toHaveLength(16);
    expect(decoded.entries[7]).toMatchObject({ ContactFlowModuleType: 'GetUserInput', Results: 'Timeout' });
    expect(decoded.rejected).toEqual([]);
  });

  it('given the CONTROL_MESSAGE CloudWatch sends when a subscription is created (empty id), then it is skipped', () => {
    const control = { messageType: 'CONTROL_MESSAGE', owner: 'CloudwatchLogs', logGroup: '', logStream: '', subscriptionFilters: [], logEvents: [{ id: '', timestamp: 1710261602318, message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.' }] };
    expect(decodeFlowLogRecord(gz(control))).toEqual({ kind: 'control' });
  });

  it('given one malformed line among good ones, then only that line is rejected, with its event id and why', () => {
    const document = flowLogSubscriptionDocument(entries().slice(0, 3)) as { logEvents: { id: string; message: string }[] };
    document.logEvents[1].message = '{"ContactId": "x", "Timestamp": "yesterday"';
    document.logEvents.push({ ...document.logEvents[0], id: 'e-4', message: JSON.stringify({ ContactId: 'e7b5a6f8-9da2-43b4-8e35-f6a7b8c9da05', Timestamp: 'yesterday', ContactFlowModuleType: 'PlayPrompt' }) });
    const decoded = decodeFlowLogRecord(gz(document));
    if (decoded.kind !== 'data') throw new Error(`expected data, got ${decoded.kind}`);
    expect(decoded.entries.map((e) => e.ContactFlowModuleType)).toEqual(['SetLoggingBehavior', 'CheckHoursOfOperation']);
    expect(decoded.rejected).toEqual([
      expect.objectContaining({ reason: 'invalid-message-json', logEventId: document.logEvents[1].id, sample: '{"ContactId": "x", "Timestamp": "yesterday"' }),
      expect.objectContaining({ reason: 'invalid-flow-log-entry', logEventId: 'e-4', detail: expect.stringContaining('Timestamp') }),
    ]);
  });

  it.each([
    ['a raw (not gzipped) entry', new TextEncoder().encode(JSON.stringify(entries()[0])), 'not-gzip'],
    ['truncated gzip', gz(flowLogSubscriptionDocument(entries())).subarray(0, 40), 'not-gzip'],
    ['gzip of something that is not JSON', gz('hello'), 'not-json'],
    ['an unknown messageType', gz({ ...flowLogSubscriptionDocument(entries()), messageType: 'OTHER' }), 'invalid-subscription'],
    ['a gzip bomb', gzipSync(Buffer.alloc(9 * 1024 * 1024, 32)), 'too-large'],
  ])('given %s, then the record is rejected as %s', (_name, data, reason) => {
    const decoded = decodeFlowLogRecord(data);
    expect(decoded).toEqual({ kind: 'rejected', rejection: expect.objectContaining({ reason }) });
  });
});

describe('readFlowLogMessage', () => {
  const entry = (): FlowLogEntry => entries()[3];
  const nested = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { Leaf: 'x' };
    for (let i = 1; i < levels; i++) value = { [`L${i}`]: value };
    return value;
  };

  it.each([
    ['the docs sample (only the documented fields)', readFileSync(sharedPath('fixtures/real/connect-docs/contact-flow-log-setqueue.json'), 'utf8')],
    ...entries().map((e, i) => [`synthetic ctr-04 line ${i + 1} (${e.ContactFlowModuleType})`, JSON.stringify(e)] as [string, string]),
    ['a module type nobody listed', JSON.stringify({ ...entry(), ContactFlowModuleType: 'InvokeFlowModule' })],
    ['null optional fields (a hang-up: no Results, no ExternalResults)', JSON.stringify({ ...entry(), Results: null, ExternalResults: null, Identifier: null })],
    ['numbers as strings in Parameters and a nested Lambda Parameters map', JSON.stringify({ ...entry(), Parameters: { TimeLimit: '8', Parameters: { accountType: 'retail', attempts: { max: '3' } } } })],
    ['a Lex input with a bot alias', JSON.stringify({ ...entry(), ContactFlowModuleType: 'GetUserInput', Parameters: { BotAlias: 'prod', Parameter: { LexVersion: 'V2' } }, Results: 'CheckBalance' })],
    ['nesting right at the limit', JSON.stringify({ ...entry(), Parameters: nested(MAX_FLOW_LOG_ENTRY_DEPTH - 1) })],
  ])('given %s, then it is an entry', (_name, text) => {
    expect(readFlowLogMessage(text)).toMatchObject({ ok: true });
  });

  it.each([
    ['an entry nested one level deeper than the limit', JSON.stringify({ ...entry(), Parameters: nested(MAX_FLOW_LOG_ENTRY_DEPTH) }), 'entry-too-deep'],
    ['an array bomb', `{"ContactId":"e7b5a6f8-9da2-43b4-8e35-f6a7b8c9da05","ContactFlowModuleType":"PlayPrompt","Timestamp":"2024-03-12T16:40:02.318Z","Parameters":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}`, 'entry-too-deep'],
    ['an oversized entry', JSON.stringify({ ...entry(), Parameters: { Text: 'x'.repeat(MAX_FLOW_LOG_ENTRY_CHARS) } }), 'entry-too-large'],
    ['JSON that is not a flow log entry', '{"level":"INFO","msg":"hello"}', 'invalid-flow-log-entry'],
    ['text that is not JSON', 'START RequestId: 1b2c', 'invalid-message-json'],
  ])('given %s, then it is refused as %s with a reason', (_name, text, reason) => {
    const read = readFlowLogMessage(text);
    expect(read).toEqual({ ok: false, reason, detail: expect.any(String) });
    expect(read.ok || read.detail.length > 0).toBe(true);
  });
});

describe('decodeFlowLogRecord (base64 forms)', () => {
  it('given the base64 text of the gzip (as Firehose or a forwarding Lambda writes it), then every entry comes back', () => {
    const base64 = Buffer.from(gz(flowLogSubscriptionDocument(entries()))).toString('base64');
    const decoded = decodeFlowLogRecord(new TextEncoder().encode(base64));
    expect(decoded.kind === 'data' && decoded.entries).toHaveLength(16);
  });

  it('given base64 of gzip with a corrupted character, then it is rejected as not-base64', () => {
    const base64 = Buffer.from(gz(flowLogSubscriptionDocument(entries()))).toString('base64');
    const broken = `${base64.slice(0, 20)}%${base64.slice(21)}`;
    expect(decodeFlowLogRecord(new TextEncoder().encode(broken))).toEqual({ kind: 'rejected', rejection: expect.objectContaining({ reason: 'not-base64' }) });
  });

  it('given an oversized or too deep line among good ones, then only that line is rejected', () => {
    const document = flowLogSubscriptionDocument(entries().slice(0, 2)) as { logEvents: { id: string; message: string }[] };
    document.logEvents.push({ ...document.logEvents[0], id: 'deep', message: JSON.stringify({ ...entries()[2], Parameters: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } }) });
    const decoded = decodeFlowLogRecord(gz(document));
    if (decoded.kind !== 'data') throw new Error(`expected data, got ${decoded.kind}`);
    expect(decoded.entries).toHaveLength(2);
    expect(decoded.rejected).toEqual([expect.objectContaining({ reason: 'entry-too-deep', logEventId: 'deep' })]);
  });
});

describe('decodeFlowLogRecord (what the DLQ gets to see)', () => {
  it('given malformed lines holding a keyed-in card number, then neither the sample nor the reason quotes its digits', () => {
    const card = '4111 1111 1111 1111';
    const line = { ContactId: entries()[0].ContactId, ContactFlowModuleType: 'StoreUserInput', Results: card.replace(/ /g, ''), Timestamp: entries()[11].Timestamp, Parameters: { Text: 'Please enter your card number.' } };
    const document = flowLogSubscriptionDocument(entries().slice(0, 1)) as { logEvents: { id: string; message: string }[] };
    document.logEvents.push({ ...document.logEvents[0], id: 'truncated', message: JSON.stringify(line).slice(0, -3) });
    document.logEvents.push({ ...document.logEvents[0], id: 'bad-field', message: JSON.stringify({ ...line, Timestamp: card }) });
    document.logEvents.push({ ...document.logEvents[0], id: 'too-deep', message: JSON.stringify({ ...line, Parameters: { a: { b: { c: { d: { e: { f: { g: { h: card } } } } } } } } }) });
    const decoded = decodeFlowLogRecord(gz(document));
    if (decoded.kind !== 'data') throw new Error(`expected data, got ${decoded.kind}`);
    expect(decoded.rejected.map((r) => r.reason)).toEqual(['invalid-message-json', 'invalid-flow-log-entry', 'entry-too-deep']);
    for (const rejection of decoded.rejected) {
      expect(rejection.sample?.length).toBeLessThan(300);
      expect(JSON.stringify(rejection)).not.toMatch(/4111|1111 1111/);
      expect(rejection.sample).toContain('StoreUserInput');
    }
    expect(decoded.rejected[1].detail).toContain('Timestamp');
  });

  it('given a record that is not gzip and quotes an account number, then its sample stars the digits', () => {
    const decoded = decodeFlowLogRecord(new TextEncoder().encode('{"account":"123-456-789","note":"call 3 back"}'));
    expect(decoded).toEqual({ kind: 'rejected', rejection: expect.objectContaining({ reason: 'not-gzip', sample: '{"account":"***-***-***","note":"call 3 back"}' }) });
  });
});
