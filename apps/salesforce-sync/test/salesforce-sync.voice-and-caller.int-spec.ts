import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadConfig, physicalName, SalesforceSyncConfig } from '@buddie/config';
import { contactMatchQuery, systemClock, type CallSummary } from '@buddie/domain';
import { toSyncStatusDto } from '@buddie/api-contract';
import { EventPublisher, readDeadLetterInfo, summaryCreatedFields } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, createDynamoClients, SalesforceSyncRepository, SummaryRepository, SyncStatusRepository, TABLES } from '@buddie/persistence';
import { createEventBridgeClient } from '@buddie/runtime';
import { createTestEnvironment, drainQueue, queueUrl, SalesforceTestServer, type TestEnvironment } from '@buddie/testing';
import { loadMapping, SalesforceSyncRuntime } from '../src/salesforce-sync.runtime';
import { SalesforceSyncReconciler } from '../src/sync/salesforce-sync.reconciler';

const summary = (contactId: string, headline: string): CallSummary => ({
  contactId,
  headline,
  reason: 'Card declined abroad',
  actionsTaken: ['Lifted the travel block'],
  outcome: 'resolved',
  followUps: [],
  sentiment: { start: 'negative', end: 'positive' },
  agentNotes: [],
  topics: ['cards'],
  escalation: { recommended: false },
  provider: 'offline',
  createdAt: '2026-12-01T10:00:00.000Z',
});

/** A Service Cloud Voice org with caller matching on, configured by a mapping file only (no code). */
const MAPPING = {
  case: {
    fields: {
      Subject: 'summary.headline',
      Description: 'summary.description',
      SuppliedPhone: 'contact.callerNumber',
      ContactId: 'match.contactId',
      AccountId: 'match.accountId',
    },
  },
  voiceCall: { enabled: true },
  contactMatch: { enabled: true },
};

