import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@buddie/runtime';
import { chromiumAvailable, launchChromium, type Browser } from '@buddie/testing';
import { ROOT, StackRunner, type RunningStack } from './stack.harness';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'living-center');
const describeWithBrowser = chromiumAvailable('the living-center browser test') ? describe : describe.skip;

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface ContactItem {
  contactId: string;
  channel: string;
  pipeline: Record<string, string>;
}
interface SummaryItem {
  contactId: string;
  status: string;
  summary?: { headline: string; reason: string; outcome: string; sentiment: { start: string; end: string }; actionsTaken: string[] };
}

/**
 * What a newcomer sees after `npm start`, with nothing replayed: the default `buddie start` (simulated center
 * on, 25 agents at real time) fills the board, delivers its calls and chats through the entry points AWS uses,
 * and they come back summarized through the API and on the dashboard. Screenshots of every view go to
 * test-artifacts/living-center.
 */
describeWithBrowser('npm start: the living center delivers calls with summaries, with no replay', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'buddie-living-'));
  const stacks = new StackRunner({ BUDDIE_DATA_DIR: dataDir });
  let running: RunningStack;
  let browser: Browser;
  let key: string;
  let upAt: number;

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${stacks.url}/api/v1${path}`, { headers: { 'x-api-key': key } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'apps', 'dashboard', 'build.js')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the dashboard build failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    running = await stacks.start();
    upAt = Date.now();
    key = readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await stacks.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  it('delivers the simulated contacts and their summaries through the API, and buddie start reports no delivery error', async () => {
    expect(running.out.text()).toContain('simulator: 25 agents at 1x real time');
    let contacts: ContactItem[] = [];
    await waitFor('simulated contacts in GET /contacts', async () => {
      contacts = (await get<Page<ContactItem>>('/contacts?limit=100')).items;
      if (contacts.length < 5) throw new Error(`${contacts.length} contacts`);
    }, 240000, 2000);
    let summarized: SummaryItem[] = [];
    await waitFor('summaries in GET /summaries', async () => {
      summarized = (await get<Page<SummaryItem>>('/summaries?limit=50')).items;
      if (summarized.length < 3) throw new Error(`${summarized.length} summaries`);
    }, 240000, 2000);
    console.log(`living center: ${contacts.length} contacts and ${summarized.length} summaries ${((Date.now() - upAt) / 1000).toFixed(0)} s after "Buddie is up", nothing replayed`);
    for (const record of summarized) {
      expect(record.status).toBe('summarized');
      expect(record.summary?.headline).toBeTruthy();
      expect(record.summary?.reason).not.toMatch(/No reason stated/);
      expect(record.summary?.actionsTaken.join(' ') ?? '').not.toMatch(/Thank you for calling|you are through to|speaking\./);
    }
    // A full page, not an empty one with a cursor.
    // Each summary's redacted transcript is served next to it: turns, and no card-length run of digits.
    for (const record of summarized.slice(0, 5)) {
      const transcript = await get<{ contactId: string; turns: { role: string; text: string }[] }>(`/contacts/${record.contactId}/transcript`);
      expect(transcript.contactId).toBe(record.contactId);
      expect(transcript.turns.length).toBeGreaterThan(0);
      expect(transcript.turns.map((t) => t.text).join(' ')).not.toMatch(/\d{13,19}/);
    }
    expect((await get<Page<SummaryItem>>('/summaries?limit=1')).items).toHaveLength(1);
    const chats = contacts.filter((c) => c.channel === 'CHAT' && c.pipeline.summarized).map((c) => c.contactId);
    for (const id of chats) expect((await get<SummaryItem>(`/contacts/${id}/summary`)).summary?.reason).not.toMatch(/No reason stated/);
    console.log(`${chats.length} summarized chat(s) among them`);

    // The same simulated contacts' IVR paths, assembled by ivr-journey from their flow logs and CTRs.
    let journeys: { contactId: string; outcome: string; entryFlowName: string | null }[] = [];
    await waitFor('journeys in GET /journeys', async () => {
      journeys = (await get<Page<(typeof journeys)[number]>>('/journeys?limit=50')).items;
      if (journeys.length < 3) throw new Error(`${journeys.length} journeys`);
    }, 180000, 2000);
    for (const journey of journeys) expect(journey.entryFlowName).toBeTruthy();
    const timeline = await get<{ contactId: string; steps: unknown[] }>(`/journeys/${journeys[0].contactId}`);
    expect(timeline.steps.length).toBeGreaterThan(0);
    console.log(`${journeys.length} journeys: ${[...new Set(journeys.map((j) => j.outcome))].join(', ')}`);
    // What the rules escalate (failed journeys, summaries that recommend it, agent alerts) opens the queue: once per subject and cause.
    let escalations: { escalationId: string; status: string; trigger: string; cause: string; reasons: string[] }[] = [];
    await waitFor('escalations in GET /escalations', async () => {
      escalations = (await get<Page<(typeof escalations)[number]>>('/escalations?limit=50')).items;
      if (escalations.length < 1) throw new Error('no escalation yet');
    }, 240000, 2000);
    expect(new Set(escalations.map((e) => e.escalationId)).size).toBe(escalations.length);
    for (const escalation of escalations) expect(escalation.reasons.join(' ').length).toBeGreaterThan(5);
    console.log(`${escalations.length} escalations: ${[...new Set(escalations.map((e) => `${e.trigger}/${e.cause}`))].join(', ')}`);
    const synced = await get<Page<{ contactId: string; state: string }>>('/sync-status?limit=50');
    console.log(`sync states: ${JSON.stringify(synced.items.reduce<Record<string, number>>((n, r) => ({ ...n, [r.state]: (n[r.state] ?? 0) + 1 }), {}))}`);
    expect(synced.items.length).toBeGreaterThan(0);

    await waitFor('the status line of buddie start', async () => {
      if (!/simulator delivered [1-9]\d* contacts \(CTRs\), [1-9]\d* Contact Lens files/.test(running.out.text())) throw new Error('no status line yet');
    }, 120000, 1000);
    const status = running.out.text().split('\n').filter((line) => line.includes('simulator delivered')).pop()!;
    console.log(status.trim());
    expect(status).toContain('no delivery errors');
    expect(running.out.text()).not.toContain('simulator delivery failed');
  }, 600000);

  it('shows every dashboard view with what a supervisor expects: the board filling and changing, calls with headlines and their summary', async () => {
    const { page } = browser;
    await page.goto(`${stacks.url}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const cards = page.locator('.card.agent');
    await waitFor('20 agents on the board', async () => {
      if ((await cards.count()) < 20) throw new Error(`${await cards.count()} agents`);
    }, 60000, 250);
    await page.screenshot({ path: join(ARTIFACTS, 'board.png'), fullPage: true });
    expect(await page.locator('.card.agent .meta', { hasText: 'no profile' }).count()).toBe(0);
    expect(await page.locator('select').nth(0).locator('option').count()).toBeGreaterThan(1);

    // Live: some card changes on screen without a reload.
    const read = () => cards.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-testid')}|${n.textContent?.replace(/\d+:\d\d(:\d\d)?/g, '')}`));
    const before = new Set(await read());
    let changed: string[] = [];
    await waitFor('an agent card changing on screen', async () => {
      changed = (await read()).filter((card) => !before.has(card));
      if (changed.length === 0) throw new Error('no change yet');
    }, 120000, 500);
    console.log(`live: ${changed.length} agent card(s) changed, e.g. ${changed[0]}`);
    await page.screenshot({ path: join(ARTIFACTS, 'board-live.png'), fullPage: true });

    // Calls: rows with their headline (not a placeholder), and the summary of one of them.
    await page.goto(`${stacks.url}/#/calls`);
    const headlines = page.locator('[data-testid="call-headline"]');
    await waitFor('calls with headlines', async () => {
      const texts = await headlines.allTextContents();
      if (texts.filter((t) => t.length > 5).length < 3) throw new Error(`headlines: ${JSON.stringify(texts.slice(0, 5))}`);
    }, 120000, 1000);
    const texts = await headlines.allTextContents();
    expect(texts).not.toContain('summarized');
    await page.screenshot({ path: join(ARTIFACTS, 'calls.png'), fullPage: true });
    const withHeadline = page.locator('tr', { has: page.locator('[data-testid="call-headline"]', { hasText: /\w{4,}/ }) }).first();
    await withHeadline.click();
    const headline = page.getByTestId('summary-headline');
    await headline.waitFor({ timeout: 30000 });
    expect((await headline.textContent())?.length).toBeGreaterThan(5);
    await expect(page.getByTestId('summary-detail').textContent()).resolves.toMatch(/Outcome:.*Sentiment:/s);
    await page.getByTestId('transcript').locator('li').first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: join(ARTIFACTS, 'call-detail.png'), fullPage: true });

    for (const [view, title] of [
      ['alerts', 'Alerts'],
      ['journeys', 'IVR journeys'],
      ['escalations', 'Escalations'],
      ['sync', 'Salesforce sync'],
    ]) {
      await page.goto(`${stacks.url}/#/${view}`);
      await page.locator('.topbar h1', { hasText: title }).waitFor({ timeout: 30000 });
      await page.locator('.main .panel, .main .alert-item, .main [data-testid="no-alerts"]').first().waitFor({ timeout: 30000 });
      if (view === 'journeys') {
        await page.locator('tr[data-testid^="journey-"]').first().waitFor({ timeout: 30000 });
        // The analytics and the funnel are read once the view has its journeys: wait for them before the screenshot.
        await page.getByTestId('journey-stats').getByText(/last 24 h \([1-9]\d*\)/).waitFor({ timeout: 30000 });
        await page.getByTestId('flow-funnel').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30000 });
      }
      // Escalations: the queue holds the simulated center's escalations, and a supervisor acknowledges one from it.
      if (view === 'escalations') {
        const open = page.locator('tr[data-testid^="escalation-"]', { has: page.getByTestId('escalation-status').getByText('open', { exact: true }) }).first();
        await open.waitFor({ timeout: 30000 });
        const id = await open.getAttribute('data-testid');
        await open.getByRole('button', { name: 'Acknowledge' }).click();
        await page.getByTestId(id!).getByTestId('escalation-status').getByText('acknowledged').waitFor({ timeout: 30000 });
      }
      // Salesforce sync: the calls summarized so far, each with its state against the local Salesforce test server.
      if (view === 'sync') await page.locator('.main tbody tr .badge').first().waitFor({ timeout: 30000 });
      await page.screenshot({ path: join(ARTIFACTS, `${view}.png`), fullPage: true });
    }
  }, 480000);
});
