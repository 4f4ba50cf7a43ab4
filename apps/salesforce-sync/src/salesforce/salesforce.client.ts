import type { IncomingHttpHeaders } from 'node:http';
import { decideOnFailure, parseLimitInfo, type ApiUsage, type CollectionResult, type DescribedObject, type OutboundRecord } from '@buddie/domain';
import { SalesforceCallError } from './salesforce.errors';
import { TransportError, type HttpResponse, type KeepAliveHttp } from './salesforce-http';
import { safeJson, type SalesforceSession, type SalesforceTokenProvider } from './salesforce-token.provider';

export interface SalesforceClientOptions {
  apiVersion: string;
  timeoutMs: number;
}

export interface UpsertOneResult {
  id: string;
  created: boolean;
}

/**
 * The one adapter to a Salesforce org (DESIGN.md 8): REST over one kept-alive connection, the session
 * from the token provider, Salesforce's error bodies turned into typed errors, and the last
 * `Sforce-Limit-Info` kept for pacing. No business logic: what to send, and what to do about a failure,
 * is decided by the caller (libs/domain/salesforce).
 *
 * A 401 INVALID_SESSION_ID means the request was not executed: the token is replaced and the same request
 * sent once more, so the caller never sees an expired session. Other failures are not retried here.
 */
export class SalesforceClient {
  lastUsage?: ApiUsage;
  /** Requests sent to /services/data (each counts against the org's daily allocation). */
  apiCalls = 0;

  constructor(
    private readonly tokens: SalesforceTokenProvider,
    private readonly http: KeepAliveHttp,
    private readonly options: SalesforceClientOptions,
  ) {}

  /** The describe result, or undefined when the object is not visible to the integration user (404). */
  async describe(sobject: string): Promise<DescribedObject | undefined> {
    try {
      const body = (await this.call('GET', `/sobjects/${encodeURIComponent(sobject)}/describe`)) as DescribedObject;
      return { name: body.name, fields: body.fields };
    } catch (error) {
      if (error instanceof SalesforceCallError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Runs a SOQL query and follows nextRecordsUrl until done. Values must be quoted with soqlString. */
  async query(soql: string): Promise<Record<string, unknown>[]> {
    const records: Record<string, unknown>[] = [];
    let page = (await this.call('GET', `/query?q=${encodeURIComponent(soql)}`)) as { records: Record<string, unknown>[]; done: boolean; nextRecordsUrl?: string };
    records.push(...page.records);
    while (!page.done && page.nextRecordsUrl) {
      page = (await this.call('GET', page.nextRecordsUrl, undefined, true)) as typeof page;
      records.push(...page.records);
    }
    return records;
  }

  /**
   * sObject Collections upsert (API v46+): up to 200 records of one type by one External ID field, one
   * API call. With allOrNone=false each record succeeds or fails on its own inside a 200.
   */
  async upsertCollection(sobject: string, externalIdField: string, records: OutboundRecord[], allOrNone = false): Promise<CollectionResult[]> {
    if (records.length === 0) return [];
    if (records.length > 200) throw new SalesforceCallError('TOO_MANY_RECORDS', `sObject Collections take at most 200 records (got ${records.length})`, undefined, false);
    const body = {
      allOrNone,
      records: records.map((r) => ({ attributes: { type: sobject }, ...r.fields, [externalIdField]: r.externalId })),
    };
    const results = await this.call('PATCH', `/composite/sobjects/${encodeURIComponent(sobject)}/${encodeURIComponent(externalIdField)}`, body);
    if (!Array.isArray(results)) throw new SalesforceCallError('UNEXPECTED_RESPONSE', 'sObject Collections answered without a result list', 200, true);
    return results as CollectionResult[];
  }

  /** Updates records by Salesforce id through sObject Collections (used for VoiceCall, which has no Buddie external id). */
  async updateCollection(sobject: string, records: { id: string; fields: Record<string, string | number | boolean> }[]): Promise<CollectionResult[]> {
    if (records.length === 0) return [];
    const body = { allOrNone: false, records: records.map((r) => ({ attributes: { type: sobject }, id: r.id, ...r.fields })) };
    return (await this.call('PATCH', '/composite/sobjects', body)) as CollectionResult[];
  }

  /** Single-record upsert by External ID (one API call per record: the naive baseline in the benchmark). */
  async upsertOne(record: OutboundRecord): Promise<UpsertOneResult> {
    const path = `/sobjects/${encodeURIComponent(record.sobject)}/${encodeURIComponent(record.externalIdField)}/${encodeURIComponent(record.externalId)}`;
    const response = await this.send('PATCH', path, record.fields);
    if (response.status === 300) {
      const matches = safeJson(response.body);
      throw new SalesforceCallError('MULTIPLE_CHOICES', `external id ${record.externalId} matches several ${record.sobject} records: ${JSON.stringify(matches)}`, 300, false);
    }
    const body = this.parse(response) as { id?: string; created?: boolean } | undefined;
    return { id: body?.id ?? '', created: response.status === 201 };
  }

  private async call(method: string, path: string, body?: unknown, absolute = false): Promise<unknown> {
    return this.parse(await this.send(method, path, body, absolute));
  }

  private parse(response: HttpResponse): unknown {
    if (response.status >= 200 && response.status < 300) return response.body ? safeJson(response.body) : undefined;
    throw this.toError(response);
  }

  private async send(method: string, path: string, body: unknown, absolute = false): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      const session = await this.tokens.session();
      const response = await this.raw(session, method, absolute ? path : `/services/data/v${this.options.apiVersion}${path}`, payload);
      if (response.status === 401 && attempt === 1) {
        // Not executed by Salesforce: a new session, then the very same request once more.
        await this.tokens.invalidate(session);
        continue;
      }
      return response;
    }
  }

  private async raw(session: SalesforceSession, method: string, path: string, payload: string | undefined): Promise<HttpResponse> {
    this.apiCalls++;
    try {
      const response = await this.http.send(
        method,
        `${session.instanceUrl}${path}`,
        { Authorization: `Bearer ${session.accessToken}`, Accept: 'application/json', ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        payload,
        this.options.timeoutMs,
      );
      this.readUsage(response.headers);
      return response;
    } catch (error) {
      // The path only, never the query string: a SOQL query carries values (a caller's number) that must not reach a log or a reason.
      if (error instanceof TransportError) throw new SalesforceCallError(error.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK', `Salesforce ${method} ${path.split('?')[0]}: ${error.message}`, undefined, true);
      throw error;
    }
  }

  private readUsage(headers: IncomingHttpHeaders): void {
    const header = headers['sforce-limit-info'];
    const usage = parseLimitInfo(Array.isArray(header) ? header[0] : header);
    if (usage) this.lastUsage = usage;
  }

  private toError(response: HttpResponse): SalesforceCallError {
    const body = safeJson(response.body);
    const first = Array.isArray(body) ? (body[0] as { errorCode?: unknown; message?: unknown } | undefined) : undefined;
    const errorCode = typeof first?.errorCode === 'string' ? first.errorCode : `HTTP_${response.status}`;
    const message = typeof first?.message === 'string' ? first.message : response.body.slice(0, 300);
    const decision = decideOnFailure({ status: response.status, errorCode });
    return new SalesforceCallError(errorCode, `Salesforce answered ${response.status} ${errorCode}: ${message}`, response.status, decision !== 'reject', decision === 'retry-after-limit');
  }
}
