import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { defaultSalesforceObjects, type FakeFieldDescribe, type FakeObjectDescribe } from './salesforce-objects';
import { matchesSoql, parseSoql, SoqlSyntaxError } from './soql-subset';

/** Salesforce's REST error body: a JSON array of these (the REST API Developer Guide, "Status Codes and Error Responses"). */
export interface SalesforceRestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** One record's error inside an sObject Collections / single-record save result. */
export interface SalesforceSaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface ValidationRule {
  sobject: string;
  /** Returns the rule's error message when the record (as it would be saved) violates it. */
  check: (record: Record<string, unknown>) => string | undefined;
  field?: string;
}

export interface SalesforceTestServerOptions {
  /** Connected app consumer key (JWT `iss`, client-credentials `client_id`). */
  clientId?: string;
  clientSecret?: string;
  /** The integration user (JWT `sub`). */
  username?: string;
  /** PEM public key (or certificate) the JWT bearer assertions must verify against. */
  jwtPublicKey?: string;
  /** JWT `aud`: https://login.salesforce.com, https://test.salesforce.com or the My Domain URL. */
  audience?: string;
  objects?: FakeObjectDescribe[];
  validationRules?: ValidationRule[];
  dailyApiLimit?: number;
  apiUsageStart?: number;
  /** Newest API version served; /services/data lists 46.0 up to it. */
  latestVersion?: string;
  host?: string;
}

export type FaultKind = 'status-503' | 'request-limit' | 'timeout' | 'timeout-after-write' | 'invalid-session';

export interface Fault {
  kind: FaultKind;
  /** How many matching API requests it hits. */
  times: number;
  /** Only requests whose path contains this string. */
  pathIncludes?: string;
}

export interface ServerCounters {
  /** Every /services/data request that reached the API (counted against the daily allocation). */
  apiCalls: number;
  byRoute: Record<string, number>;
  tokenRequests: { jwtBearer: number; clientCredentials: number; rejected: number };
  /** TCP connections accepted: shows whether a client keeps its connection alive. */
  connections: number;
  faultsServed: number;
}

type SObjectRecord = Record<string, unknown> & { Id: string };

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const GENERIC_LOGIN_HOSTS = ['login.salesforce.com', 'test.salesforce.com'];
const MAX_COLLECTION = 200;

class HttpReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}

const restError = (status: number, errorCode: string, message: string, fields?: string[]) =>
  new HttpReply(status, [{ message, errorCode, ...(fields ? { fields } : {}) } satisfies SalesforceRestError]);
const oauthError = (status: number, error: string, description: string) => new HttpReply(status, { error, error_description: description });

/**
 * A local Salesforce org speaking the REST endpoints Buddie uses, as documented: OAuth token (JWT bearer
 * with signature check; client credentials only on a My Domain host), versions, sobjects, describe,
 * single-record upsert by external id (201 / 200 / 300), sObject Collections upsert and update by Id
 * (<= 200 records, per-record results in a 200, allOrNone), query (a SOQL subset), `Sforce-Limit-Info` on every API
 * response and Salesforce's error bodies. Faults can be injected and every call is counted.
 */
export class SalesforceTestServer {
  readonly counters: ServerCounters = { apiCalls: 0, byRoute: {}, tokenRequests: { jwtBearer: 0, clientCredentials: 0, rejected: 0 }, connections: 0, faultsServed: 0 };
  readonly clientId: string;
  readonly clientSecret: string;
  readonly username: string;
  readonly audience: string;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly objects = new Map<string, FakeObjectDescribe>();
  private readonly records = new Map<string, Map<string, SObjectRecord>>();
  private readonly tokens = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly hung = new Set<ServerResponse>();
  private readonly publicKey?: KeyObject;
  private readonly latestVersion: string;
  private validationRules: ValidationRule[];
  private apiUsage: number;
  private dailyLimit: number;
  private idCounter = 0;
  private baseUrl = '';

