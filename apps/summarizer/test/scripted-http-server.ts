import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Answer only after this long (for timeout tests). */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/**
 * A local HTTP server that answers each request with the next scripted response, exactly as the
 * real API documents its bodies, and records what it was sent. Stands in for Bedrock and
 * OpenAI-compatible endpoints in the provider tests.
 */
export class ScriptedHttpServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests whose client hung up before the scripted answer went out (a timeout took effect). */
  abandoned = 0;
  private script: ScriptedResponse[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = raw;
        try {
          body = JSON.parse(raw);
        } catch {
          // keep the raw text
        }
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        res.on('close', () => {
          if (!res.writableEnded) this.abandoned++;
        });
        const next = this.script.shift() ?? { status: 500, body: { message: 'no scripted response left' } };
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(next.status ?? 200, { 'content-type': 'application/json', ...next.headers });
          res.end(typeof next.body === 'string' ? next.body : JSON.stringify(next.body));
        };
        if (next.delayMs) setTimeout(send, next.delayMs).unref();
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  respond(...responses: ScriptedResponse[]): void {
    this.script.push(...responses);
  }

  reset(): void {
    this.script = [];
    this.requests.length = 0;
    this.abandoned = 0;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
