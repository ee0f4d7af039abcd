// Dates and numbers in the reader's terms: the Presidency's term boundaries in the reader's zone with the zone
// named; an occurrence in the future or more than a year ago is asked about before sending; "12,5" in an English
// form is said to be ambiguous, not silently read.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/entries/model.js';
import { expectAccessible } from '../support/axe.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  type Tab,
  WAIT,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

const AINO = 'aino.virtanen@fi.example.eu';

describe.skipIf(!HAVE_CHROMIUM)('browser: dates and numbers', () => {
  let server: TestServer;
  let browser: Browser;
  let fi: Tab;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({ email: AINO, password: PASSWORD, organisation: 'FI', role: 'coordinator' });
    fi = await openTab(browser, server, { email: AINO });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await fi?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'names the zone of the term boundaries, asks about an implausible date and reads numbers the English way',
    async () => {
      const { page } = fi;
      await page.goto(`${server.url}/`);
      const box = page.getByTestId('presidency');
      await box.waitFor(WAIT);
      // The tab is in Brussels: a term ends at 23:59 and the next starts at 00:00, Central European time.
      expect(await box.textContent()).toMatch(/until \d{1,2} \w{3} \d{4}, 23:59 CES?T$/);
      expect(await page.getByText(/^Next: .* from \d{1,2} \w{3} \d{4}, 00:00 CES?T\.$/).count()).toBe(1);

      await page.goto(`${server.url}/incidents/new`);
      await page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor(WAIT);
      await page.getByLabel('Title', { exact: true }).fill('Grid frequency excursion');
      await page.getByRole('button', { name: 'Next: When' }).click();
      const when = page.getByLabel('When it happened');
      await when.fill('2099-11-30T06:12');
      const warning = page.getByTestId('date-warning');
      await warning.getByText('This time is in the future.', { exact: false }).waitFor(WAIT);
      await expectAccessible(page, 'the date warning');
      await when.fill('2024-06-01T06:12');
      await warning.getByText('more than a year ago', { exact: false }).waitFor(WAIT);
      // Not confirmed, the form stays on this step: it sends the reader to the confirmation instead.
      const confirmation = page.getByRole('checkbox', { name: 'Yes, this is the right date and time' });
      await page.getByRole('button', { name: 'Next: Cause' }).click();
      await confirmation.and(page.locator(':focus')).waitFor(WAIT);
      expect(await page.getByRole('button', { name: 'Next: Sectors' }).count()).toBe(0);
      await confirmation.check();
      await page.getByRole('button', { name: 'Next: Cause' }).click();
      await page.getByRole('button', { name: 'Next: Sectors' }).click();
      await page.getByRole('button', { name: 'Next: Entities' }).click();
      await page.getByRole('button', { name: 'Next: Impact per country' }).click();
      await page.getByRole('button', { name: 'Add a country' }).click();
      await page.getByRole('combobox', { name: 'Country: row 1' }).selectOption('FI');
      const proportion = page.getByLabel(/^Proportion/);
      await proportion.fill('12,5 %');
      await page.getByRole('button', { name: 'Next: Who will see it' }).click();
      await page
        .getByText('In English write decimals with a point, such as 12.5', { exact: false })
        .waitFor(WAIT);
      await proportion.fill('12.5');
      await page.getByRole('button', { name: 'Next: Who will see it' }).click();
      await page.getByRole('button', { name: 'Next: Withhold details' }).click();
      await page.getByRole('button', { name: 'Next: Review and send' }).click();
      await page.getByRole('button', { name: 'Send the report' }).click();
      await page.getByRole('heading', { level: 1, name: 'Grid frequency excursion' }).waitFor(WAIT);

      const id = new URL(page.url()).pathname.split('/').pop()!;
      const api = new ApiClient(server.url);
      await api.login(AINO, PASSWORD);
      const entries = await api.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
      const report = entries.body.items.find((entry) => entry.kind === 'report');
      const impacts = report?.body.impacts as { proportionAffected?: number }[];
      expect(impacts[0]?.proportionAffected).toBe(12.5);
      expect(report?.body.occurredAt).toBe('2024-06-01T06:12:00+02:00');

      // The update form asks the same about a time in the future before sending it.
      await page.getByRole('button', { name: 'Write an update' }).click();
      await page.getByLabel('What is new').fill('Frequency back within limits.');
      await page.getByLabel(/^When the entities named became aware/).fill('2099-11-30T06:30');
      await page.getByRole('button', { name: 'Send the update' }).click();
      const asked = page.getByTestId('date-warning');
      await asked.waitFor(WAIT);
      // The warning shows as the time is typed; the refusal to send shows at the field once sending is tried.
      await page.locator('.field__error', { hasText: 'This time is in the future.' }).waitFor(WAIT);
      const count = async () =>
        (await api.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items.filter(
          (entry) => entry.kind === 'update',
        ).length;
      expect(await count()).toBe(0);
      await page.getByLabel(/^When the entities named became aware/).fill('2024-06-01T06:30');
      await asked.getByRole('checkbox', { name: 'Yes, this is the right date and time' }).check();
      await page.getByRole('button', { name: 'Send the update' }).click();
      await expect.poll(count, WAIT).toBe(1);
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