  constructor(private readonly options: SalesforceTestServerOptions = {}) {
    this.clientId = options.clientId ?? '3MVG9buddieTestConsumerKey';
    this.clientSecret = options.clientSecret ?? 'buddie-test-secret';
    this.username = options.username ?? 'integration@buddie.example';
    this.audience = options.audience ?? 'https://login.salesforce.com';
    this.publicKey = options.jwtPublicKey ? createPublicKey(options.jwtPublicKey) : undefined;
    this.latestVersion = options.latestVersion ?? '62.0';
    this.validationRules = options.validationRules ?? [];
    this.apiUsage = options.apiUsageStart ?? 0;
    this.dailyLimit = options.dailyApiLimit ?? 100_000;
    for (const describe of options.objects ?? defaultSalesforceObjects()) {
      this.objects.set(describe.name, describe);
      this.records.set(describe.name, new Map());
    }
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (socket) => {
      this.counters.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port = 0): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  get url(): string {
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  // ---- test controls ----

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Every issued access token stops working (as when a session times out or is revoked). */
  expireTokens(): void {
    this.tokens.clear();
  }

  setApiUsage(used: number, limit = this.dailyLimit): void {
    this.apiUsage = used;
    this.dailyLimit = limit;
  }

  get apiUsageInfo(): { used: number; limit: number } {
    return { used: this.apiUsage, limit: this.dailyLimit };
  }

  setValidationRules(rules: ValidationRule[]): void {
    this.validationRules = rules;
  }

  /** Inserts a record directly (e.g. to create two Cases with one external id, as a careless import would). */
  seed(sobject: string, fields: Record<string, unknown>): string {
    const id = this.newId(sobject);
    this.store(sobject).set(id, { ...fields, Id: id, CreatedDate: new Date().toISOString(), LastModifiedDate: new Date().toISOString() });
    return id;
  }

  all(sobject: string): SObjectRecord[] {
    return [...this.store(sobject).values()];
  }

  find(sobject: string, fieldName: string, value: unknown): SObjectRecord[] {
    return this.all(sobject).filter((record) => record[fieldName] === value);
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: HttpReply | 'hang';
    const url = new URL(req.url ?? '/', 'http://x');
    try {
      const body = await readBody(req);
      if (url.pathname === '/services/oauth2/token' && req.method === 'POST') reply = this.token(req, body);
      else if (url.pathname.startsWith('/services/data')) reply = this.api(req, url, body);
      else reply = restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    } catch (error) {
      reply = restError(500, 'UNKNOWN_EXCEPTION', error instanceof Error ? error.message : String(error));
    }
    if (reply === 'hang') {
      // Accepted and never answered: the client's timeout decides what happens next.
      this.hung.add(res);
      res.on('close', () => this.hung.delete(res));
      return;
    }
    const headers: Record<string, string> = {};
    if (url.pathname.startsWith('/services/data')) headers['Sforce-Limit-Info'] = `api-usage=${this.apiUsage}/${this.dailyLimit}`;
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers).end();
    } else {
      res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8' }).end(JSON.stringify(reply.body));
    }
  }

