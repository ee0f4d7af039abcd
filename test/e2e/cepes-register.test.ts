// The CEPES register's own screen: ERCC adds an entity (the server's refusal shown at the field it names), pages
// through the register and finds the entity by a name typed without its letters' marks; a state's coordinator,
// who does not keep the register, has no link to the screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CepesEntry } from '../../src/cepes/model.js';
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

const SEVEN = ['DE', 'AT', 'CZ', 'PL', 'NL', 'BE', 'FR'];

describe.skipIf(!HAVE_CHROMIUM)('browser: ERCC keeps the CEPES register on its own screen', () => {
  let server: TestServer;
  let browser: Browser;
  let ercc: Tab;
  let fi: Tab;
  let erccApi: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'ercc@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
      displayName: 'Marta Nowak',
    });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Virtanen',
    });
    erccApi = new ApiClient(server.url);
    await erccApi.login('ercc@example.eu', PASSWORD);
    // A full first page of entries whose names sort before the one ERCC adds in the browser.
    for (let n = 1; n <= 20; n++) {
      const res = await erccApi.post<CepesEntry>('/api/cepes-register', {
        name: `Alpine Gas Transit ${String(n).padStart(2, '0')}`,
        verdict: 'cepes',
        establishedIn: 'AT',
        memberStatesServed: SEVEN,
        sectors: ['energy'],
        marking: 'TLP:AMBER',
      });
      expect(res.status).toBe(201);
    }
    ercc = await openTab(browser, server, { email: 'ercc@example.eu' });
    fi = await openTab(browser, server, { email: 'fi@example.eu' });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await ercc?.context.close().catch(() => {});
    await fi?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'ERCC adds an entity, is told by field what the register refuses, finds it by search and by page, and replaces it',
    async () => {
      const { page } = ercc;
      await page.goto(`${server.url}/`);
      await page.getByRole('navigation').getByRole('link', { name: 'CEPES register' }).click();
      await page.getByRole('heading', { level: 1, name: 'CEPES register' }).waitFor(WAIT);
      const table = page.getByTestId('cepes-register');
      await table.getByRole('row', { name: /Alpine Gas Transit 01/ }).waitFor(WAIT);
      expect(await table.getByRole('row').count()).toBe(21);
      // Twenty entries fill the page and there are no more: no next page yet.
      expect(await page.getByRole('button', { name: 'Next page' }).count()).toBe(0);

      const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add an entry' }) });
      await form.getByLabel('Name', { exact: true }).fill('Øresund Kraft AB');
      await form.getByLabel('Established in').selectOption('SE');
      const served = form.getByRole('group', { name: 'Member states served' });
      for (const code of ['SE', 'DK'])
        await served.getByRole('checkbox', { name: new RegExp(` ${code}$`) }).check();
      await form.getByRole('group', { name: 'Sectors' }).getByRole('checkbox', { name: 'Energy' }).check();
      await form.getByRole('button', { name: 'Add to the register' }).click();
      // Two states served is not a CEPES: the server's reason appears in the field it names.
      await served.getByText('a CEPES serves 6 or more member states (CER Art. 17); 2 given').waitFor(WAIT);

      for (const code of ['DE', 'FI', 'PL', 'LT'])
        await served.getByRole('checkbox', { name: new RegExp(` ${code}$`) }).check();
      await form.getByRole('button', { name: 'Add to the register' }).click();
      await page.getByText('Saved in the register: Øresund Kraft AB.').waitFor(WAIT);

      // Sorted by name, it is on the second page: the first page, read again since it was added, leads there.
      const nextPage = page.getByRole('button', { name: 'Next page' });
      await nextPage.waitFor(WAIT);
      expect(await table.getByRole('row', { name: /Øresund Kraft AB/ }).count()).toBe(0);
      await nextPage.click();
      await table.getByRole('row', { name: /Øresund Kraft AB/ }).waitFor(WAIT);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await table.getByRole('row', { name: /Alpine Gas Transit 01/ }).waitFor(WAIT);

      const search = page.getByRole('search', { name: 'Search by name' });
      await search.getByRole('searchbox', { name: 'Search by name' }).fill('oresund');
      await search.getByRole('button', { name: 'Search', exact: true }).click();
      const row = table.getByRole('row', { name: /Øresund Kraft AB/ });
      await row.waitFor(WAIT);
      await expect.poll(() => table.getByRole('row').count(), WAIT).toBe(2);
      expect(await row.textContent()).toContain('Confirmed CEPES');
      expect(await row.textContent()).toContain('Sweden');

      // Replacing the entry: the form is filled with what the register says, ERCC changes the verdict.
      await row.getByRole('button', { name: 'Replace Øresund Kraft AB' }).click();
      const replace = page.locator('form', {
        has: page.getByRole('heading', { name: 'Replace the entry for Øresund Kraft AB' }),
      });
      expect(await replace.getByLabel('Name', { exact: true }).inputValue()).toBe('Øresund Kraft AB');
      await replace.getByRole('radio', { name: 'Not a CEPES' }).check();
      await replace.getByRole('button', { name: 'Replace the entry' }).click();
      await page.getByText('Saved in the register: Øresund Kraft AB.').waitFor(WAIT);
      await row.filter({ hasText: 'Not a CEPES' }).waitFor(WAIT);

      const listed = await erccApi.get<{ items: CepesEntry[] }>('/api/cepes-register?q=oresund');
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          name: 'Øresund Kraft AB',
          verdict: 'not-cepes',
          establishedIn: 'SE',
          memberStatesServed: ['DE', 'DK', 'FI', 'LT', 'PL', 'SE'],
          sectors: ['energy'],
        }),
      ]);
      expect(ercc.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'a member state coordinator has no link to the register screen',
    async () => {
      const { page } = fi;
      await page.goto(`${server.url}/`);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Incidents' }).waitFor(WAIT);
      expect(await page.getByRole('link', { name: 'CEPES register' }).count()).toBe(0);
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
