/**
 * A stand-in EventBridge endpoint for benchmarks: accepts PutEvents like the real API and records
 * when each entry arrived, so a benchmark can time "input -> event published" without touching the
 * app under test.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEvent {
  detailType: string;
  correlationId?: string;
  receivedAt: number;
}

export class PutEventsSink {
  readonly received: ReceivedEvent[] = [];
  private server?: Server;

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const receivedAt = Date.now();
        let entries: { DetailType?: string; Detail?: string }[] = [];
        try {
          entries = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: typeof entries }).Entries ?? [];
        } catch {
          response.writeHead(400).end();
          return;
        }
        for (const entry of entries) {
          let correlationId: string | undefined;
          try {
            correlationId = (JSON.parse(entry.Detail ?? '{}') as { correlationId?: string }).correlationId;
          } catch {
            correlationId = undefined;
          }
          this.received.push({ detailType: entry.DetailType ?? '', correlationId, receivedAt });
        }
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: randomUUID() })) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
