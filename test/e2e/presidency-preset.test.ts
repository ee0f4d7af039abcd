// The report form's audience: "Presidency and Commission (ERCC)" is offered first (the Recommendation asks affected
// states to share with them), the Presidency is a choice of its own beside the organisations, and the choice is
// read back before sending. A report sent that way reaches whoever holds the Presidency.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/entries/model.js';
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

describe.skipIf(!HAVE_CHROMIUM)('browser: the Presidency and Commission preset in the report form', () => {
  let server: TestServer;
  let browser: Browser;
  let fi: Tab;
  let holder: ApiClient;
  let holderState = '';

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
    const office = await server.platform.db.kysely
      .selectFrom('presidency_office')
      .select('member_state')
      .executeTakeFirstOrThrow();
    holderState = office.member_state ?? '';
    await server.createUser({
      email: 'presidency@example.eu',
      password: PASSWORD,
      organisation: holderState,
      role: 'coordinator',
    });
    holder = new ApiClient(server.url);
    await holder.login('presidency@example.eu', PASSWORD);
    fi = await openTab(browser, server, { email: 'aino.virtanen@fi.example.eu' });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await fi?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'offers the preset first, shows the choice before sending, and the report reaches the Presidency',
    async () => {
      expect(holderState).not.toBe('');
      const { page } = fi;
      const title = 'Interconnector trip at Estlink 2';
      await page.goto(`${server.url}/incidents/new`);
      await page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor(WAIT);
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByRole('button', { name: 'Next: When' }).click();
      await page.getByLabel('When it happened').fill('2026-11-30T05:10');
      await page.getByRole('button', { name: 'Next: Cause' }).click();
      await page.getByRole('button', { name: 'Next: Sectors' }).click();
      await page.getByRole('button', { name: 'Next: Entities' }).click();
      await page.getByRole('button', { name: 'Next: Impact per country' }).click();
      await page.getByRole('button', { name: 'Next: Who will see it' }).click();

      const presets = page.locator('.org-picker__presets button');
      await presets.first().waitFor(WAIT);
      expect(await presets.first().textContent()).toBe('Presidency and Commission (ERCC)');
      await presets.first().click();
      await expect.poll(() => presets.first().getAttribute('aria-pressed'), WAIT).toBe('true');
      const role = page.getByRole('checkbox', { name: 'The Council Presidency' });
      expect(await role.isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /ERCC/ }).isChecked()).toBe(true);
      // The choice is read back in words, visible before anything is sent.
      const summary = page.locator('.reach-summary');
      await expect.poll(() => summary.textContent(), WAIT).toContain('the Council Presidency');

      await page.getByRole('button', { name: 'Next: Withhold details' }).click();
      await page.getByRole('button', { name: 'Next: Review and send' }).click();
      await page.getByRole('button', { name: 'Send the report' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);

      const id = new URL(page.url()).pathname.split('/').pop()!;
      const entries = await holder.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
      const report = entries.body.items.find((e) => e.kind === 'report');
      expect(report?.audience).toEqual(['ERCC', 'PRESIDENCY']);
      expect(report?.resolvedAudience).toEqual(['ERCC', holderState].sort());
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