describe('salesforce-sync: VoiceCall target and caller match (Salesforce test server, emulators)', () => {
  const server = new SalesforceTestServer();
  let env: TestEnvironment;
  let config: SalesforceSyncConfig;
  let runtime: SalesforceSyncRuntime;
  let contacts: ContactRepository;
  let summaries: SummaryRepository;
  let sync: SalesforceSyncRepository;
  let statuses: SyncStatusRepository;
  let dynamo: ReturnType<typeof createDynamoClients>;
  const logged: string[] = [];

  async function call(contactId: string, conversationId: string, at: string, callerNumber: string | null, channel = 'VOICE'): Promise<void> {
    // The CTR as ingestion stores it: the full record, the caller's number in CustomerEndpoint.
    const ctr = { ContactId: contactId, InitialContactId: conversationId, Channel: channel, ...(callerNumber ? { CustomerEndpoint: { Type: 'TELEPHONE_NUMBER', Address: callerNumber } } : {}) };
    await contacts.upsertCtr({ contactId, conversationId, channel, initiationMethod: 'INBOUND', initiationTimestamp: at, disconnectTimestamp: at, lastUpdateTimestamp: at, agentUsername: 'bob', queueName: 'Cards', abandoned: false, fingerprint: contactId, ctr }, at);
    await summaries.putSummary({ contactId, status: 'summarized', updatedAt: at, summary: summary(contactId, `Card help ${contactId}`) });
    await runtime.service.summaryCreated(summaryCreatedFields({ contactId, summary: summary(contactId, `Card help ${contactId}`) }, `corr-${contactId}`));
  }

  const settle = async () => {
    for (let i = 0; i < 50; i++) {
      await runtime.batcher.drain();
      await new Promise((r) => setTimeout(r, 100));
      // held counts the keys waiting out a retry delay too, not only the due ones.
      if (runtime.batcher.held === 0) return runtime.batcher.drain();
    }
  };

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    }
    const dir = mkdtempSync(join(tmpdir(), 'buddie-sf-mapping-'));
    writeFileSync(join(dir, 'mapping.json'), JSON.stringify(MAPPING));
    const url = await server.listen();
    env = await createTestEnvironment();
    config = loadConfig(SalesforceSyncConfig, {
      ...env.env,
      SALESFORCE_AUTH_FLOW: 'client-credentials',
      SALESFORCE_INSTANCE_URL: url,
      SALESFORCE_CLIENT_ID: server.clientId,
      SALESFORCE_CLIENT_SECRET: server.clientSecret,
      SALESFORCE_MAPPING_FILE: join(dir, 'mapping.json'),
      SALESFORCE_BATCH_WINDOW_MS: '50',
      SALESFORCE_RETRY_BASE_MS: '10',
      SALESFORCE_RETRY_MAX_MS: '50',
      SALESFORCE_LIMIT_PAUSE_MS: '2000',
    });
    dynamo = createDynamoClients(config);
    contacts = new ContactRepository(dynamo.doc, physicalName(config, TABLES.contacts.logicalName));
    summaries = new SummaryRepository(dynamo.doc, physicalName(config, TABLES.summaries.logicalName));
    sync = new SalesforceSyncRepository(dynamo.doc, physicalName(config, TABLES.salesforceSync.logicalName));
    // What GET /api/v1/sync-status serves (the gateway's controller maps it with toSyncStatusDto).
    statuses = new SyncStatusRepository(contacts, sync);
    runtime = new SalesforceSyncRuntime(config, { doc: dynamo.doc, sqs: env.sqs, events: new EventPublisher(createEventBridgeClient(config), { busName: config.EVENT_BUS_NAME }), clock: systemClock, registry: new MetricsRegistry() });
    await runtime.onApplicationBootstrap();
  });

  afterAll(async () => {
    await runtime.beforeApplicationShutdown();
    dynamo.client.destroy();
    await env.close();
    await server.close();
    jest.restoreAllMocks();
  });

  it('given a transferred call on Service Cloud Voice, then one Case, each leg’s VoiceCall carries its summary with the Case hanging off it; Buddie creates no VoiceCall', async () => {
    // The telephony integration created the calls (VendorCallKey = Connect's ContactId); a chat has none.
    const first = server.seed('VoiceCall', { VendorCallKey: 'scv-1', CallType: 'Inbound', CallDisposition: 'completed' });
    const second = server.seed('VoiceCall', { VendorCallKey: 'scv-2', CallType: 'Transfer', CallDisposition: 'completed' });
    await call('scv-1', 'scv-1', '2026-12-01T09:00:00Z', null);
    await call('scv-2', 'scv-1', '2026-12-01T09:05:00Z', null);
    await call('chat-1', 'chat-1', '2026-12-01T09:06:00Z', null, 'CHAT');
    await settle();
    const cases = server.find('Case', 'Buddie_Contact_Id__c', 'scv-1');
    expect(cases).toHaveLength(1);
    const [one, two] = [server.all('VoiceCall').find((v) => v.Id === first)!, server.all('VoiceCall').find((v) => v.Id === second)!];
    expect(one).toMatchObject({ RelatedRecordId: cases[0].Id, CallDisposition: 'completed', Buddie_Link__c: expect.stringContaining('contact=scv-1') });
    expect(String(one.Buddie_Summary__c)).toMatch(/^2026-12-01T09:00:00Z \(Cards, bob\)\n/);
    expect(two).toMatchObject({ RelatedRecordId: cases[0].Id });
    expect(String(two.Buddie_Summary__c)).toMatch(/^2026-12-01T09:05:00Z /);
    expect(server.all('VoiceCall')).toHaveLength(2);
    expect(await sync.get('case:chat-1')).toMatchObject({ state: 'synced' });

    // VendorCallKey is no External ID field: an upsert by it is refused, as Salesforce refuses it.
    await expect(runtime.client!.upsertOne({ sobject: 'VoiceCall', externalIdField: 'VendorCallKey', externalId: 'scv-3', fields: {} })).rejects.toMatchObject({ code: 'INVALID_FIELD' });
  });

  it('given a VoiceCall outage after the Case is written, then the Case is synced once and only the VoiceCall waits, pending with the reason, until Salesforce is back', async () => {
    const voiceCall = server.seed('VoiceCall', { VendorCallKey: 'scv-out', CallType: 'Inbound' });
    const upsertsBefore = server.counters.byRoute['collections-upsert'] ?? 0;
    // The VoiceCall lookup (the step after the Case upsert) answers 503 three times in a row.
    server.inject({ kind: 'status-503', times: 3, pathIncludes: '/query' });
    await call('scv-out', 'scv-out', '2026-12-01T09:30:00Z', null);
    await runtime.batcher.drain();
    const cases = server.find('Case', 'Buddie_Contact_Id__c', 'scv-out');
    expect(cases).toHaveLength(1);
    expect(await sync.get('case:scv-out')).toMatchObject({ state: 'synced', salesforceId: cases[0].Id });
    expect(await sync.get('voicecall:scv-out')).toMatchObject({ state: 'pending', lastError: expect.stringContaining('SERVER_UNAVAILABLE') });
    const status = toSyncStatusDto((await statuses.get('scv-out'))!);
    expect(status).toMatchObject({ state: 'synced', salesforceId: cases[0].Id, voiceCall: { state: 'pending', lastError: expect.stringContaining('SERVER_UNAVAILABLE'), salesforceIds: [] } });

    await settle();
    expect(server.all('VoiceCall').find((v) => v.Id === voiceCall)).toMatchObject({ RelatedRecordId: cases[0].Id });
    expect(await sync.get('voicecall:scv-out')).toMatchObject({ state: 'synced', salesforceId: voiceCall });
    expect(toSyncStatusDto((await statuses.get('scv-out'))!).voiceCall).toEqual({ state: 'synced', salesforceIds: [voiceCall], errorCode: null, reason: null, lastError: null });
    // The Case went out in one upsert call and was never re-sent for its VoiceCall.
    expect((server.counters.byRoute['collections-upsert'] ?? 0) - upsertsBefore).toBe(1);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'scv-out')).toHaveLength(1);
  });

  it('given a VoiceCall pending past the deadline (a restart lost its retry), then the reconciler re-sends the VoiceCall update alone', async () => {
    const voiceCall = server.seed('VoiceCall', { VendorCallKey: 'scv-rec', CallType: 'Inbound' });
    // Long enough that the in-memory retry is not what writes it.
    server.inject({ kind: 'request-limit', times: 1, pathIncludes: '/query' });
    await call('scv-rec', 'scv-rec', '2026-12-01T09:40:00Z', null);
    await runtime.batcher.drain();
    expect(await sync.get('voicecall:scv-rec')).toMatchObject({ state: 'pending', lastError: expect.stringContaining('REQUEST_LIMIT_EXCEEDED') });
    const upsertsBefore = server.counters.byRoute['collections-upsert'] ?? 0;
    const reconciler = new SalesforceSyncReconciler(sync, runtime.batcher, { now: () => new Date(Date.now() + 3_600_000) }, { deadlineMs: 1000, intervalMs: 60_000 }, { warn: () => undefined });
    expect(await reconciler.runOnce()).toBeGreaterThanOrEqual(1);
    await runtime.batcher.drain();
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'scv-rec')[0].Id;
    expect(server.all('VoiceCall').find((v) => v.Id === voiceCall)).toMatchObject({ RelatedRecordId: caseId });
    expect(await sync.get('voicecall:scv-rec')).toMatchObject({ state: 'synced', salesforceId: voiceCall });
    expect((server.counters.byRoute['collections-upsert'] ?? 0) - upsertsBefore).toBe(0);
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'scv-rec')).toHaveLength(1);
  });

  it('given Salesforce rejects a VoiceCall update, then its Case stays synced, the VoiceCall is failed with Salesforce’s code and message in the sync status, and in the DLQ', async () => {
    const dlq = await queueUrl(env.sqs, env.physical('salesforce-sync-dlq'));
    await drainQueue(env.sqs, dlq, { quietMs: 300 });
    server.seed('VoiceCall', { VendorCallKey: 'scv-bad', CallType: 'Inbound' });
    server.setValidationRules([{ sobject: 'VoiceCall', field: 'Buddie_Summary__c', check: (r) => (r.VendorCallKey === 'scv-bad' && r.Buddie_Summary__c ? 'Summaries are locked on this call' : undefined) }]);
    await call('scv-bad', 'scv-bad', '2026-12-01T09:50:00Z', null);
    await settle();
    server.setValidationRules([]);
    const caseId = server.find('Case', 'Buddie_Contact_Id__c', 'scv-bad')[0].Id;
    expect(await sync.get('case:scv-bad')).toMatchObject({ state: 'synced', salesforceId: caseId });
    expect(toSyncStatusDto((await statuses.get('scv-bad'))!)).toMatchObject({
      state: 'synced',
      salesforceId: caseId,
      voiceCall: { state: 'failed', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'Summaries are locked on this call [Buddie_Summary__c]', lastError: null, salesforceIds: [] },
    });
    const dead = await drainQueue(env.sqs, dlq, { expect: 1 });
    expect(dead.map((m) => readDeadLetterInfo(m).reason)).toEqual(['Summaries are locked on this call [Buddie_Summary__c]']);
    expect(JSON.parse(dead[0].Body!)).toMatchObject({ recordKey: 'voicecall:scv-bad', kind: 'voicecall', contactIds: ['scv-bad'] });
  });

  it('given callers by number, then a unique match links Contact and Account, a shared or hostile number links none, and no number reaches a log', async () => {
    const account = server.seed('Account', { Name: 'Acme' });
    const known = server.seed('Contact', { LastName: 'Known', Phone: '+12065550100', AccountId: account });
    server.seed('Contact', { LastName: 'Twin A', Phone: '+12065550111' });
    server.seed('Contact', { LastName: 'Twin B', MobilePhone: '+12065550111' });
    // Would match every Contact if it were pasted into the query instead of bound as a literal.
    const hostile = "+12065550100' OR LastName != '";
    server.seed('Contact', { LastName: 'Hostile', Phone: hostile });
    await call('cm-1', 'cm-1', '2026-12-01T10:00:00Z', '+12065550100');
    await call('cm-2', 'cm-2', '2026-12-01T10:01:00Z', '+12065550111');
    await call('cm-3', 'cm-3', '2026-12-01T10:02:00Z', hostile);
    await settle();
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'cm-1')[0]).toMatchObject({ ContactId: known, AccountId: account, SuppliedPhone: '+12065550100' });
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'cm-2')[0].ContactId).toBeUndefined();
    expect(server.find('Case', 'Buddie_Contact_Id__c', 'cm-3')[0].ContactId).toBeUndefined();
    expect(logged.join('\n')).not.toMatch(/2065550(100|111)/);

    // Bind-safe SOQL: quotes and backslashes are escaped by SOQL's rules, so the literal matches only itself.
    const rows = await runtime.client!.query(contactMatchQuery([hostile, "it\\'s"], loadMapping(config))!);
    expect(rows.map((r) => r.Id)).toEqual([server.find('Contact', 'LastName', 'Hostile')[0].Id]);
  });

  it('given Salesforce rejects a Case with a message quoting the caller’s number, then the DLQ reason, sync state and logs carry it masked', async () => {
    server.setValidationRules([{ sobject: 'Case', field: 'SuppliedPhone', check: (r) => (r.SuppliedPhone === '+12065550199' ? 'Phone +12065550199 is on the do-not-contact list' : undefined) }]);
    const dlq = await queueUrl(env.sqs, env.physical('salesforce-sync-dlq'));
    await drainQueue(env.sqs, dlq, { quietMs: 300 });
    await call('cm-4', 'cm-4', '2026-12-01T10:03:00Z', '+12065550199');
    await settle();
    server.setValidationRules([]);
    const masked = 'Phone +*******0199 is on the do-not-contact list [SuppliedPhone]';
    expect(await sync.get('case:cm-4')).toMatchObject({ state: 'failed', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: masked });
    const dead = await drainQueue(env.sqs, dlq, { expect: 1 });
    expect(dead.map((m) => readDeadLetterInfo(m).reason)).toEqual([masked]);
    expect(dead[0].Body).not.toContain('2065550199');
    expect(logged.join('\n')).not.toContain('2065550199');
  });
});
