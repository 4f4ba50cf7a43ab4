import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@buddie/runtime';
import { chromiumAvailable, launchChromium, type Browser } from '@buddie/testing';
import { ROOT, StackRunner, type RunningStack } from './stack.harness';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'living-center');
const describeWithBrowser = chromiumAvailable('the living-center browser test') ? describe : describe.skip;

/**
 * What a newcomer sees after `npm start`: the simulated center (on by default, 25 agents at real
 * time) fills the dashboard's board, and agents then change state live, with nobody feeding anything.
 */
describeWithBrowser('npm start: the dashboard comes alive from the simulator', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'buddie-living-'));
  const basePort = 20000 + Math.floor(Math.random() * 20000);
  const stacks = new StackRunner(basePort, { BUDDIE_DATA_DIR: dataDir });
  let running: RunningStack;
  let browser: Browser;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'apps', 'dashboard', 'build.js')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the dashboard build failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    running = await stacks.start();
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    await browser?.close();
    await stacks.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  it('shows the simulated agents on the board and their states changing live', async () => {
    expect(running.out.text()).toContain('simulator: 25 agents at 1x real time');
    const key = readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
    const { page } = browser;
    const upAt = Date.now();
    await page.goto(`http://127.0.0.1:${basePort}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const cards = page.locator('.card.agent');
    await waitFor('20 agents on the board', async () => {
      if ((await cards.count()) < 20) throw new Error(`${await cards.count()} agents`);
    }, 60000, 250);
    console.log(`board: ${await cards.count()} simulated agents ${((Date.now() - upAt) / 1000).toFixed(1)} s after sign-in`);
    await page.screenshot({ path: join(ARTIFACTS, 'board-filled.png'), fullPage: true });
    // Every card carries its routing profile, and the filters offer the simulated center's profiles and queues.
    expect(await page.locator('.card.agent .meta', { hasText: 'no profile' }).count()).toBe(0);
    expect(await page.locator('select').nth(0).locator('option').count()).toBeGreaterThan(1);
    expect(await page.locator('select').nth(1).locator('option').count()).toBeGreaterThan(1);

    // Live: some agent's status or activity changes on screen without a reload.
    const read = () => cards.evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-testid')}|${n.querySelector('[data-testid="agent-status"]')?.textContent}|${n.querySelector('.meta')?.textContent}`));
    const before = new Set(await read());
    let changed: string[] = [];
    await waitFor('an agent changing state on screen', async () => {
      changed = (await read()).filter((card) => !before.has(card));
      if (changed.length === 0) throw new Error('no change yet');
    }, 90000, 500);
    console.log(`live: ${changed.length} agent card(s) changed, e.g. ${changed[0]}`);
    expect(changed.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'board-live.png'), fullPage: true });
  }, 240000);
});
