import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message);
  }
}

/**
 * node:http(s) with one kept-alive agent per process, so every call reuses the org connection (a TLS
 * handshake per record is what makes naive integrations slow); a hard per-request time-out.
 */
export class KeepAliveHttp {
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;

  constructor(maxSockets: number) {
    this.http = new HttpAgent({ keepAlive: true, maxSockets });
    this.https = new HttpsAgent({ keepAlive: true, maxSockets });
  }

  send(method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<HttpResponse> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        target,
        { method, headers: { ...headers, ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}) }, agent: secure ? this.https : this.http },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (error) => reject(new TransportError('network', error.message)));
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new TransportError('timeout', `no answer from ${target.host} within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(error instanceof TransportError ? error : new TransportError('network', error.message)));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
