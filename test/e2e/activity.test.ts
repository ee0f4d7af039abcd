// Watching is no activity: the web app tells the server about real input, so a working officer stays signed in.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: activity signal', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'coordinator.fi@activity.example',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'sends one throttled activity signal on a key press, and the server accepts it',
    async () => {
      const { page, context, errors } = await openTab(browser, server, {
        email: 'coordinator.fi@activity.example',
      });
      const signals: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/api/auth/activity')) signals.push(response.status());
      });
      await page.goto(server.url);
      await page.getByRole('navigation', { name: 'Main' }).waitFor(WAIT);
      const first = page.waitForResponse((r) => r.url().endsWith('/api/auth/activity'), WAIT);
      // Playwright's key presses are trusted input, as a person's are.
      await page.keyboard.press('Shift');
      expect((await first).status()).toBe(204);
      // More input within the minute sends nothing more; a request that the page makes later would show here.
      await page.keyboard.press('Shift');
      await page.mouse.click(5, 5);
      await page.evaluate(() => fetch('/api/me').then((r) => r.status));
      expect(signals).toEqual([204]);
      expect(errors).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
