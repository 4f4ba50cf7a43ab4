import { loadConfig, salesforceAuthSettings, SalesforceSyncConfig, type ConfigError } from '@buddie/config';
import { checkMappingAgainstDescribe, DEFAULT_SALESFORCE_MAPPING, mappedObjects, systemClock, type DescribedObject, type SalesforceMapping } from '@buddie/domain';
import { createJwtKeyPair, defaultSalesforceObjects, SalesforceTestServer } from '@buddie/testing';
import { SalesforceCallError, SalesforceAuthError } from '../src/salesforce/salesforce.errors';
import { KeepAliveHttp } from '../src/salesforce/salesforce-http';
import { SalesforceClient } from '../src/salesforce/salesforce.client';
import { SalesforceTokenProvider } from '../src/salesforce/salesforce-token.provider';

const keys = createJwtKeyPair();

function connect(env: Record<string, string>, timeoutMs = 5000) {
  const config = loadConfig(SalesforceSyncConfig, env);
  const settings = salesforceAuthSettings(config);
  if (settings.flow === 'off') throw new Error('expected credentials');
  const http = new KeepAliveHttp(config.SALESFORCE_MAX_CONNECTIONS);
  const tokens = new SalesforceTokenProvider(settings, http, systemClock, timeoutMs);
  return { client: new SalesforceClient(tokens, http, { apiVersion: config.SALESFORCE_API_VERSION, timeoutMs }), tokens, http };
}

