import { createSign } from 'node:crypto';
import { request } from 'node:http';
import { createJwtKeyPair, SalesforceTestServer } from '@buddie/testing';

const keys = createJwtKeyPair();
const other = createJwtKeyPair();

function assertion(claims: Record<string, unknown>, privateKeyPem = keys.privateKeyPem): string {
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${enc({ alg: 'RS256' })}.${enc(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url')}`;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

function http(url: string, method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('Salesforce test server', () => {
  const server = new SalesforceTestServer({ jwtPublicKey: keys.publicKeyPem });
  let url: string;
  let token: string;
  const api = (method: string, path: string, body?: unknown) =>
    http(url, method, `/services/data/v62.0${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    http(url, 'POST', '/services/oauth2/token', { body: new URLSearchParams(fields).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  const jwtClaims = () => ({ iss: server.clientId, sub: server.username, aud: server.audience, exp: Math.floor(Date.now() / 1000) + 120 });

  beforeAll(async () => {
    url = await server.listen();
  });
  afterAll(() => server.close());

  describe('OAuth token endpoint', () => {
    it('given a JWT assertion signed by the connected app key, then a session with the instance URL', async () => {
      const reply = await form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion(jwtClaims()) });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ token_type: 'Bearer', instance_url: url, scope: 'api' });
      token = (reply.body as { access_token: string }).access_token;
    });

    it('given a wrong signature, an unknown consumer, another user or an expired assertion, then the documented OAuth errors', async () => {
      const grant = (a: string) => form({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: a });
      expect((await grant(assertion(jwtClaims(), other.privateKeyPem))).body).toEqual({ error: 'invalid_grant', error_description: 'invalid assertion' });
      expect((await grant(assertion({ ...jwtClaims(), iss: 'nope' }))).body).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
      expect((await grant(assertion({ ...jwtClaims(), sub: 'someone@else' }))).body).toMatchObject({ error: 'invalid_grant' });
      const expired = await grant(assertion({ ...jwtClaims(), exp: Math.floor(Date.now() / 1000) - 10 }));
      expect(expired.status).toBe(400);
      expect(expired.body).toMatchObject({ error: 'invalid_grant' });
    });

    it('given client credentials on the My Domain host, then a session; on login.salesforce.com, then refused; wrong secret, then invalid_client', async () => {
      const ok = await form({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: server.clientSecret });
      expect(ok.status).toBe(200);
      const generic = await form({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: server.clientSecret }, { Host: 'login.salesforce.com' });
      expect(generic.body).toEqual({ error: 'unsupported_grant_type', error_description: 'request not supported on this domain' });
      const wrong = await form({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: 'x' });
      expect(wrong.body).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    });

    it('refuses the retired username-password flow', async () => {
      expect((await form({ grant_type: 'password', username: 'a', password: 'b' })).body).toMatchObject({ error: 'unsupported_grant_type' });
    });
  });

  it('answers 401 INVALID_SESSION_ID without a valid session, and every API response carries Sforce-Limit-Info', async () => {
    const noToken = await http(url, 'GET', '/services/data/v62.0/sobjects');
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const listed = await api('GET', '/sobjects');
    expect(listed.status).toBe(200);
    expect(listed.headers['sforce-limit-info']).toMatch(/^api-usage=\d+\/100000$/);
  });

  it('describes objects with field-level flags', async () => {
    const reply = await api('GET', '/sobjects/Case/describe');
    const fields = (reply.body as { fields: { name: string; externalId: boolean; updateable: boolean }[] }).fields;
    expect(fields.find((f) => f.name === 'Buddie_Contact_Id__c')).toMatchObject({ externalId: true, updateable: true });
    expect(fields.find((f) => f.name === 'CaseNumber')).toMatchObject({ updateable: false });
    expect((await api('GET', '/sobjects/Nope__c/describe')).status).toBe(404);
  });

  it('upserts one record by external id: 201 created, 200 updated, 300 on several matches, 400 INVALID_FIELD', async () => {
    const created = await api('PATCH', '/sobjects/Case/Buddie_Contact_Id__c/single-1', { Subject: 'first' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, created: true, errors: [] });
    const updated = await api('PATCH', '/sobjects/Case/Buddie_Contact_Id__c/single-1', { Subject: 'second' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: (created.body as { id: string }).id, created: false });
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'single-1')).toHaveLength(1);

    server.seed('Case', { Buddie_Contact_Id__c: 'dup' });
    server.seed('Case', { Buddie_Contact_Id__c: 'dup' });
    const multiple = await api('PATCH', '/sobjects/Case/Buddie_Contact_Id__c/dup', { Subject: 'x' });
    expect(multiple.status).toBe(300);
    expect(multiple.body).toEqual([expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Case\/500/), expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Case\/500/)]);

    const bad = await api('PATCH', '/sobjects/Case/Buddie_Contact_Id__c/single-2', { Nope__c: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual([{ message: "No such column 'Nope__c' on sobject of type Case", errorCode: 'INVALID_FIELD' }]);
  });

  it('upserts collections with per-record results: created, updated, validation rule, duplicate in request, read-only field, several matches', async () => {
    server.setValidationRules([{ sobject: 'Case', check: (r) => (r.Subject === 'forbidden' ? 'Subject may not be forbidden' : undefined), field: 'Subject' }]);
    const reply = await api('PATCH', '/composite/sobjects/Case/Buddie_Contact_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'col-1', Subject: 'new' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'single-1', Subject: 'updated' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'col-2', Subject: 'forbidden' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'col-3', Subject: 'a' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'col-3', Subject: 'b' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'col-4', CaseNumber: '1' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'dup', Subject: 'x' },
      ],
    });
    server.setValidationRules([]);
    expect(reply.status).toBe(200);
    const results = reply.body as { success: boolean; created?: boolean; errors: { statusCode: string }[] }[];
    expect(results.map((r) => (r.success ? (r.created ? 'created' : 'updated') : r.errors[0].statusCode))).toEqual([
      'created',
      'updated',
      'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      'DUPLICATE_VALUE',
      'DUPLICATE_VALUE',
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'DUPLICATE_EXTERNAL_ID',
    ]);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'col-2')).toHaveLength(0);
  });

  it('rolls everything back with allOrNone=true, and refuses more than 200 records', async () => {
    const reply = await api('PATCH', '/composite/sobjects/Case/Buddie_Contact_Id__c', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'aon-1', Subject: 'ok' },
        { attributes: { type: 'Case' }, Buddie_Contact_Id__c: 'aon-2', CaseNumber: '1' },
      ],
    });
    expect((reply.body as { errors: { statusCode: string }[] }[]).map((r) => r.errors[0].statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'INVALID_FIELD_FOR_INSERT_UPDATE']);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'aon-1')).toHaveLength(0);
    const tooMany = await api('PATCH', '/composite/sobjects/Case/Buddie_Contact_Id__c', {
      records: Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Case' }, Buddie_Contact_Id__c: `m${i}` })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual([expect.objectContaining({ errorCode: 'EXCEEDED_ID_LIMIT' })]);
  });

  it('serves VoiceCall as Service Cloud Voice defines it: found by VendorCallKey query, updated by Id through collections, no upsert by VendorCallKey', async () => {
    const describe = (await api('GET', '/sobjects/VoiceCall/describe')).body as { fields: { name: string; idLookup: boolean; externalId: boolean; updateable: boolean }[] };
    expect(describe.fields.find((f) => f.name === 'VendorCallKey')).toMatchObject({ idLookup: false, externalId: false });
    expect(describe.fields.find((f) => f.name === 'CallType')).toMatchObject({ updateable: false });
    const id = server.seed('VoiceCall', { VendorCallKey: 'contact-vc-1', CallType: 'Inbound' });
    const query = await api('GET', `/query?q=${encodeURIComponent("SELECT Id, VendorCallKey FROM VoiceCall WHERE VendorCallKey IN ('contact-vc-1', 'contact-vc-2')")}`);
    expect((query.body as { records: { Id: string }[] }).records.map((r) => r.Id)).toEqual([id]);
    expect((await api('PATCH', '/sobjects/VoiceCall/VendorCallKey/contact-vc-1', { CallDisposition: 'x' })).body).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);

    const update = await api('PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'VoiceCall' }, id, Buddie_Summary__c: 'Lifted the travel block' },
        { attributes: { type: 'VoiceCall' }, id: '0LQBU9999999999AAA', Buddie_Summary__c: 'gone' },
        { attributes: { type: 'VoiceCall' }, id, CallType: 'Outbound' },
      ],
    });
    expect(update.status).toBe(200);
    expect(update.body).toEqual([
      { id, success: true, errors: [] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'ENTITY_IS_DELETED' })] },
      { success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['CallType'] })] },
    ]);
    expect(server.find('VoiceCall', 'Id', id)[0]).toMatchObject({ Buddie_Summary__c: 'Lifted the travel block', CallType: 'Inbound' });
  });

  it('queries with SOQL literals taken literally: an injected quote matches nothing', async () => {
    server.seed('Contact', { LastName: "O'Brien", Phone: '+15550100' });
    const q = (soql: string) => api('GET', `/query?q=${encodeURIComponent(soql)}`);
    const hit = await q("SELECT Id, LastName FROM Contact WHERE Phone IN ('+15550100') OR MobilePhone = '+1'");
    expect(hit.body).toMatchObject({ totalSize: 1, done: true, records: [{ attributes: { type: 'Contact' }, LastName: "O'Brien" }] });
    const escaped = await q("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien'");
    expect((escaped.body as { totalSize: number }).totalSize).toBe(1);
    const injected = await q("SELECT Id FROM Contact WHERE Phone = 'x\\' OR Phone != \\''");
    expect((injected.body as { totalSize: number }).totalSize).toBe(0);
    expect((await q("SELECT Id FROM Contact WHERE Phone = 'x' OR Phone != ''")).status).toBe(200);
    const malformed = await q("SELECT Id FROM Contact WHERE Phone = 'x");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_QUERY' })]);
    expect(((await q('SELECT Nope FROM Contact')).body as { errorCode: string }[])[0].errorCode).toBe('INVALID_FIELD');
  });

  it('injects faults: 503, REQUEST_LIMIT_EXCEEDED, session expiry, and the daily limit itself', async () => {
    server.inject({ kind: 'status-503', times: 1 });
    expect((await api('GET', '/sobjects')).status).toBe(503);
    server.inject({ kind: 'request-limit', times: 1 });
    const limited = await api('GET', '/sobjects');
    expect(limited.status).toBe(403);
    expect(limited.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect((await api('GET', '/sobjects')).status).toBe(200);

    const { used } = server.apiUsageInfo;
    server.setApiUsage(500, 500);
    expect((await api('GET', '/sobjects')).status).toBe(403);
    server.setApiUsage(used, 100_000);

    server.expireTokens();
    expect((await api('GET', '/sobjects')).status).toBe(401);
  });

  it('counts API calls by route (token requests are not API calls)', () => {
    expect(server.counters.byRoute['collections-upsert']).toBe(3);
    expect(server.counters.tokenRequests.jwtBearer).toBe(1);
    expect(server.counters.apiCalls).toBeGreaterThan(10);
  });
});
