// The review step of the report form shows everything that will be sent — the description, the suspected
// deliberate act, the user figures, the entities — with who will see it and which details are withheld.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: the review step of the report form', () => {
  let server: TestServer;
  let browser: Browser;
  let fi: Tab;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino.virtanen@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = await openTab(browser, server, { email: 'aino.virtanen@fi.example.eu' });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await fi?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'shows the description, the deliberate act, the figures and the withheld details before sending',
    async () => {
      const { page } = fi;
      await page.goto(`${server.url}/incidents/new`);
      await page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor(WAIT);
      await page.getByLabel('Title', { exact: true }).fill('Anchor damage to the Estlink 2 cable');
      await page.getByLabel('Description').fill('The cable tripped at 06:12; an anchor drag is suspected.');
      await page.getByRole('button', { name: 'Next: When' }).click();
      await page.getByLabel('When it happened').fill('2026-11-30T06:12');
      await page.getByRole('button', { name: 'Next: Cause' }).click();
      await page.getByRole('checkbox', { name: 'Deliberate damage is suspected' }).check();
      await page.getByRole('button', { name: 'Next: Sectors' }).click();
      await page.getByRole('button', { name: 'Next: Entities' }).click();
      await page.getByRole('button', { name: 'Next: Impact per country' }).click();
      await page.getByRole('button', { name: 'Add a country' }).click();
      await page.getByRole('combobox', { name: 'Country: row 1' }).selectOption('FI');
      await page.getByLabel(/^Users affected/).fill('12000');
      await page.getByLabel(/^Duration/).fill('6');
      await page.getByLabel(/^Area/).fill('Uusimaa');
      await page.getByRole('button', { name: 'Next: Who will see it' }).click();
      await page.getByRole('button', { name: 'Next: Withhold details' }).click();
      await page.getByRole('checkbox', { name: 'Withhold: users affected in Finland' }).check();
      await page.getByRole('button', { name: 'Next: Review and send' }).click();

      const review = page.locator('.report-review');
      await review.waitFor(WAIT);
      const text = (await review.textContent()) ?? '';
      expect(text).toContain('The cable tripped at 06:12; an anchor drag is suspected.');
      const deliberate = review.locator('div', { has: page.getByText('Deliberate damage is suspected') });
      expect(await deliberate.last().locator('dd').textContent()).toBe('Yes');
      expect(text).toContain('12000 users affected');
      expect(text).toContain('(withheld from other organisations: national security)');
      expect(text).toContain('6 h');
      expect(text).toContain('area: Uusimaa');
      expect(text).toContain('Will be seen by: All participating organisations.');
      await expectAccessible(page, 'the review step');
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
