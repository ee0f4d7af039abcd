// Browser journey: ERCC checks two contact points; Estonia's duty officer answers from the directory; ERCC's report
// says who was reached, through which channel and how fast; the directory flags the contact point that never answered.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import { expectAccessible } from '../support/axe.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: a contact-point check', () => {
  let server: TestServer;
  let browser: Browser;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { SESSION_IDLE_MINUTES: '1440' } });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'is scheduled by ERCC, answered by whoever is on duty, and reported per organisation',
    async () => {
      for (const [email, organisation, displayName] of [
        ['ercc@example.eu', 'ERCC', 'Eva Duty'],
        ['ee@example.eu', 'EE', 'Kati Tamm'],
        ['lv@example.eu', 'LV', 'Anna Berzina'],
      ] as const)
        await server.createUser({
          email,
          password: 'correct horse battery staple',
          organisation,
          role: 'coordinator',
          displayName,
        });
      await server.platform.db.kysely
        .updateTable('users')
        .set({ on_duty: 1 })
        .where('email', '!=', 'ercc@example.eu')
        .execute();

      const ercc = await openTab(browser, server, { email: 'ercc@example.eu' });
      await ercc.page.goto(`${server.url}/contact-checks`);
      await ercc.page.getByRole('heading', { level: 1, name: 'Contact-point checks' }).waitFor(WAIT);
      await ercc.page.getByText('No check yet.').waitFor(WAIT);
      const form = ercc.page.getByRole('form', { name: 'Schedule a check' });
      await form.getByRole('checkbox', { name: / EE$/ }).check();
      await form.getByRole('checkbox', { name: / LV$/ }).check();
      await form.getByRole('button', { name: 'Schedule the check' }).click();
      await ercc.page.getByRole('status').getByText('The check is scheduled.').waitFor(WAIT);
      await expectAccessible(ercc.page, '/contact-checks');
      await createJobs(server.platform).runDue();

      // Estonia's duty officer sees the check on the directory and answers it three minutes later.
      clock.advance(3 * 60_000);
      const ee = await openTab(browser, server, { email: 'ee@example.eu' });
      await ee.page.goto(`${server.url}/directory`);
      const waiting = ee.page.getByRole('region', { name: 'A check waits for your answer' });
      await waiting.getByRole('button', { name: 'We are reachable: acknowledge' }).click();
      await waiting.getByText('Acknowledged by Kati Tamm.').waitFor(WAIT);

      await ercc.page.reload();
      await ercc.page.getByRole('link', { name: /^Check by / }).click();
      await ercc.page.getByRole('heading', { level: 1, name: 'Contact-point check' }).waitFor(WAIT);
      const estonia = ercc.page.locator('tr[data-organisation="EE"]');
      await estonia.getByText('Kati Tamm').waitFor(WAIT);
      await estonia.getByText('In the app', { exact: true }).first().waitFor(WAIT);
      await estonia.getByText('3 minutes').waitFor(WAIT);
      await ercc.page.locator('tr[data-organisation="LV"]').getByText('Not yet').waitFor(WAIT);
      await expectAccessible(ercc.page, '/contact-checks/:id');

      // The directory: Estonia reached, Latvia never, Germany has no contact point at all.
      await ercc.page.goto(`${server.url}/directory`);
      const row = (name: string) => ercc.page.getByRole('row', { name: new RegExp(`^${name}`) });
      await row('Estonia').getByText('Last reached').waitFor(WAIT);
      await row('Latvia').getByText('Never reached by a check').waitFor(WAIT);
      await row('Germany').getByText('No contact point').waitFor(WAIT);
      expect([...ercc.errors, ...ee.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
