import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { FlowLogSearchAdapter } from '../src/sources/flow-log-search.adapter';

const CONTACT = 'e7b5a6f8-9da2-43b4-8e35-f6a7b8c9da05';
const entry = (type: string, ts: string) => JSON.stringify({ ContactId: CONTACT, ContactFlowModuleType: type, Timestamp: ts, ContactFlowName: 'Main IVR' });

/**
 * A local endpoint speaking the CloudWatch Logs JSON protocol (X-Amz-Target Logs_20140328.FilterLogEvents,
 * application/x-amz-json-1.1) with the documented response: events + nextToken, and the documented
 * error body for throttling. Each request takes the next scripted reply.
 */
function logsEndpoint(replies: { status: number; body: unknown }[]): Promise<{ server: Server; url: string; requests: Record<string, unknown>[] }> {
  const requests: Record<string, unknown>[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      expect(req.headers['x-amz-target']).toBe('Logs_20140328.FilterLogEvents');
      requests.push(JSON.parse(body) as Record<string, unknown>);
      const reply = replies.shift() ?? { status: 500, body: { __type: 'ServiceUnavailableException', message: 'script ran out' } };
      res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `r-${requests.length}` });
      res.end(JSON.stringify(reply.body));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

const client = (url: string) =>
  new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1, requestHandler: new NodeHttpHandler() });

describe('FlowLogSearchAdapter (FilterLogEvents)', () => {
  it('given an empty page that still has a nextToken and a throttled call, then it keeps paging and returns every entry of the contact', async () => {
    const { server, url, requests } = await logsEndpoint([
      { status: 200, body: { events: [{ logStreamName: 's1', timestamp: 1, ingestionTime: 2, eventId: 'e1', message: entry('SetLoggingBehavior', '2024-03-12T16:40:02.318Z') }], nextToken: 't1', searchedLogStreams: [] } },
      { status: 200, body: { events: [], nextToken: 't2', searchedLogStreams: [] } },
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
      { status: 200, body: { events: [{ logStreamName: 's2', timestamp: 3, ingestionTime: 4, eventId: 'e2', message: entry('PlayPrompt', '2024-03-12T16:40:06.944Z') }, { logStreamName: 's2', timestamp: 5, ingestionTime: 6, eventId: 'e3', message: 'not json' }] } },
    ]);
    const waits: number[] = [];
    const adapter = new FlowLogSearchAdapter(client(url), { logGroupName: '/aws/connect/example', sleep: async (ms) => void waits.push(ms) });
    try {
      const result = await adapter.entriesOf(CONTACT, { from: new Date('2024-03-12T16:00:00Z'), to: new Date('2024-03-12T18:00:00Z') });
      expect(result.entries.map((e) => e.ContactFlowModuleType)).toEqual(['SetLoggingBehavior', 'PlayPrompt']);
      expect(result).toMatchObject({ invalid: 1, pages: 3, truncated: false });
      expect(waits).toHaveLength(1);
      expect(requests[0]).toEqual({ logGroupName: '/aws/connect/example', filterPattern: `{ $.ContactId = "${CONTACT}" }`, startTime: Date.parse('2024-03-12T16:00:00Z'), endTime: Date.parse('2024-03-12T18:00:00Z') });
      expect(requests.slice(1).map((r) => r.nextToken)).toEqual(['t1', 't2', 't2']);
    } finally {
      server.close();
    }
  });

  it('given a non-throttling error, then it is not retried', async () => {
    const { server, url, requests } = await logsEndpoint([{ status: 400, body: { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' } }]);
    const adapter = new FlowLogSearchAdapter(client(url), { logGroupName: '/aws/connect/missing', sleep: async () => undefined });
    try {
      await expect(adapter.entriesOf(CONTACT, { from: new Date(0), to: new Date(1) })).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      expect(requests).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('given a hostile contact id, then it never reaches the filter pattern', async () => {
    const adapter = new FlowLogSearchAdapter(client('http://127.0.0.1:9'), { logGroupName: 'g' });
    await expect(adapter.entriesOf('x" } || { $.a = "', { from: new Date(0), to: new Date(1) })).rejects.toThrow('not a contact id');
  });
});
