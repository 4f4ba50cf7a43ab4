import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { AgentMonitorConfig, loadConfig, physicalName } from '@buddie/config';
import type { AgentEventInput } from '@buddie/domain';
import { STREAMS } from '@buddie/messaging';
import { createKinesisClient, waitFor } from '@buddie/runtime';
import { chromiumAvailable, launchChromium, type Browser } from '@buddie/testing';
import { JDOE_SHIFT, readAgentEvents } from '../../libs/testing/src/fixtures';
import { ROOT, StackRunner } from './stack.harness';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'board-activity');
const describeWithBrowser = chromiumAvailable('the board activity browser test') ? describe : describe.skip;

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g;

/** The fixture shift moved so that it ends a minute ago: timers on the cards then read minutes, not years. */
function restamped(events: readonly AgentEventInput[]): AgentEventInput[] {
  const offset = Date.now() - 60_000 - Date.parse(events[events.length - 1].EventTimestamp);
  return events.map((event) => JSON.parse(JSON.stringify(event).replace(ISO, (_, iso: string) => `"${new Date(Date.parse(iso) + offset).toISOString()}"`)) as AgentEventInput);
}

/**
 * The board's activity through the real path: agent events on the Kinesis agent event stream ->
 * agent-monitor (fold, boardActivityOf, AgentStateChanged) -> local EventBridge router -> SQS ->
 * gateway -> Socket.IO -> the card in Chromium. The stack is `buddie start` without the simulator,
 * so the only agent on the board is the one this test drives.
 */
describeWithBrowser('board: a card shows the agent\'s activity and follows it live', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'buddie-activity-'));
  const stacks = new StackRunner({ BUDDIE_DATA_DIR: dataDir, BUDDIE_SIMULATOR: 'off' });
  let browser: Browser;
  let kinesis: KinesisClient;
  let stream: string;
  // Up to her break: login, Available, a call that rings, is answered, held, resumed, ends in ACW, then Break.
  const shift = restamped(readAgentEvents(JDOE_SHIFT).slice(0, 17)).filter((event) => event.EventType !== 'HEART_BEAT');
  const agentId = shift[0].AgentARN.split('/agent/')[1];

  const put = async (event: AgentEventInput) => {
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: [{ PartitionKey: event.AgentARN, Data: Buffer.from(JSON.stringify(event)) }] }));
    expect(result.FailedRecordCount ?? 0).toBe(0);
  };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'apps', 'dashboard', 'build.js')], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the dashboard build failed');
    mkdirSync(ARTIFACTS, { recursive: true });
    await stacks.start();
    const state = JSON.parse(readFileSync(join(dataDir, 'local-stack.json'), 'utf8')) as { env: Record<string, string> };
    const config = loadConfig(AgentMonitorConfig, state.env);
    kinesis = createKinesisClient(config);
    stream = config.AGENT_EVENTS_STREAM ?? physicalName(config, STREAMS.agentEvents.logicalName);
    browser = await launchChromium();
  }, 300000);

  afterAll(async () => {
    kinesis?.destroy();
    await browser?.close();
    await stacks.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60000);

  it('headline, colour and timer follow the contact: available, incoming, on contact, on hold, after-contact work, then a custom Break; the chart and the filter go by activity', async () => {
    const { page } = browser;
    const key = readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
    await page.goto(`${stacks.url}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').getByText('live').waitFor({ timeout: 30000 });

    const card = page.getByTestId(`agent-${agentId}`);
    const headline = card.getByTestId('agent-activity');
    const expectActivity = async (activity: string, label: string) => {
      await waitFor(`card reads ${label}`, async () => {
        const [shown, attribute] = await Promise.all([headline.textContent({ timeout: 1000 }), card.getAttribute('data-activity', { timeout: 1000 })]);
        if (shown !== label || attribute !== activity) throw new Error(`card shows ${attribute}: ${shown}`);
      }, 60000, 250);
    };

    // LOGIN and Available: the status and the activity agree.
    await put(shift[0]);
    await put(shift[1]);
    await expectActivity('available', 'Available');
    expect(await card.getByTestId('agent-status').textContent()).toBe('Available');
    const green = await headline.getAttribute('style');

    // The call: the status stays Available all along, the headline does not.
    const steps: [number, string, string][] = [
      [2, 'incoming', 'Incoming'],
      [3, 'on-contact', 'On contact'],
      [4, 'on-hold', 'On hold'],
      [5, 'on-contact', 'On contact'],
      [6, 'after-contact-work', 'After contact work'],
    ];
    const colours = new Set([green]);
    for (const [index, activity, label] of steps) {
      await put(shift[index]);
      await expectActivity(activity, label);
      expect(await card.getByTestId('agent-status').textContent()).toBe('Available');
      colours.add(await headline.getAttribute('style'));
      if (activity === 'on-hold') await page.screenshot({ path: join(ARTIFACTS, 'on-hold.png'), fullPage: true });
    }
    // Available, incoming, on contact, on hold and ACW each have their own colour.
    expect(colours.size).toBe(5);

    // The time in the activity ticks on screen.
    const timer = card.getByTestId('agent-activity-timer');
    const before = await timer.textContent();
    await waitFor('the activity timer ticking', async () => {
      if ((await timer.textContent()) === before) throw new Error(`still ${before}`);
    }, 10000, 200);

    // The chart and its legend count by activity.
    await page.getByTestId('activity-legend').locator('[data-activity="after-contact-work"]').waitFor({ timeout: 5000 });

    // ACW over, Available again, then Break: a custom status shows its own name.
    await put(shift[7]);
    await expectActivity('available', 'Available');
    await put(shift[8]);
    await expectActivity('custom', 'Break');
    expect(await card.getByTestId('agent-status').textContent()).toBe('Break');
    await page.screenshot({ path: join(ARTIFACTS, 'board-break.png'), fullPage: true });

    // The activity filter: her card is shown under Custom status and hidden under On contact.
    const filter = page.getByLabel('Activity');
    await filter.selectOption('on-contact');
    await card.waitFor({ state: 'detached', timeout: 5000 });
    await filter.selectOption('custom');
    await card.waitFor({ timeout: 5000 });
    await filter.selectOption('');
  }, 240000);
});
