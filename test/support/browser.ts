// Chromium for the browser journeys: found at /usr/bin/chromium (or CHROMIUM_PATH), launched headless the way
// every browser test launches it, with a tab per duty officer in their own context (own cookies).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { auditOnClose } from './axe.js';
import type { TestServer } from './server.js';
import { PASSWORD } from './server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
export const WEB_INDEX = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/web/index.html',
);

/** Generous: a loaded CI machine may be slow, and nothing here measures time. */
export const WAIT = { timeout: 30_000 };
export const JOURNEY_TIMEOUT = 180_000;

export function warnWithoutChromium(): void {
  if (!HAVE_CHROMIUM && process.env.CI !== 'true') {
    console.warn(
      `Chromium not found at ${CHROMIUM}: browser tests skipped (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(WEB_INDEX))
    throw new Error(`${WEB_INDEX} is missing: build the web app first (npm run build)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Every browser test checks accessibility: each page is audited with axe when its context or the browser closes.
  return auditOnClose(browser);
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A tab in a context of its own, as a duty officer in Brussels reading English would have it; signed in as
 * `email` when given. Page errors are collected so that a journey can check there were none.
 */
export async function openTab(
  browser: Browser,
  server: TestServer,
  options: { email?: string; viewport?: { width: number; height: number } } = {},
): Promise<Tab> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Brussels',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  if (options.email) {
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: options.email, password: PASSWORD },
    });
    if (login.status() !== 200) throw new Error(`login ${options.email}: ${login.status()}`);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
declare const window: { blueprintTestMarker?: string };

/** Marks the page, so that `notReloaded` can tell whether it was reloaded since. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.blueprintTestMarker = 'not reloaded';
  });
}

export async function notReloaded(page: Page): Promise<boolean> {
  return (await page.evaluate(() => window.blueprintTestMarker)) === 'not reloaded';
}

/** With CI=true a missing browser is a failure, never a silent skip; elsewhere the journeys are skipped with a warning. */
export function requireChromiumOnCi(
  describe: typeof import('vitest').describe,
  it: typeof import('vitest').it,
): void {
  warnWithoutChromium();
  describe.runIf(!HAVE_CHROMIUM && process.env.CI === 'true')('browser tests on CI', () => {
    it('find Chromium', () => {
      throw new Error(
        `Chromium not found at ${CHROMIUM}; CI needs it (apt-get install -y chromium, or set CHROMIUM_PATH)`,
      );
    });
  });
}
