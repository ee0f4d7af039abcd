// A person chooses how alerts reach them: the table of triggers and channels saves each box at once, says which
// are still the default, and a new incident switched on in the app then rings the bell.
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

describe.skipIf(!HAVE_CHROMIUM)('browser: alert settings', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [email, organisation] of [
      ['aino@fi.example.eu', 'FI'],
      ['kadri@ee.example.eu', 'EE'],
    ] as const)
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
  }, JOURNEY_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'switches new incidents on in the app, and the bell then shows the next one',
    async () => {
      const { context, page, errors } = await openTab(browser, server, { email: 'kadri@ee.example.eu' });
      await page.goto(`${server.url}/account`);
      await page.getByRole('link', { name: 'Alert settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Alert settings' }).waitFor(WAIT);
      const inApp = page.getByRole('checkbox', { name: 'A new incident, In the app' });
      expect(await inApp.isChecked()).toBe(false);
      expect(await page.getByRole('checkbox', { name: 'A new incident, E-mail' }).isChecked()).toBe(true);
      // The box shows the saved choice, so it turns checked once the server has it: click, then wait for it.
      await inApp.click();
      await page.getByText('Your alert settings are saved.').waitFor(WAIT);
      await expect.poll(() => inApp.isChecked(), { timeout: WAIT.timeout }).toBe(true);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Alert settings' }).waitFor(WAIT);
      expect(await page.getByRole('checkbox', { name: 'A new incident, In the app' }).isChecked()).toBe(true);

      const fi = new ApiClient(server.url);
      await fi.login('aino@fi.example.eu', PASSWORD);
      const reported = await fi.post('/api/incidents', {
        title: 'Estlink 2 cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        impacts: [{ memberState: 'FI', level: 'minor' }],
      });
      expect(reported.status).toBe(201);
      await page
        .getByTestId('notifications-button')
        .filter({ hasText: /Notifications\s*1/ })
        .waitFor(WAIT);
      await page.getByTestId('notifications-button').click();
      await page
        .getByRole('region', { name: 'Notifications' })
        .getByText('Finland reported a new incident.')
        .waitFor(WAIT);
      expect(errors).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
