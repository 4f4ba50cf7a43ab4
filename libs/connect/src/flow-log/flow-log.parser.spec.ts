import { gzipSync } from 'node:zlib';
import { decodeCloudWatchLogsData, parseCloudWatchLogsSubscription, parseFlowLogEntry } from '../index';
import { readJson, sharedPath } from '../testing';

const setQueue = () =>
  readJson(sharedPath('fixtures/real/connect-docs/contact-flow-log-setqueue.json')) as Record<
    string,
    unknown
  >;

describe('parseFlowLogEntry', () => {
  it('reads the docs sample, which has only the documented fields', () => {
    const result = parseFlowLogEntry(setQueue());

    expect(result.ok && result.value.ContactFlowModuleType).toBe('SetQueue');
    expect(result.ok && result.value.Results).toBeUndefined();
  });

  it('accepts a module type it has never heard of', () => {
    expect(parseFlowLogEntry({ ...setQueue(), ContactFlowModuleType: 'InvokeFlowModule' }).ok).toBe(true);
  });

  it.each([
    ['ContactId', undefined, 'is required'],
    ['ContactFlowModuleType', '', 'must not be empty'],
    ['Timestamp', '2021-04-13 00:14:31', expect.stringContaining("got '2021-04-13 00:14:31'")],
    ['Parameters', 'Queue=x', "must be an object, got 'Queue=x'"],
    ['Results', 3, 'must be a string, got number 3'],
  ])('rejects a bad %s', (key, value, message) => {
    expect(parseFlowLogEntry({ ...setQueue(), [key]: value })).toEqual({
      ok: false,
      issues: [{ path: key, message }],
    });
  });
});

describe('parseCloudWatchLogsSubscription', () => {
  const control = {
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [
      {
        id: '',
        timestamp: 1710261602318,
        message: 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.',
      },
    ],
  };

  it('accepts a CONTROL_MESSAGE with its empty group and stream', () => {
    expect(
      parseCloudWatchLogsSubscription({ ...control, logEvents: [{ ...control.logEvents[0], id: '1' }] }).ok,
    ).toBe(true);
  });

  it('rejects an unknown messageType and a bad log event, naming both', () => {
    const result = parseCloudWatchLogsSubscription({
      ...control,
      messageType: 'DATA',
      logEvents: [{ id: '1', timestamp: '1710261602318', message: 'x' }],
    });

    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'messageType', message: "must be one of DATA_MESSAGE, CONTROL_MESSAGE; got 'DATA'" },
        { path: 'logEvents[0].timestamp', message: "must be a non-negative integer, got '1710261602318'" },
      ],
    });
  });

  it('decodes the base64 gzip form CloudWatch delivers', () => {
    const payload = {
      ...control,
      messageType: 'DATA_MESSAGE',
      logGroup: '/aws/connect/example',
      logStream: 's',
      logEvents: [{ id: '1', timestamp: 1, message: JSON.stringify(setQueue()) }],
    };
    const wire = gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64');

    const result = parseCloudWatchLogsSubscription(decodeCloudWatchLogsData(wire));

    expect(result.ok && parseFlowLogEntry(JSON.parse(result.value.logEvents[0].message)).ok).toBe(true);
    expect(() => decodeCloudWatchLogsData(Buffer.from('plain').toString('base64'))).toThrow();
  });
});
