// Honest session state: when the session ends elsewhere (another tab of the same browser signs out), the tab still
// open says so in its header and at the top of the view, wherever the reader scrolled to. The notification panel
// closes once a notification's link has been followed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

declare const window: { scrollTo(x: number, y: number): void; scrollY: number };
declare const document: { body: { scrollHeight: number } };

const PHONE = { width: 390, height: 844 };

describe.skipIf(!HAVE_CHROMIUM)('browser: session state and the notification panel', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Laine',
    });
    await server.createUser({
      email: 'kadri@ee.example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
      displayName: 'Kadri Tamm',
    });
    const fi = new ApiClient(server.url);
    await fi.login('aino@fi.example.eu', PASSWORD);
    // Finland reports Estonia as significantly affected: Estonia is asked to confirm with its own assessment.
    const reported = await fi.post<{ id: string }>('/api/incidents', {
      title: 'Estlink 2 cable fault',
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'electricity transmission' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(reported.status).toBe(201);
    incidentId = reported.body.id;
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'says "Signed out" in the header and at the top of the view once another tab signs out',
    async () => {
      const { context, page, errors } = await openTab(browser, server, {
        email: 'aino@fi.example.eu',
        viewport: PHONE,
      });
      await page.goto(`${server.url}/incidents/${incidentId}`);
      const indicator = page.getByTestId('live-status');
      await indicator.filter({ hasText: 'Live' }).waitFor(WAIT);
      // The reader is far down the page when it happens.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

      // Another tab of the same browser signs out.
      const other = await context.newPage();
      await other.goto(`${server.url}/`);
      await other.getByRole('button', { name: 'Sign out' }).click();
      await other.getByLabel('E-mail address').waitFor(WAIT);

      const alert = page.getByTestId('session-ended');
      await alert.waitFor(WAIT);
      expect(await alert.getAttribute('role')).toBe('alert');
      await expect.poll(() => indicator.textContent(), WAIT).toContain('Signed out — sign in again');
      expect(await indicator.textContent()).not.toContain('Live');
      // In view: within the viewport, whatever the scroll position.
      const box = await alert.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(PHONE.height);
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      expect(await alert.textContent()).toContain('Your session has ended');
      // What the ended session could see does not stay on the screen for whoever comes by.
      expect(await page.locator('main#main').isVisible()).toBe(false);

      // Its button leads to the sign-in page, which says why and brings the reader back afterwards.
      await alert.getByRole('button', { name: 'Sign in again' }).click();
      await page.getByLabel('E-mail address').waitFor(WAIT);
      await page.getByText('Your session has ended. Sign in again to continue where you were.').waitFor(WAIT);
      await page.getByLabel('E-mail address').fill('aino@fi.example.eu');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Estlink 2 cable fault' }).waitFor(WAIT);
      await indicator.filter({ hasText: 'Live' }).waitFor(WAIT);
      expect(errors).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'closes the notification panel after following a notification to its incident',
    async () => {
      const { context, page } = await openTab(browser, server, { email: 'kadri@ee.example.eu' });
      await page.goto(`${server.url}/directory`);
      await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
      const button = page.getByTestId('notifications-button');
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      const panel = page.getByRole('region', { name: 'Notifications' });
      const link = panel.getByRole('link', { name: 'Estlink 2 cable fault' }).first();
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Estlink 2 cable fault' }).waitFor(WAIT);
      await expect.poll(() => button.getAttribute('aria-expanded'), WAIT).toBe('false');
      expect(await panel.isVisible()).toBe(false);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
