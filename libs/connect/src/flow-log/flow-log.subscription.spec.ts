import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { sharedPath } from '../testing';
import { decodeFlowLogRecord, flowLogSubscriptionDocument } from './flow-log.subscription';
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
