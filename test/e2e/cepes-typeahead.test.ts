// The CEPES register in the report form: as a reporter types an entity's name, the entries of the register they
// may see are offered in an accessible combobox (keyboard and screen reader), asked of the server only once the
// typing settles; picking one links the entity, and the register's verdict decides T2.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CepesEntry } from '../../src/cepes/model.js';
import type { Incident } from '../../src/incidents/model.js';
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

/** axe-core's script, evaluated in the page through the debugging protocol (the page's CSP allows no inline script). */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
declare const axe: { run(context: string): Promise<{ violations: Array<{ id: string }> }> };

const SEVEN = ['DE', 'AT', 'CZ', 'PL', 'NL', 'BE', 'FR'];

describe.skipIf(!HAVE_CHROMIUM)('browser: the CEPES register offered in the report form', () => {
  let server: TestServer;
  let browser: Browser;
  let de: Tab;
  let ercc: ApiClient;
  let visible: CepesEntry;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'ercc@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'lena.schmidt@de.example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'coordinator',
      displayName: 'Lena Schmidt',
    });
    ercc = new ApiClient(server.url);
    await ercc.login('ercc@example.eu', PASSWORD);
    const add = async (body: Record<string, unknown>) => {
      const res = await ercc.post<CepesEntry>('/api/cepes-register', body);
      expect(res.status).toBe(201);
      return res.body;
    };
    visible = await add({
      name: 'Mittelland Gastransport GmbH',
      verdict: 'cepes',
      establishedIn: 'DE',
      memberStatesServed: SEVEN,
      sectors: ['energy'],
      marking: 'TLP:AMBER',
    });
    // Matches the same letters, but its audience leaves DE out: DE's reporter must never be offered it.
    await add({
      name: 'Mittelmeer LNG Terminal',
      verdict: 'not-cepes',
      establishedIn: 'IT',
      memberStatesServed: ['IT'],
      sectors: ['energy'],
      marking: 'TLP:AMBER',
      audience: ['ERCC', 'IT'],
    });
    de = await openTab(browser, server, { email: 'lena.schmidt@de.example.eu' });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await de?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'offers only entries the reporter may see, by keyboard, and the picked verdict counts for T2',
    async () => {
      const { page } = de;
      const asked: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/cepes-register') asked.push(url.searchParams.get('q') ?? '');
      });
      const title = 'Compressor station trip at Mallnow';
      await page.goto(`${server.url}/incidents/new`);
      await page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor(WAIT);
      await page.getByLabel('Title', { exact: true }).fill(title);
      await page.getByRole('button', { name: 'Next: When' }).click();
      await page.getByLabel('When it happened').fill('2026-11-30T05:10');
      await page.getByRole('button', { name: 'Next: Cause' }).click();
      await page.getByRole('button', { name: 'Next: Sectors' }).click();
      await page.getByRole('button', { name: 'Next: Entities' }).click();
      await page.getByRole('button', { name: 'Add an entity' }).click();

      const name = page.getByRole('combobox', { name: 'Name of the entity' });
      await name.pressSequentially('mittel');
      const listbox = page.getByRole('listbox', { name: 'Entities in the CEPES register' });
      await listbox.getByRole('option', { name: /Mittelland Gastransport GmbH/ }).waitFor(WAIT);
      await expect.poll(() => name.getAttribute('aria-expanded'), WAIT).toBe('true');
      // The server searched only what DE may see: the entry kept from DE is not among the options.
      expect(await listbox.getByRole('option').allTextContents()).toEqual([
        expect.stringContaining('Mittelland Gastransport GmbH'),
      ]);
      expect(await listbox.textContent()).not.toContain('Mittelmeer');
      // Typing settles before the server is asked: fewer requests than keystrokes, the last for the whole word.
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.length).toBeLessThan('mittel'.length - 1);
      expect(asked.at(-1)).toBe('mittel');
      expect(asked.every((q) => 'mittel'.startsWith(q))).toBe(true);

      await page.evaluate(AXE_SOURCE);
      const checked = await page.evaluate(() => axe.run('.cepes-combobox'));
      expect(checked.violations.map((v) => v.id)).toEqual([]);

      // Keyboard: the arrow key makes the option active (announced through aria-activedescendant), Enter picks it.
      await name.press('ArrowDown');
      const option = listbox.getByRole('option', { name: /Mittelland/ });
      await expect.poll(() => option.getAttribute('aria-selected'), WAIT).toBe('true');
      expect(await name.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await name.press('Enter');
      await page
        .getByTestId('register-link')
        .filter({ hasText: 'Linked to the CEPES register: Mittelland Gastransport GmbH (confirmed CEPES).' })
        .waitFor(WAIT);
      expect(await name.inputValue()).toBe('Mittelland Gastransport GmbH');
      expect(await name.getAttribute('aria-expanded')).toBe('false');
      await page.getByRole('checkbox', { name: 'Significantly disrupted' }).check();

      await page.getByRole('button', { name: 'Next: Impact per country' }).click();
      await page.getByRole('button', { name: 'Next: Who will see it' }).click();
      await page.getByRole('button', { name: 'Next: Withhold details' }).click();
      await page.getByRole('button', { name: 'Next: Review and send' }).click();
      await page.getByRole('button', { name: 'Send the report' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      await page.locator('.incident-status .status', { hasText: 'Blueprint applies' }).waitFor(WAIT);

      // The incident page names the register's verdict beside the entity, for a reader who may see the entry.
      await page
        .getByRole('row', { name: /Mittelland Gastransport GmbH/ })
        .getByText('confirmed CEPES, in the CEPES register kept by ERCC')
        .waitFor(WAIT);
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const incident = await ercc.get<Incident>(`/api/incidents/${id}`);
      expect(incident.body.report).toMatchObject({
        entities: [{ name: 'Mittelland Gastransport GmbH', cepesId: visible.id, establishedIn: 'DE' }],
      });
      expect(incident.body.assessment.triggers.find((t) => t.id === 'T2')?.met).toBe(true);
      expect(incident.body.cepesRegister.map((e) => e.id)).toEqual([visible.id]);
      expect(de.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
