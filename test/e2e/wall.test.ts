// The wall screen in the browser: a coordinator creates a display token under Account; a fresh browser (the
// operations-room screen) signs in with it at /wall and shows the organisation's incident in large type;
// revoking the token signs the screen out, and the screen says so.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  type Tab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
declare function getComputedStyle(element: unknown): { fontSize: string };

/** The screen checks its token every 15 s and the stream's heartbeat every 20 s: wait well beyond both. */
const SIGN_OUT_WAIT = { timeout: 90_000 };

describe.skipIf(!HAVE_CHROMIUM)('browser: the wall screen', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino.virtanen@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Virtanen',
    });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'signs a screen in with a display token, shows the incident in large type, and stops when the token is revoked',
    async () => {
      const title = 'Helsinki district heating outage';
      const api = new ApiClient(server.url);
      await api.login('aino.virtanen@fi.example.eu', PASSWORD);
      const reported = await api.post('/api/incidents', {
        title,
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        impacts: [{ memberState: 'FI', level: 'significant', usersAffected: 40_000 }],
      });
      expect(reported.status).toBe(201);

      // The coordinator creates a display token under Account; it is shown once.
      const coordinator = await openTab(browser, server, { email: 'aino.virtanen@fi.example.eu' });
      tabs.push(coordinator);
      const { page } = coordinator;
      await page.goto(`${server.url}/account`);
      const section = page.getByTestId('wall-screens');
      await section.getByRole('heading', { name: 'Wall screens' }).waitFor(WAIT);
      await section.getByLabel('Name of the screen').fill('Operations room, left wall');
      await section.getByRole('button', { name: 'Create display token' }).click();
      const shown = page.getByTestId('new-display-token').getByLabel('Display token');
      await shown.waitFor(WAIT);
      const token = await shown.inputValue();
      expect(token).toMatch(/^bpd_/);
      await page.getByRole('button', { name: 'Done' }).click();

      // A fresh browser on the wall: paste the token, and the incident fills the screen.
      const wall = await openTab(browser, server, { viewport: { width: 1920, height: 1080 } });
      tabs.push(wall);
      await wall.page.goto(`${server.url}/wall`);
      await wall.page.getByRole('heading', { level: 1, name: 'Wall screen' }).waitFor(WAIT);
      await wall.page.getByLabel('Display token').fill(token);
      await wall.page.getByRole('button', { name: 'Start the wall screen' }).click();
      const heading = wall.page.getByRole('heading', { level: 1, name: title });
      await heading.waitFor(WAIT);
      const size = Number.parseFloat(await heading.evaluate((element) => getComputedStyle(element).fontSize));
      expect(size).toBeGreaterThanOrEqual(40);
      await wall.page
        .getByTestId('europe-map')
        .locator('g.map-state[data-code="FI"][data-level="significant"]')
        .waitFor(WAIT);
      await wall.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await wall.page.getByText('Wall screen: Operations room, left wall').waitFor(WAIT);
      // Read-only: no navigation, nothing that writes.
      expect(await wall.page.getByRole('navigation').count()).toBe(0);
      expect(await wall.page.getByRole('textbox').count()).toBe(0);
      // The screen comes back by itself after a reload (a power cut, a restarted browser).
      await wall.page.reload();
      await heading.waitFor(WAIT);
      await wall.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);

      // The coordinator revokes the token: the wall is signed out and says so.
      await page
        .getByRole('button', { name: 'Revoke the wall screen token Operations room, left wall' })
        .click();
      await page.getByRole('button', { name: 'Revoke now' }).click();
      await page
        .getByText('Wall screen “Operations room, left wall” revoked: it is signed out.')
        .waitFor(WAIT);
      await wall.page.getByTestId('wall-signed-out').waitFor(SIGN_OUT_WAIT);
      expect(await wall.page.getByText(title).count()).toBe(0);
      expect((await wall.context.request.get(`${server.url}/api/incidents`)).status()).toBe(401);

      for (const tab of tabs) expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
