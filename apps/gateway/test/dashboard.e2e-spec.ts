import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { assembleJourney, decideEscalations, DEFAULT_ESCALATION_RULES, type AgentAlert } from '@buddie/domain';
import { publishedDetail } from '@buddie/messaging';
import { AgentStateRepository, ContactRepository, createDynamoClients, EscalationRepository, JourneyRepository, SalesforceSyncRepository, SummaryRepository } from '@buddie/persistence';
import { agentInStatus, agentStateChangedDetail } from '../../../libs/api-contract/src/testing/stored-records';
import { chromiumAvailable, launchChromium, type Browser } from '@buddie/testing';
import { alertEvent } from '../../agent-monitor/src/agent-monitor.mapper';
import { GatewayHarness, type RunningGateway } from './gateway.harness';

const REPO = resolve(__dirname, '..', '..', '..');
const DASHBOARD = join(REPO, 'apps', 'dashboard');
const ARTIFACTS = join(REPO, 'test-artifacts', 'dashboard');
const DEV_KEY = 'bdk_browser-test-key-0123456789abcdef';

const describeWithBrowser = chromiumAvailable('the dashboard browser tests') ? describe : describe.skip;

describeWithBrowser('dashboard in Chromium, served by the gateway', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let browser: Browser;
  let page: Page;
  let escalationId = '';
  /** Puts a detail exactly as its producer publishes it (stamped and valid against the catalog). */
  const publish = (source: string, type: string, detail: object) => harness.env.router.putEvents([{ Source: source, DetailType: type, Detail: JSON.stringify(detail), EventBusName: 'buddie' }]);
  /** An agent as agent-monitor stores it: a view with its name, status, queue and routing profile. */
  const agent = (agentId: string, username: string, name: string, status: string, since: string, profile: string, queue: string) => {
    const view = agentInStatus(agentId, status, since);
    return { ...view, username, name, routingProfile: { arn: `arn:rp/${profile}`, name: profile }, queues: [{ arn: `arn:q/${queue}`, name: queue }], contacts: [] };
  };
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const open = async (view: string) => {
    await page.evaluate(`window.location.hash = '/${view}'`);
    await page.getByTestId('connection').getByText('live').waitFor({ timeout: 15000 });
  };

  beforeAll(async () => {
    // One `next build` at most per run, and none when apps/dashboard/out is already newer than its sources.
    const build = spawnSync(process.execPath, [join(DASHBOARD, 'build.js')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the dashboard build failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    harness = await GatewayHarness.create();
    gateway = await harness.start({ DEV_API_KEY: DEV_KEY, DASHBOARD_DIR: join(DASHBOARD, 'out') });

    const now = Date.now();
    const ago = (s: number) => new Date(now - s * 1000).toISOString();
    const states = new AgentStateRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('agent-states'));
    await states.save(agent('agent-1', 'jdoe', 'Jane Doe', 'Available', ago(90), 'Basic Routing', 'Billing'), 0, { openAlerts: 0, now: ago(90) });
    await states.save(agent('agent-2', 'bsmith', 'Bob Smith', 'Lunch', ago(400), 'Sales', 'Sales'), 0, { openAlerts: 0, now: ago(400) });
    await new ContactRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('contacts')).upsertCtr(
      { contactId: 'c-100', conversationId: 'c-100', channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: ago(600), disconnectTimestamp: ago(300), lastUpdateTimestamp: ago(290), agentUsername: 'jdoe', queueName: 'Billing', abandoned: false, fingerprint: 'f1', ctr: {} },
      ago(280),
    );
    await new SummaryRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('call-summaries')).putSummary({
      contactId: 'c-100',
      status: 'summarized',
      updatedAt: ago(200),
      summary: {
        contactId: 'c-100',
        headline: 'Customer disputed a duplicate charge; refund issued',
        reason: 'Duplicate card charge',
        actionsTaken: ['Verified identity', 'Issued refund'],
        outcome: 'resolved',
        followUps: [{ action: 'Email the refund receipt', owner: 'agent' }],
        sentiment: { start: 'negative', end: 'positive' },
        agentNotes: [],
        topics: ['billing'],
        escalation: { recommended: false },
        provider: 'offline',
        createdAt: ago(200),
      },
    });
    // A Case Salesforce rejected, as salesforce-sync stores it: pending, then failed with Salesforce's message.
    const longId = 'c-101-7d3f6a2e-4b1c-4e8a-9f0d-2a6b8c1e5f47-transferred-leg';
    await new ContactRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('contacts')).upsertCtr(
      { contactId: longId, conversationId: longId, channel: 'VOICE', initiationMethod: 'INBOUND', initiationTimestamp: ago(500), disconnectTimestamp: ago(400), lastUpdateTimestamp: ago(390), agentUsername: 'bsmith', queueName: 'Sales', abandoned: false, fingerprint: 'f2', ctr: {} },
      ago(380),
    );
    const syncRecords = new SalesforceSyncRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('salesforce-sync'));
    const pendingCase = await syncRecords.markPending({ kind: 'case', sourceId: longId, version: longId, contactId: longId, conversationId: longId }, ago(370));
    // c-100 on Service Cloud Voice: its Case synced, its VoiceCall update rejected, each stored as salesforce-sync stores them.
    const voiceCase = await syncRecords.markPending({ kind: 'case', sourceId: 'c-100', version: 'c-100', contactId: 'c-100', conversationId: 'c-100' }, ago(190));
    await syncRecords.markSynced(voiceCase!.recordKey, voiceCase!.revision, { sobject: 'Case', salesforceId: '500BU0000000001AAA' }, ago(185));
    const voiceCall = await syncRecords.markPending({ kind: 'voicecall', sourceId: 'c-100', version: '500BU0000000001AAA@1', contactIds: ['c-100'], conversationId: 'c-100' }, ago(185));
    await syncRecords.markFailed(voiceCall!.recordKey, voiceCall!.revision, { code: 'FIELD_INTEGRITY_EXCEPTION', reason: 'Related Record ID: id value of incorrect type [RelatedRecordId]' }, ago(184));
    await syncRecords.markFailed(pendingCase!.recordKey, pendingCase!.revision, { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: `Subject: https://buddie.example.com/#/calls?contact=${longId}&view=summary&from=salesforce-validation-rule-Case_Subject_Must_Not_Contain_Links is not allowed [Subject]` }, ago(360));
    // Stored as ivr-journey and escalation store them: the domain's journey and escalation decisions through the repositories.
    const { doc } = createDynamoClients(harness.env.config);
    const entry = (type: string, s: number, extra: Record<string, unknown> = {}) => ({ ContactId: 'c-100', ContactFlowName: 'Main IVR', ContactFlowModuleType: type, Identifier: type, Timestamp: ago(s), ...extra });
    const journey = assembleJourney({
      contactId: 'c-100',
      entries: [entry('PlayPrompt', 600, { Parameters: { Text: 'Welcome prompt' } }), entry('GetUserInput', 590, { Parameters: { Text: 'Main menu: for billing, press 1.' }, Results: 'Timeout' }), entry('GetUserInput', 585, { Parameters: { Text: 'Main menu: for billing, press 1.' }, Results: '9' }), entry('TransferToQueue', 580)],
    });
    await new JourneyRepository(doc, harness.env.physical('journeys')).save(journey, ago(280), 'x');
    const [draft] = decideEscalations({ kind: 'journey-failure', contactId: 'c-100', correlationId: 'x', occurredAt: ago(120), failures: journey.failures }, DEFAULT_ESCALATION_RULES);
    escalationId = draft.escalationId;
    await new EscalationRepository(doc, harness.env.physical('escalations')).open(draft, ago(120));

    browser = await launchChromium();
    page = browser.page;
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('signs in with an API key, and the session survives a reload', async () => {
    await page.goto(gateway.url);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('the API key is not valid').waitFor();
    await page.getByLabel('API key').fill(DEV_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('agent-agent-1').waitFor({ timeout: 15000 });
    await page.reload();
    await page.getByTestId('agent-agent-1').waitFor({ timeout: 15000 });
    expect(await page.getByLabel('API key').count()).toBe(0);
    // API_DOCS is on locally by default, so the nav links to the document (hidden where the gateway does not serve it).
    expect(await page.getByTestId('api-docs').getAttribute('href')).toBe('/docs');
  });

  it('the board updates live when an agent changes state', async () => {
    await open('board');
    const card = page.getByTestId('agent-agent-1');
    expect(await card.getByTestId('agent-status').textContent()).toBe('Available');
    await shot('board-before');
    const onBreak = agent('agent-1', 'jdoe', 'Jane Doe', 'Break', new Date().toISOString(), 'Basic Routing', 'Billing');
    await publish('buddie.agent-monitor', 'AgentStateChanged', agentStateChangedDetail(onBreak, 2, 0, `t-${Date.now()}`));
    await card.getByTestId('agent-status').getByText('Break').waitFor({ timeout: 15000 });
    await shot('board');
  });

  it('an alert appears and clears', async () => {
    await open('alerts');
    await page.getByTestId('no-alerts').waitFor();
    // As agent-monitor announces them: its own mapper, stamped as its publisher stamps them.
    const at = new Date().toISOString();
    const alert: AgentAlert = { id: 'agent-1:acw:1', agentId: 'agent-1', ruleId: 'acw-too-long', severity: 'critical', message: 'After-contact work over 60 s', startedAt: at, raisedAt: at, lastValue: 61, status: 'open' };
    await publish('buddie.agent-monitor', 'AgentAlertRaised', publishedDetail(alertEvent('AgentAlertRaised', alert), new Date()));
    await page.getByTestId('alert-agent-1:acw:1').waitFor({ timeout: 15000 });
    await shot('alerts');
    await open('board');
    await page.locator('[data-testid="agent-agent-1"].alerting').waitFor({ timeout: 5000 });
    await open('alerts');
    await publish('buddie.agent-monitor', 'AgentAlertCleared', publishedDetail(alertEvent('AgentAlertCleared', { ...alert, status: 'cleared', clearedAt: new Date().toISOString() }), new Date()));
    await page.getByTestId('alert-agent-1:acw:1').waitFor({ state: 'detached', timeout: 15000 });
  });

  it('a call opens with its summary and journey timeline', async () => {
    await open('calls');
    await page.getByTestId('call-c-100').click();
    await page.getByTestId('summary-headline').getByText('duplicate charge').waitFor({ timeout: 10000 });
    await page.getByText('Email the refund receipt').waitFor();
    await page.getByTestId('journey-timeline').getByText('Main menu').first().waitFor();
    await page.getByTestId('journey-failures').getByText('could not get past').waitFor();
    await shot('call-summary');
  });

  it('an escalation is acknowledged from the queue', async () => {
    await open('escalations');
    const row = page.getByTestId(`escalation-${escalationId}`);
    await row.waitFor({ timeout: 10000 });
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await row.getByTestId('escalation-status').getByText('acknowledged').waitFor({ timeout: 10000 });
    await row.getByText('by development key').waitFor();
    const stored = await fetch(`${gateway.url}/api/v1/escalations/${encodeURIComponent(escalationId)}`, { headers: { 'x-api-key': DEV_KEY } }).then((r) => r.json() as Promise<{ status: string; acknowledgedBy: string }>);
    expect(stored).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'development key' });
    await shot('escalations');
  });

  it('journeys and Salesforce sync views render', async () => {
    await open('journeys');
    await page.getByText('IVR journeys, last 24 h (1)').waitFor({ timeout: 10000 });
    await page.getByTestId('flow-funnel').locator('option', { hasText: 'Main IVR (1)' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Flow').inputValue()).toBe('Main IVR');
    await shot('journeys');
    await open('sync');
    await page.getByText('c-100').first().waitFor({ timeout: 10000 });
    // A rejected record's reason (Salesforce's message, long and with unbroken tokens) stays inside its panel.
    await page.getByText('FIELD_CUSTOM_VALIDATION_EXCEPTION').first().waitFor({ timeout: 10000 });
    // A synced Case whose VoiceCall Salesforce rejected says both: the Case's id, and the VoiceCall failed with Salesforce's message.
    const c100 = page.getByTestId('sync-table').locator('tr', { hasText: 'c-100' });
    expect(await c100.getByText('synced', { exact: true }).count()).toBe(1);
    await c100.getByText('500BU0000000001AAA').waitFor({ timeout: 10000 });
    expect(await c100.getByTestId('sync-voicecall').innerText()).toBe('VoiceCall failed FIELD_INTEGRITY_EXCEPTION: Related Record ID: id value of incorrect type [RelatedRecordId]');
    const overflow = await page.getByTestId('sync-table').evaluate((panel) => {
      const scroller = panel.querySelector('table')!.parentElement!;
      return { panel: panel.scrollWidth - panel.clientWidth, table: scroller.scrollWidth - scroller.clientWidth };
    });
    expect(overflow).toEqual({ panel: 0, table: 0 });
    await shot('sync');
    expect(existsSync(join(ARTIFACTS, 'sync.png'))).toBe(true);
  });
});