describe('SalesforceClient against the Salesforce test server', () => {
  const server = new SalesforceTestServer({ jwtPublicKey: keys.publicKeyPem });
  let url: string;
  let jwtEnv: Record<string, string>;

  beforeAll(async () => {
    url = await server.listen();
    jwtEnv = {
      SALESFORCE_INSTANCE_URL: url,
      SALESFORCE_CLIENT_ID: server.clientId,
      SALESFORCE_USERNAME: server.username,
      SALESFORCE_PRIVATE_KEY: keys.privateKeyPem.replace(/\n/g, '\\n'),
    };
  });
  afterAll(() => server.close());

  it('logs in with the JWT bearer flow once, keeps one connection alive for many calls', async () => {
    const { client, tokens, http } = connect(jwtEnv);
    const connectionsBefore = server.counters.connections;
    for (let i = 0; i < 20; i++) await client.describe('Case');
    expect(tokens.tokenRequests).toBe(1);
    expect(server.counters.connections - connectionsBefore).toBe(1);
    expect(client.lastUsage).toEqual(server.apiUsageInfo);
    http.close();
  });

  it('logs in with client credentials on the My Domain URL; refuses login.salesforce.com in config', async () => {
    const { client, http } = connect({ SALESFORCE_AUTH_FLOW: 'client-credentials', SALESFORCE_INSTANCE_URL: url, SALESFORCE_CLIENT_ID: server.clientId, SALESFORCE_CLIENT_SECRET: server.clientSecret });
    expect((await client.describe('Task'))?.name).toBe('Task');
    http.close();
    const config = loadConfig(SalesforceSyncConfig, { SALESFORCE_INSTANCE_URL: 'https://login.salesforce.com', SALESFORCE_CLIENT_ID: 'x', SALESFORCE_CLIENT_SECRET: 'y' });
    expect(() => salesforceAuthSettings(config)).toThrow(/My Domain/);
    const incomplete = loadConfig(SalesforceSyncConfig, { SALESFORCE_AUTH_FLOW: 'jwt-bearer', SALESFORCE_INSTANCE_URL: url });
    try {
      salesforceAuthSettings(incomplete);
      throw new Error('expected a config error');
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'SALESFORCE_CLIENT_ID is required for the jwt-bearer flow',
        'SALESFORCE_USERNAME is required for the jwt-bearer flow',
        'SALESFORCE_PRIVATE_KEY is required for the jwt-bearer flow',
      ]);
    }
  });

  it('given a bad key, then a permanent auth error with Salesforce’s reason', async () => {
    const { client, http } = connect({ ...jwtEnv, SALESFORCE_PRIVATE_KEY: createJwtKeyPair().privateKeyPem });
    await expect(client.describe('Case')).rejects.toThrow(SalesforceAuthError);
    await expect(client.describe('Case')).rejects.toThrow('invalid_grant (invalid assertion)');
    http.close();
  });

  it('given the session expires mid-run, then one new token and the same request once more: nothing lost, nothing written twice', async () => {
    const { client, tokens, http } = connect(jwtEnv);
    await client.describe('Case');
    server.expireTokens();
    const results = await client.upsertCollection('Case', 'Buddie_Contact_Id__c', [{ sobject: 'Case', externalIdField: 'Buddie_Contact_Id__c', externalId: 'refresh-1', fields: { Subject: 'a' } }]);
    expect(results).toEqual([expect.objectContaining({ success: true, created: true })]);
    expect(tokens.tokenRequests).toBe(2);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'refresh-1')).toHaveLength(1);
    http.close();
  });

  it('turns 503, REQUEST_LIMIT_EXCEEDED, time-outs and bad requests into typed errors that say whether to retry', async () => {
    const { client, http } = connect(jwtEnv, 300);
    server.inject({ kind: 'status-503', times: 1 });
    await expect(client.describe('Case')).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE', status: 503, retryable: true });
    server.inject({ kind: 'request-limit', times: 1 });
    await expect(client.describe('Case')).rejects.toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', status: 403, retryable: true, limitExceeded: true });
    server.inject({ kind: 'timeout', times: 1 });
    await expect(client.describe('Case')).rejects.toMatchObject({ code: 'TIMEOUT', retryable: true });
    const bad = client.upsertCollection('Case', 'Buddie_Contact_Id__c', [{ sobject: 'Case', externalIdField: 'Buddie_Contact_Id__c', externalId: 'x', fields: { Nope__c: 'x' } }]);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_FIELD', status: 400, retryable: false, permanent: true });
    await expect(bad).rejects.toBeInstanceOf(SalesforceCallError);
    http.close();
  });

  it('answers undefined for an object the user cannot see, follows query pages, and reports 300 on a single upsert', async () => {
    const { client, http } = connect(jwtEnv);
    expect(await client.describe('Secret__c')).toBeUndefined();
    server.seed('Contact', { LastName: 'A', Phone: '+15550199' });
    expect(await client.query("SELECT Id, Phone FROM Contact WHERE Phone = '+15550199'")).toEqual([expect.objectContaining({ Phone: '+15550199' })]);
    server.seed('Case', { Buddie_Contact_Id__c: 'twice' });
    server.seed('Case', { Buddie_Contact_Id__c: 'twice' });
    await expect(client.upsertOne({ sobject: 'Case', externalIdField: 'Buddie_Contact_Id__c', externalId: 'twice', fields: { Subject: 'x' } })).rejects.toMatchObject({ code: 'MULTIPLE_CHOICES', status: 300 });
    expect(await client.upsertOne({ sobject: 'Case', externalIdField: 'Buddie_Contact_Id__c', externalId: 'once', fields: { Subject: 'x' } })).toEqual({ id: expect.stringMatching(/^500/), created: true });
    http.close();
  });

  it('given mapped fields the integration user may update but not create, then the boot check takes them on VoiceCall (only updated by Id) and names them on Case', async () => {
    // An org where field-level security lets the integration user edit, not create, these fields.
    const updateOnly = new Set(['VoiceCall.Buddie_Summary__c', 'VoiceCall.Buddie_Link__c', 'VoiceCall.RelatedRecordId', 'Case.Buddie_Reason__c']);
    const objects = defaultSalesforceObjects().map((o) => ({ ...o, fields: o.fields.map((f) => (updateOnly.has(`${o.name}.${f.name}`) ? { ...f, createable: false } : f)) }));
    const org = new SalesforceTestServer({ objects });
    const orgUrl = await org.listen();
    const { client, http } = connect({ SALESFORCE_AUTH_FLOW: 'client-credentials', SALESFORCE_INSTANCE_URL: orgUrl, SALESFORCE_CLIENT_ID: org.clientId, SALESFORCE_CLIENT_SECRET: org.clientSecret });
    try {
      const check = async (mapping: SalesforceMapping) => {
        const describes = new Map<string, DescribedObject>();
        for (const sobject of mappedObjects(mapping)) {
          const described = await client.describe(sobject);
          if (described) describes.set(sobject, described);
        }
        return checkMappingAgainstDescribe(mapping, describes).map((p) => `${p.sobject}.${p.field}:${p.problem}`);
      };
      const voice: SalesforceMapping = { ...DEFAULT_SALESFORCE_MAPPING, voiceCall: { ...DEFAULT_SALESFORCE_MAPPING.voiceCall, enabled: true } };
      // The default mapping writes Buddie_Reason__c on the Case: an upsert creates Cases, so it is named.
      expect(await check(voice)).toEqual(['Case.Buddie_Reason__c:not-createable']);
      const { Buddie_Reason__c: _reason, ...caseFields } = voice.case.fields;
      expect(await check({ ...voice, case: { ...voice.case, fields: caseFields } })).toEqual([]);
      // And Salesforce (the test server) agrees: the update by Id Buddie sends is taken.
      const id = org.seed('VoiceCall', { VendorCallKey: 'upd-only-1' });
      expect(await client.updateCollection('VoiceCall', [{ id, fields: { Buddie_Summary__c: 'summary', Buddie_Link__c: 'https://buddie.example/c' } }])).toEqual([expect.objectContaining({ success: true })]);
    } finally {
      http.close();
      await org.close();
    }
  });
});
