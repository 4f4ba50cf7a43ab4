import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueUrlCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeEnvelope } from '@buddie/connect';
import { systemClock, type Clock } from '@buddie/domain';
import { ROUTES, routesFor, type Route } from './routing-table';

export interface LocalEventRouterOptions {
  sqs: SQSClient;
  /** Physical queue name for a consumer queue, e.g. `buddie-ingestion`. */
  queueName: (queue: Route['queue']) => string;
  /** Name of the Buddie bus; any other name (or none) is the account's default bus. */
  buddieBusName: string;
  region: string;
  account?: string;
  routes?: readonly Route[];
  log?: (message: string) => void;
  /** Stamps an entry that carries no Time, as EventBridge does with its receipt time. */
  clock?: Clock;
}

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An entry's Time as EventBridge reads it: absent means now; the SDK's JSON protocol sends epoch
 * seconds (a number, with a fraction); other clients send ISO 8601. Undefined when it is neither.
 */
export function entryTime(value: unknown, now: Date): Date | undefined {
  if (value === undefined || value === null) return now;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
  const date = seconds !== undefined ? new Date(seconds * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  return date && Number.isFinite(date.getTime()) ? date : undefined;
}

/**
 * EventBridge has no emulator, so locally this small server speaks the PutEvents JSON protocol
 * (X-Amz-Target: AWSEvents.PutEvents) and delivers each entry, wrapped in the envelope EventBridge
 * gives SQS targets, to every queue the routing table names — the same table CDK builds rules from.
 */
export class LocalEventRouter {
  private server?: Server;
  private readonly queueUrls = new Map<string, Promise<string>>();
  private readonly routes: readonly Route[];
  readonly stats = { received: 0, delivered: 0, unrouted: 0, rejected: 0 };

  constructor(private readonly options: LocalEventRouterOptions) {
    this.routes = options.routes ?? ROUTES;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  async putEvents(entries: PutEventsEntry[]): Promise<EntryResult[]> {
    return Promise.all(entries.map((entry) => this.deliver(entry)));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, { status: 'ok', ...this.stats });
    const target = req.headers['x-amz-target'];
    if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
      return reply(400, { __type: 'UnknownOperationException', message: `Operation ${String(target)} is not supported by the local router` });
    }
    let raw = '';
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return reply(413, { __type: 'ValidationException', message: 'Request too large' });
      raw += chunk;
    }
    let body: { Entries?: unknown };
    try {
      body = JSON.parse(raw) as { Entries?: unknown };
    } catch {
      return reply(400, { __type: 'SerializationException', message: 'Body is not valid JSON' });
    }
    if (!Array.isArray(body.Entries) || body.Entries.length === 0 || body.Entries.length > 10) {
      return reply(400, { __type: 'ValidationException', message: 'Entries must hold 1 to 10 entries' });
    }
    const results = await this.putEvents(body.Entries as PutEventsEntry[]);
    const failed = results.filter((r) => 'ErrorCode' in r).length;
    reply(200, { FailedEntryCount: failed, Entries: results });
  }

  private busKind(name: unknown): 'default' | 'buddie' {
    const bus = typeof name === 'string' ? name.split('/').pop() : undefined;
    return bus === this.options.buddieBusName ? 'buddie' : 'default';
  }

  private async deliver(entry: PutEventsEntry): Promise<EntryResult> {
    this.stats.received++;
    if (typeof entry.Source !== 'string' || typeof entry.DetailType !== 'string' || typeof entry.Detail !== 'string') {
      this.stats.rejected++;
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required strings' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      this.stats.rejected++;
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
      this.stats.rejected++;
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object' };
    }
    const time = entryTime(entry.Time, (this.options.clock ?? systemClock).now());
    if (!time) {
      this.stats.rejected++;
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Time must be a timestamp (epoch seconds or ISO 8601)' };
    }
    const id = randomUUID();
    const envelope: EventBridgeEnvelope = {
      version: '0',
      id,
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.options.account ?? '000000000000',
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.options.region,
      resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
      detail,
    };
    const routes = routesFor({ source: entry.Source, detailType: entry.DetailType, bus: this.busKind(entry.EventBusName) }, this.routes);
    if (routes.length === 0) {
      // Like EventBridge: an event no rule matches is accepted and goes nowhere.
      this.stats.unrouted++;
      return { EventId: id };
    }
    try {
      const body = JSON.stringify(envelope);
      await Promise.all(
        routes.map(async (route) => {
          const QueueUrl = await this.queueUrl(route.queue);
          await this.options.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
        }),
      );
      this.stats.delivered += routes.length;
      return { EventId: id };
    } catch (error) {
      this.options.log?.(`delivery of ${entry.DetailType} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ErrorCode: 'InternalException', ErrorMessage: 'Delivery to a target queue failed' };
    }
  }

  private queueUrl(queue: Route['queue']): Promise<string> {
    let url = this.queueUrls.get(queue);
    if (!url) {
      url = this.options.sqs
        .send(new GetQueueUrlCommand({ QueueName: this.options.queueName(queue) }))
        .then((r) => r.QueueUrl!);
      url.catch(() => this.queueUrls.delete(queue));
      this.queueUrls.set(queue, url);
    }
    return url;
  }
}