  private takeFault(path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.times > 0 && (f.pathIncludes === undefined || path.includes(f.pathIncludes)));
    if (!fault) return undefined;
    fault.times--;
    this.counters.faultsServed++;
    return fault;
  }

  // ---- OAuth ----

  private token(req: IncomingMessage, body: string): HttpReply {
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type');
    const reject = (reply: HttpReply) => {
      this.counters.tokenRequests.rejected++;
      return reply;
    };
    if (grant === JWT_BEARER) {
      const problem = this.verifyAssertion(form.get('assertion') ?? '');
      if (problem) return reject(problem);
      this.counters.tokenRequests.jwtBearer++;
      return this.issueToken(false);
    }
    if (grant === 'client_credentials') {
      const hostname = (req.headers.host ?? '').split(':')[0].toLowerCase();
      // Salesforce answers client credentials only on the org's My Domain, never on the generic login hosts.
      if (GENERIC_LOGIN_HOSTS.includes(hostname)) return reject(oauthError(400, 'unsupported_grant_type', 'request not supported on this domain'));
      let id = form.get('client_id');
      let secret = form.get('client_secret');
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      if (basic) [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      if (id !== this.clientId || secret !== this.clientSecret) return reject(oauthError(400, 'invalid_client', 'invalid client credentials'));
      this.counters.tokenRequests.clientCredentials++;
      return this.issueToken(true);
    }
    if (grant === 'password') return reject(oauthError(400, 'unsupported_grant_type', 'grant type not supported'));
    return reject(oauthError(400, grant ? 'unsupported_grant_type' : 'invalid_request', grant ? 'grant type not supported' : 'grant type is missing'));
  }

  private verifyAssertion(assertion: string): HttpReply | undefined {
    const parts = assertion.split('.');
    if (parts.length !== 3 || !this.publicKey) return oauthError(400, 'invalid_grant', 'invalid assertion');
    const [headerPart, claimsPart, signaturePart] = parts;
    let header: { alg?: unknown };
    let claims: { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown };
    try {
      header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as typeof header;
      claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return oauthError(400, 'invalid_grant', 'invalid assertion');
    }
    if (header.alg !== 'RS256') return oauthError(400, 'invalid_grant', 'invalid assertion');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${headerPart}.${claimsPart}`);
    if (!verifier.verify(this.publicKey, Buffer.from(signaturePart, 'base64url'))) return oauthError(400, 'invalid_grant', 'invalid assertion');
    if (claims.iss !== this.clientId) return oauthError(400, 'invalid_client_id', 'client identifier invalid');
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(this.audience)) return oauthError(400, 'invalid_grant', 'audience is invalid');
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return oauthError(400, 'invalid_grant', 'expired authorization code');
    if (claims.sub !== this.username) return oauthError(400, 'invalid_grant', 'user hasn\'t approved this consumer');
    return undefined;
  }

  private issueToken(withSignature: boolean): HttpReply {
    const token = `00DBUDDIE000000!${randomBytes(24).toString('base64url')}`;
    this.tokens.add(token);
    const issuedAt = String(Date.now());
    return new HttpReply(200, {
      access_token: token,
      ...(withSignature ? { signature: randomBytes(16).toString('base64'), issued_at: issuedAt } : {}),
      scope: 'api',
      instance_url: this.baseUrl,
      id: `${this.baseUrl}/id/00DBUDDIE000000AAA/005BUDDIE000001AAA`,
      token_type: 'Bearer',
    });
  }

  // ---- REST API ----

  private api(req: IncomingMessage, url: URL, body: string): HttpReply | 'hang' {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/services/data') {
      // The versions resource needs no session and does not count against the allocation.
      return new HttpReply(200, this.versions());
    }
    const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!match) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const [, version, rest = ''] = match;
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth || !this.tokens.has(auth[1])) return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (Number(version) < 46 || Number(version) > Number(this.latestVersion)) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');

    const fault = this.takeFault(path);
    if (fault?.kind === 'invalid-session') {
      this.tokens.delete(auth[1]);
      return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    }
    if (this.apiUsage >= this.dailyLimit || fault?.kind === 'request-limit') {
      return restError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
    }
    this.apiUsage++;
    this.counters.apiCalls++;
    if (fault?.kind === 'status-503') return restError(503, 'SERVER_UNAVAILABLE', 'Server is temporarily unavailable. Please try again later.');
    if (fault?.kind === 'timeout') return 'hang';

    const route = this.route(req.method ?? 'GET', rest, url, body, version);
    this.counters.byRoute[route.name] = (this.counters.byRoute[route.name] ?? 0) + 1;
    const reply = route.run();
    return fault?.kind === 'timeout-after-write' ? 'hang' : reply;
  }

  private route(method: string, rest: string, url: URL, body: string, version: string): { name: string; run: () => HttpReply } {
    const segments = rest.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET' && segments.length === 1 && segments[0] === 'sobjects') return { name: 'sobjects', run: () => this.listObjects() };
    if (method === 'GET' && segments[0] === 'sobjects' && segments.length === 3 && segments[2] === 'describe') {
      return { name: 'describe', run: () => this.describe(segments[1]) };
    }
    if (method === 'GET' && segments.length === 1 && segments[0] === 'query') return { name: 'query', run: () => this.query(url.searchParams.get('q') ?? '', version) };
    if (method === 'PATCH' && segments[0] === 'sobjects' && segments.length === 4) {
      return { name: 'upsert', run: () => this.singleUpsert(segments[1], segments[2], segments[3], body, version) };
    }
    if (method === 'POST' && segments[0] === 'sobjects' && segments.length === 2) return { name: 'create', run: () => this.create(segments[1], body) };
    if (method === 'GET' && segments[0] === 'sobjects' && segments.length === 3) return { name: 'retrieve', run: () => this.retrieve(segments[1], segments[2], version) };
    if (method === 'PATCH' && segments[0] === 'composite' && segments[1] === 'sobjects' && segments.length === 2) {
      return { name: 'collections-update', run: () => this.collectionsUpdate(body) };
    }
    if (method === 'PATCH' && segments[0] === 'composite' && segments[1] === 'sobjects' && segments.length === 4) {
      return { name: 'collections-upsert', run: () => this.collectionsUpsert(segments[2], segments[3], body) };
    }
    return { name: 'not-found', run: () => restError(404, 'NOT_FOUND', 'The requested resource does not exist') };
  }

  private versions(): { label: string; url: string; version: string }[] {
    const versions = [];
    for (let v = 46; v <= Number(this.latestVersion); v++) versions.push({ label: `v${v}.0`, url: `/services/data/v${v}.0`, version: `${v}.0` });
    return versions;
  }

  private listObjects(): HttpReply {
    return new HttpReply(200, {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...this.objects.values()].map((o) => ({ name: o.name, label: o.label, keyPrefix: o.keyPrefix, createable: o.createable, updateable: o.updateable, queryable: o.queryable })),
    });
  }

  private describe(sobject: string): HttpReply {
    const describe = this.objects.get(sobject);
    if (!describe) return restError(404, 'NOT_FOUND', `The requested resource does not exist`);
    return new HttpReply(200, describe);
  }

  private query(soql: string, version: string): HttpReply {
    let parsed;
    try {
      parsed = parseSoql(soql);
    } catch (error) {
      if (error instanceof SoqlSyntaxError) return restError(400, 'MALFORMED_QUERY', error.message);
      throw error;
    }
    const describe = this.objects.get(parsed.sobject);
    if (!describe) return restError(400, 'INVALID_TYPE', `sObject type '${parsed.sobject}' is not supported.`);
    const names = new Set(describe.fields.map((f) => f.name));
    const unknown = [...parsed.fields, ...parsed.where.flat().map((c) => c.field)].find((f) => !names.has(f));
    if (unknown) return restError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${parsed.sobject}'.`);
    let rows = this.all(parsed.sobject).filter((record) => matchesSoql(record, parsed));
    if (parsed.limit !== undefined) rows = rows.slice(0, parsed.limit);
    return new HttpReply(200, {
      totalSize: rows.length,
      done: true,
      records: rows.map((record) => ({
        attributes: { type: parsed.sobject, url: `/services/data/v${version}/sobjects/${parsed.sobject}/${record.Id}` },
        ...Object.fromEntries(parsed.fields.map((f) => [f, record[f] ?? null])),
      })),
    });
  }

  private retrieve(sobject: string, id: string, version: string): HttpReply {
    const record = this.records.get(sobject)?.get(id);
    if (!record) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return new HttpReply(200, { attributes: { type: sobject, url: `/services/data/v${version}/sobjects/${sobject}/${id}` }, ...record });
  }

  private create(sobject: string, body: string): HttpReply {
    const describe = this.objects.get(sobject);
    if (!describe) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const parsed = parseJsonObject(body);
    if (!parsed) return restError(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object');
    const unknown = unknownField(describe, parsed);
    if (unknown) return restError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${sobject}`);
    const error = this.checkRecord(describe, parsed, 'create');
    if (error) return restError(400, error.statusCode, error.message, error.fields);
    const id = this.seed(sobject, parsed);
    return new HttpReply(201, { id, success: true, errors: [] });
  }

  private singleUpsert(sobject: string, externalField: string, value: string, body: string, version: string): HttpReply {
    const describe = this.objects.get(sobject);
    if (!describe) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const keyField = describe.fields.find((f) => f.name === externalField);
    if (!keyField || !(keyField.externalId || keyField.idLookup)) {
      return restError(400, 'INVALID_FIELD', `Provided external ID field does not exist or is not accessible: ${externalField}`);
    }
    const parsed = parseJsonObject(body);
    if (!parsed) return restError(400, 'JSON_PARSER_ERROR', 'The request body is not a JSON object');
    const unknown = unknownField(describe, parsed);
    if (unknown) return restError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${sobject}`);
    const matches = this.find(sobject, externalField, value);
    if (matches.length > 1) return new HttpReply(300, matches.map((m) => `/services/data/v${version}/sobjects/${sobject}/${m.Id}`));
    const result = this.save(describe, externalField, value, parsed, matches[0]);
    if (!result.success) return restError(400, result.errors[0].statusCode, result.errors[0].message, result.errors[0].fields);
    if (Number(version) < 46 && !result.created) return new HttpReply(204);
    return new HttpReply(result.created ? 201 : 200, result);
  }

  private collectionsUpsert(sobject: string, externalField: string, body: string): HttpReply {
    const describe = this.objects.get(sobject);
    if (!describe) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const parsed = parseJsonObject(body);
    const records = parsed?.records;
    if (!parsed || !Array.isArray(records)) return restError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of list from the request body: records is required');
    if (records.length > MAX_COLLECTION) {
      return restError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`);
    }
    const keyField = describe.fields.find((f) => f.name === externalField);
    if (!keyField || !(keyField.externalId || keyField.idLookup)) {
      return restError(400, 'INVALID_FIELD', `Provided external ID field does not exist or is not accessible: ${externalField}`);
    }
    const inputs: Record<string, unknown>[] = [];
    for (const record of records) {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return restError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
      const { attributes, ...fields } = record as Record<string, unknown>;
      if ((attributes as { type?: unknown } | undefined)?.type !== sobject) {
        return restError(400, 'INVALID_TYPE', `Each record must have attributes.type = ${sobject}`);
      }
      // An unknown field fails deserialization of the whole request, not one record.
      const unknown = unknownField(describe, fields);
      if (unknown) return restError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${sobject}`);
      inputs.push(fields);
    }
    const allOrNone = parsed.allOrNone === true;
    const keyCounts = new Map<unknown, number>();
    for (const fields of inputs) keyCounts.set(fields[externalField], (keyCounts.get(fields[externalField]) ?? 0) + 1);

    const planned = inputs.map((fields) => {
      const key = fields[externalField];
      if (typeof key !== 'string' || key === '') {
        return { error: { statusCode: 'MISSING_ARGUMENT', message: `${externalField} not specified`, fields: [externalField] } };
      }
      if ((keyCounts.get(key) ?? 0) > 1) return { error: { statusCode: 'DUPLICATE_VALUE', message: `Duplicate external id specified: ${key}`, fields: [externalField] } };
      const matches = this.find(sobject, externalField, key);
      if (matches.length > 1) {
        return {
          error: {
            statusCode: 'DUPLICATE_EXTERNAL_ID',
            message: `${externalField}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`,
            fields: [externalField],
          },
        };
      }
      const error = this.checkRecord(describe, { ...(matches[0] ?? {}), ...fields }, matches[0] ? 'update' : 'create', fields);
      return error ? { error } : { key, fields, existing: matches[0] };
    });
    if (allOrNone && planned.some((p) => 'error' in p)) {
      return new HttpReply(
        200,
        planned.map((p) => ({
          success: false,
          errors: [
            'error' in p && p.error
              ? p.error
              : { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] },
          ],
        })),
      );
    }
    return new HttpReply(
      200,
      planned.map((p) => ('error' in p && p.error ? { success: false, errors: [p.error] } : this.save(describe, externalField, p.key as string, p.fields ?? {}, p.existing))),
    );
  }

  /** sObject Collections update by Id (`PATCH /composite/sobjects`): up to 200 records, any types, per-record results. */
  private collectionsUpdate(body: string): HttpReply {
    const parsed = parseJsonObject(body);
    const records = parsed?.records;
    if (!parsed || !Array.isArray(records)) return restError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of list from the request body: records is required');
    if (records.length > MAX_COLLECTION) return restError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`);
    const planned: ({ error: SalesforceSaveError } | { describe: FakeObjectDescribe; existing: SObjectRecord; fields: Record<string, unknown> })[] = [];
    for (const record of records) {
      if (typeof record !== 'object' || record === null || Array.isArray(record)) return restError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
      const { attributes, id, ...fields } = record as Record<string, unknown>;
      const type = (attributes as { type?: unknown } | undefined)?.type;
      const describe = typeof type === 'string' ? this.objects.get(type) : undefined;
      if (!describe) return restError(400, 'INVALID_TYPE', 'Each record must have attributes.type naming an sObject');
      const unknown = unknownField(describe, fields);
      if (unknown) return restError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${describe.name}`);
      if (typeof id !== 'string' || id === '') {
        planned.push({ error: { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] } });
        continue;
      }
      const existing = this.records.get(describe.name)?.get(id);
      if (!existing) {
        planned.push({ error: { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] } });
        continue;
      }
      const error = this.checkRecord(describe, { ...existing, ...fields }, 'update', fields);
      planned.push(error ? { error } : { describe, existing, fields });
    }
    const allOrNone = parsed.allOrNone === true;
    if (allOrNone && planned.some((p) => 'error' in p)) {
      return new HttpReply(
        200,
        planned.map((p) => ({
          success: false,
          errors: ['error' in p ? p.error : { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }],
        })),
      );
    }
    return new HttpReply(
      200,
      planned.map((p) => {
        if ('error' in p) return { success: false, errors: [p.error] };
        Object.assign(p.existing, p.fields, { LastModifiedDate: new Date().toISOString() });
        return { id: p.existing.Id, success: true, errors: [] };
      }),
    );
  }

  private save(
    describe: FakeObjectDescribe,
    externalField: string,
    key: string,
    fields: Record<string, unknown>,
    existing: SObjectRecord | undefined,
  ): { id?: string; success: boolean; errors: SalesforceSaveError[]; created?: boolean } {
    const merged = { ...(existing ?? {}), ...fields, [externalField]: key };
    const error = this.checkRecord(describe, merged, existing ? 'update' : 'create', fields);
    if (error) return { success: false, errors: [error] };
    const now = new Date().toISOString();
    if (existing) {
      Object.assign(existing, fields, { LastModifiedDate: now });
      return { id: existing.Id, success: true, errors: [], created: false };
    }
    const id = this.seed(describe.name, { ...fields, [externalField]: key });
    return { id, success: true, errors: [], created: true };
  }

  /** Field-level access, lengths, references and validation rules, as a save would check them. */
  private checkRecord(describe: FakeObjectDescribe, record: Record<string, unknown>, mode: 'create' | 'update', written: Record<string, unknown> = record): SalesforceSaveError | undefined {
    const byName = new Map<string, FakeFieldDescribe>(describe.fields.map((f) => [f.name, f]));
    const notWritable = Object.keys(written).filter((name) => {
      const f = byName.get(name);
      return f && (mode === 'create' ? !f.createable : !f.updateable);
    });
    if (notWritable.length > 0) {
      return {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to ${mode} fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: notWritable,
      };
    }
    for (const [name, value] of Object.entries(written)) {
      const f = byName.get(name);
      if (!f) continue;
      if (typeof value === 'string' && f.length > 0 && value.length > f.length) {
        return { statusCode: 'STRING_TOO_LONG', message: `${f.label}: data value too large: ${value.slice(0, 40)}... (max length=${f.length})`, fields: [name] };
      }
      if (f.type === 'reference' && value !== null && value !== undefined) {
        const target = typeof value === 'string' ? f.referenceTo.find((t) => this.records.get(t)?.has(value)) : undefined;
        if (!target) return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id`, fields: [name] };
      }
      if (f.type === 'date' && value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))) {
        return { statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: `${f.label}: value not of required type: ${String(value)}`, fields: [name] };
      }
    }
    for (const rule of this.validationRules) {
      if (rule.sobject !== describe.name) continue;
      const message = rule.check(record);
      if (message) return { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message, fields: rule.field ? [rule.field] : [] };
    }
    return undefined;
  }

  private store(sobject: string): Map<string, SObjectRecord> {
    let store = this.records.get(sobject);
    if (!store) this.records.set(sobject, (store = new Map()));
    return store;
  }

  private newId(sobject: string): string {
    const prefix = this.objects.get(sobject)?.keyPrefix ?? '000';
    this.idCounter++;
    return `${prefix}BU${String(this.idCounter).padStart(10, '0')}AAA`;
  }
}

function unknownField(describe: FakeObjectDescribe, fields: Record<string, unknown>): string | undefined {
  const names = new Set(describe.fields.map((f) => f.name));
  return Object.keys(fields).find((name) => !names.has(name));
}

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
