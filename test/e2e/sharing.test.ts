// The sharing journey in the browser: four organisations on the same incident page, each seeing only what its
// audience allows, updated live (never by reloading) as the author posts and changes who can see an entry.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

const PEOPLE = {
  fi: {
    email: 'aino.virtanen@fi.example.eu',
    organisation: 'FI',
    role: 'coordinator',
    name: 'Aino Virtanen',
  },
  de: { email: 'jonas.becker@de.example.eu', organisation: 'DE', role: 'coordinator', name: 'Jonas Becker' },
  eeas: {
    email: 'clara.rossi@eeas.example.eu',
    organisation: 'EEAS',
    role: 'coordinator',
    name: 'Clara Rossi',
  },
  nato: {
    email: 'liaison@nato.example.int',
    organisation: 'NATO',
    role: 'viewer',
    name: 'NATO liaison officer',
  },
} as const;
type Person = keyof typeof PEOPLE;

interface Tab {
  page: Page;
  errors: string[];
}

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
/** Set once a page has loaded; gone if the page is ever reloaded. */
declare const window: { blueprintTestMarker?: string };
declare function getComputedStyle(element: unknown): { color: string; backgroundColor: string };

describe.skipIf(!HAVE_CHROMIUM)('browser: sharing an incident log', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const tabs = {} as Record<Person, Tab>;
  const fiApi = () => {
    const client = new ApiClient(server.url);
    return client.login(PEOPLE.fi.email, PASSWORD).then(() => client);
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [key, person] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
      await server.createUser({
        email: person.email,
        password: PASSWORD,
        organisation: person.organisation,
        role: person.role,
        displayName: person.name,
      });
      // Each person in their own browser context (own cookies), as four duty officers in four capitals.
      const context = await browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Brussels',
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      const login = await context.request.post(`${server.url}/api/auth/login`, {
        data: { email: person.email, password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      tabs[key] = { page, errors };
    }
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  /** FI reports an incident over the API, released to NATO; it starts as TLP:GREEN to everyone. */
  async function reportIncident(title: string): Promise<string> {
    const fi = await fiApi();
    const response = await fi.post<{ id: string }>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-11-28T06:30:00+02:00',
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
      releasableToNato: true,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** Opens the incident in every tab, waits until each is live, and marks each page to detect a reload. */
  async function openEverywhere(incidentId: string, title: string): Promise<void> {
    for (const { page } of Object.values(tabs)) {
      await page.goto(`${server.url}/incidents/${incidentId}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await page.evaluate(() => {
        window.blueprintTestMarker = 'not reloaded';
      });
    }
  }

  async function notReloaded(page: Page): Promise<boolean> {
    return (await page.evaluate(() => window.blueprintTestMarker)) === 'not reloaded';
  }

  function entryWith(page: Page, text: string) {
    return page.locator('article.entry', { hasText: text });
  }

  async function openComposer(page: Page): Promise<void> {
    const open = page.getByRole('button', { name: 'Write a note' });
    if (await open.isVisible()) await open.click();
    await page.getByLabel('Text', { exact: true }).waitFor(WAIT);
  }

  it(
    'shows an AMBER note to its audience only, live, and follows the author widening and narrowing it',
    async () => {
      const title = 'Baltic subsea power cable failure';
      const amberText = 'Anchor drag marks found along the cable route near Porvoo.';
      const clearText = 'Restoration of the interconnector expected by 14:00 local time.';
      const laterText = 'Repair vessel Sjöborg has left Turku for the cable route.';
      const incidentId = await reportIncident(title);
      await openEverywhere(incidentId, title);
      const { fi, de, eeas, nato } = tabs;

      // FI posts an AMBER note for Finland and Germany only.
      await openComposer(fi.page);
      await fi.page.getByLabel('Text', { exact: true }).fill(amberText);
      await fi.page.getByRole('radio', { name: 'TLP:AMBER', exact: true }).check();
      await fi.page.getByRole('button', { name: 'My organisation only' }).click();
      await fi.page
        .locator('#composer-body')
        .getByRole('checkbox', { name: /^Germany/ })
        .check();
      await fi.page.getByText('Will be seen by: Finland and Germany.').waitFor(WAIT);
      await fi.page.getByRole('button', { name: 'Post the note' }).click();
      await fi.page.getByText('Note posted.').waitFor(WAIT);
      await entryWith(fi.page, amberText).waitFor(WAIT);

      // Germany sees it without reloading, under its amber marking banner.
      const onGermanPage = entryWith(de.page, amberText);
      await onGermanPage.waitFor(WAIT);
      const banner = onGermanPage.locator('.marking-banner__label');
      expect(await banner.textContent()).toBe('TLP:AMBER');
      expect(await banner.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(255, 192, 0)');
      expect(
        await onGermanPage
          .locator('.marking-banner')
          .evaluate((element) => getComputedStyle(element).backgroundColor),
      ).toBe('rgb(0, 0, 0)');
      expect(await onGermanPage.getByText('Who can see this').count()).toBe(1);
      expect(await onGermanPage.textContent()).toContain('Finland and Germany');

      // A later CLEAR note released to NATO reaches everyone; once it is there, the AMBER one provably is not.
      await openComposer(fi.page);
      await fi.page.getByLabel('Text', { exact: true }).fill(clearText);
      await fi.page.getByRole('radio', { name: 'TLP:CLEAR', exact: true }).check();
      // The composer kept the AMBER note's reach; going wider is chosen, and confirmed.
      await fi.page.getByRole('button', { name: 'All participating organisations' }).click();
      await fi.page.getByRole('checkbox', { name: 'Release to the NATO liaison' }).check();
      await fi.page.getByRole('button', { name: 'Post the note' }).click();
      await fi.page.getByRole('button', { name: 'Post it to this wider reach' }).click();
      await entryWith(fi.page, clearText).waitFor(WAIT);
      for (const tab of [de, eeas, nato]) await entryWith(tab.page, clearText).waitFor(WAIT);
      expect(await eeas.page.getByText(amberText).count()).toBe(0);
      expect(await nato.page.getByText(amberText).count()).toBe(0);

      // FI widens the AMBER note to the EEAS: the EEAS page shows it, live.
      const onFinnishPage = entryWith(fi.page, amberText);
      await onFinnishPage.getByRole('button', { name: 'Change who can see this' }).click();
      let dialog = fi.page.getByRole('dialog', { name: 'Change who can see this entry' });
      await dialog.waitFor(WAIT);
      await dialog.getByRole('checkbox', { name: /\(EEAS\b/ }).check();
      await dialog.getByRole('button', { name: 'Change who can see it' }).click();
      await dialog.getByText('Who can see the entry has been changed.').waitFor(WAIT);
      await dialog.getByText('None: no organisation lost access.').waitFor(WAIT);
      await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
      await dialog.waitFor({ state: 'detached', ...WAIT });
      await entryWith(eeas.page, amberText).waitFor(WAIT);
      // A note released to NATO after the widening: once the liaison's page shows it, it has had the widening too.
      const afterWidening = await (await fiApi()).post(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: laterText,
        marking: 'TLP:CLEAR',
        releasableToNato: true,
      });
      expect(afterWidening.status).toBe(201);
      await entryWith(nato.page, laterText).waitFor(WAIT);
      expect(await nato.page.getByText(amberText).count()).toBe(0);

      // FI narrows it back: it leaves the EEAS page at once, and FI is told who lost access.
      await onFinnishPage.getByRole('button', { name: 'Change who can see this' }).click();
      dialog = fi.page.getByRole('dialog', { name: 'Change who can see this entry' });
      await dialog.waitFor(WAIT);
      await dialog.getByRole('checkbox', { name: /\(EEAS\b/ }).uncheck();
      await dialog.getByRole('button', { name: 'Change who can see it' }).click();
      await dialog.getByRole('heading', { name: 'These people may already have read it' }).waitFor(WAIT);
      const outcome = (await dialog.textContent()) ?? '';
      expect(outcome).toContain('Organisations that can no longer see it');
      expect(outcome).toContain('European External Action Service (EEAS, including EU INTCEN)');
      await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
      await entryWith(eeas.page, amberText).waitFor({ state: 'detached', ...WAIT });
      expect(await eeas.page.getByText(amberText).count()).toBe(0);
      await entryWith(eeas.page, clearText).waitFor(WAIT);
      expect(await entryWith(de.page, amberText).count()).toBe(1);
      expect(await nato.page.getByText(amberText).count()).toBe(0);

      for (const tab of Object.values(tabs)) {
        expect(await notReloaded(tab.page)).toBe(true);
        expect(tab.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows a withheld text to Germany as withheld by Finland, never the text itself',
    async () => {
      const title = 'Gas compressor station outage';
      const secret = 'Suspect vessel identified by national intelligence as the MV Example.';
      const incidentId = await reportIncident(title);
      await openEverywhere(incidentId, title);
      const { fi, de } = tabs;

      await openComposer(fi.page);
      await fi.page.getByLabel('Text', { exact: true }).fill(secret);
      await fi.page.getByRole('radio', { name: 'TLP:AMBER', exact: true }).check();
      await fi.page.getByRole('checkbox', { name: 'Withhold the text from other organisations' }).check();
      await fi.page.getByLabel('Reason for withholding').selectOption('national-security');
      await fi.page.getByRole('button', { name: 'Post the note' }).click();

      // Finland itself still reads the text, and is reminded that others do not.
      const own = entryWith(fi.page, secret);
      await own.waitFor(WAIT);
      await own.getByText('Text withheld from other organisations — national security').waitFor(WAIT);

      // Germany sees that there is a note, who withheld its text and why; not the text.
      await de.page.getByText('Withheld by Finland — national security').waitFor(WAIT);
      expect(await de.page.getByText(secret).count()).toBe(0);
      expect(await notReloaded(de.page)).toBe(true);
      expect(de.errors).toEqual([]);
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'finds an entry from the header search and leads to it on the incident page',
    async () => {
      const title = 'Rail signalling disruption';
      const note = 'Signalling fault traced to interlocking Quartzberg-7; trains running at reduced speed.';
      const incidentId = await reportIncident(title);
      const fi = await fiApi();
      const posted = await fi.post<{ id: string }>(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: note,
        marking: 'TLP:GREEN',
      });
      expect(posted.status).toBe(201);
      const { de } = tabs;

      await de.page.goto(`${server.url}/`);
      await de.page.getByRole('searchbox', { name: 'Search incidents and entries' }).fill('quartzberg-7');
      await de.page.getByRole('button', { name: 'Search', exact: true }).click();
      await de.page.waitForURL((url) => url.pathname === '/search' && url.search === '?q=quartzberg-7', WAIT);
      await de.page.getByRole('heading', { level: 1, name: 'Results for “quartzberg-7”' }).waitFor(WAIT);
      const hit = de.page.locator('article.entry', { hasText: 'Quartzberg-7' });
      await hit.waitFor(WAIT);
      expect(await hit.locator('.marking-banner__label').textContent()).toBe('TLP:GREEN');

      await hit.getByRole('link', { name: title }).click();
      await de.page.waitForURL((url) => url.pathname === `/incidents/${incidentId}`, WAIT);
      await de.page.locator(`#entry-${posted.body.id}`).waitFor(WAIT);
      await de.page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      expect(de.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
