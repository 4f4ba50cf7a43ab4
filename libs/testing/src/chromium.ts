import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (scripts/install-prerequisites.sh installs it); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Whether browser tests can run. In CI a missing Chromium fails the run with what to install;
 * elsewhere the tests are skipped with the same advice.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const advice = `${CHROMIUM_PATH} is missing (apt-get install -y chromium, or bash scripts/install-prerequisites.sh, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI for ${suite} but ${advice}`);
  console.warn(`SKIPPED ${suite}: ${advice}`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a throwaway profile (so localStorage persists across reloads within a test file). */
export async function launchChromium(viewport = { width: 1360, height: 860 }): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'buddie-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
