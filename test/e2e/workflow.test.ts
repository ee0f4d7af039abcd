// The Blueprint workflow in the browser: a report through the form, own assessments, the Presidency's
// consultation (answered by consent and concluded early), the activation, each seen live (never by reloading) on the other actors' pages.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchBrowser, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

const JOURNEY_TIMEOUT = 240_000;

requireChromiumOnCi(describe, it);

interface RegistryBody {
  presidency: { current: { memberState: string } | null };
}

interface Tab {
  page: Page;
  errors: string[];
}

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
/** Set once a page has loaded; gone if the page is ever reloaded. */
declare const window: { blueprintTestMarker?: string };

/** Member states that may be affected in these journeys; the Presidency holder is never one of them. */
const CANDIDATE_STATES = ['FI', 'EE', 'LV', 'LT', 'SE', 'DK', 'DE', 'PL'];

function emailOf(organisation: string): string {
  return `coordinator.${organisation.toLowerCase()}@workflow.example.eu`;
}

describe.skipIf(!HAVE_CHROMIUM)('browser: the Blueprint workflow', () => {
  let server: TestServer;
  let browser: Browser;
  let presidency: string;
  /** Six affected states, Finland first, none of them the Presidency holder. */
  let affected: string[];
  const contexts: BrowserContext[] = [];
  const tabs = new Map<string, Tab>();

  const tab = (organisation: string): Tab => {
    const found = tabs.get(organisation);
    if (!found) throw new Error(`no tab for ${organisation}`);
    return found;
  };

  const apiAs = async (organisation: string) => {
    const client = new ApiClient(server.url);
    await client.login(emailOf(organisation), PASSWORD);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    // The Presidency is whoever holds it today, as the server's registry says.
    await server.createUser({
      email: emailOf('ERCC'),
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
      displayName: 'ERCC duty officer',
    });
    const registry = await (await apiAs('ERCC')).get<RegistryBody>('/api/registry');
    const holder = registry.body.presidency.current?.memberState;
    if (!holder) throw new Error('the registry names no Council Presidency for today');
    presidency = holder;
    affected = CANDIDATE_STATES.filter((state) => state !== presidency).slice(0, 6);

    for (const organisation of [...affected, presidency]) {
      await server.createUser({
        email: emailOf(organisation),
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `Duty officer ${organisation}`,
      });
    }
    // A browser context per organisation (own cookies), as duty officers in their capitals.
    for (const organisation of [affected[0]!, affected[1]!, presidency, 'ERCC']) {
      const context = await browser.newContext({
        locale: 'en-GB',
        timezoneId: 'Europe/Helsinki',
        viewport: { width: 1280, height: 800 },
      });
      contexts.push(context);
      const login = await context.request.post(`${server.url}/api/auth/login`, {
        data: { email: emailOf(organisation), password: PASSWORD },
      });
      expect(login.status()).toBe(200);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      tabs.set(organisation, { page, errors });
    }
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  /** Opens a page, waits until the live stream is connected, and marks the page to detect a reload. */
  async function openLive(page: Page, address: string): Promise<void> {
    await page.goto(`${server.url}${address}`);
    await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
    await page.evaluate(() => {
      window.blueprintTestMarker = 'not reloaded';
    });
  }

  async function notReloaded(page: Page): Promise<boolean> {
    return (await page.evaluate(() => window.blueprintTestMarker)) === 'not reloaded';
  }

  /** Waits for the large status badge of the incident page to say `status`. */
  async function statusIs(page: Page, status: string): Promise<void> {
    await page.locator('.incident-status .status', { hasText: status }).waitFor(WAIT);
  }

  it(
    'takes a report through the form, a confirmation, a consultation and a decision to an active Blueprint',
    async () => {
      const [fiCode, eeCode] = affected as [string, string];
      const fi = tab(fiCode);
      const ee = tab(eeCode);
      const pres = tab(presidency);
      const title = 'Subsea power cable failure in the Gulf of Finland';

      // The second state watches its home page; the Presidency its incident list.
      await openLive(ee.page, '/');
      await openLive(pres.page, '/incidents');

      // The first state reports through the form, step by step.
      await openLive(fi.page, '/incidents/new');
      await fi.page.getByRole('heading', { level: 1, name: 'Report an incident' }).waitFor(WAIT);
      await fi.page.getByLabel('Title', { exact: true }).fill(title);
      await fi.page
        .getByLabel('Description')
        .fill('The interconnector tripped at 06:12; the cause is unknown.');
      await fi.page.getByRole('button', { name: 'Next: When' }).click();
      await fi.page.getByLabel('When it happened').fill('2026-11-28T06:12');
      await fi.page.getByRole('button', { name: 'Next: Cause' }).click();
      await fi.page.getByRole('radio', { name: 'Physical' }).check();
      await fi.page.getByRole('button', { name: 'Next: Sectors' }).click();
      await fi.page.getByRole('checkbox', { name: 'Electricity' }).check();
      await fi.page.getByRole('button', { name: 'Next: Entities' }).click();
      await fi.page.getByRole('button', { name: 'Next: Impact per country' }).click();
      await fi.page.getByRole('button', { name: 'Add a country' }).click();
      await fi.page.getByRole('combobox', { name: 'Country: row 1' }).selectOption(fiCode);
      await fi.page.getByRole('button', { name: 'Add a country' }).click();
      await fi.page.getByRole('combobox', { name: 'Country: row 2' }).selectOption(eeCode);
      for (const combobox of await fi.page.getByRole('combobox', { name: /^Impact:/ }).all())
        expect(await combobox.inputValue()).toBe('significant');
      await fi.page.getByRole('button', { name: 'Next: Who will see it' }).click();
      await fi.page.getByText('Will be seen by: All participating organisations.').waitFor(WAIT);
      await fi.page.getByRole('button', { name: 'Next: Withhold details' }).click();
      await fi.page.getByRole('button', { name: 'Next: Review and send' }).click();
      await fi.page.getByRole('button', { name: 'Send the report' }).click();
      await fi.page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      const incidentPath = new URL(fi.page.url()).pathname;
      expect(incidentPath).toMatch(/^\/incidents\/[0-9a-f-]+$/);
      await statusIs(fi.page, 'Below threshold');

      // The second state is asked to confirm; it opens the incident and confirms from the notification.
      const bell = ee.page.getByTestId('notifications-button');
      await bell.filter({ hasText: /Notifications\s*1/ }).waitFor(WAIT);
      await ee.page.getByRole('link', { name: 'Incidents', exact: true }).click();
      await ee.page.getByRole('link', { name: title }).click();
      await statusIs(ee.page, 'Below threshold');
      await bell.click();
      const panel = ee.page.getByRole('region', { name: 'Notifications' });
      await panel.getByText(/reports .* as significantly affected/).waitFor(WAIT);
      await panel.getByRole('button', { name: 'Significant' }).click();
      await statusIs(ee.page, 'Decision required');
      await ee.page.keyboard.press('Escape');
      // ... and the reporter sees it change without reloading.
      await statusIs(fi.page, 'Decision required');

      // The Presidency opens a consultation from the incident page.
      await pres.page.getByRole('link', { name: title }).click();
      await statusIs(pres.page, 'Decision required');
      await pres.page.getByRole('button', { name: 'Open the consultation' }).click();
      await pres.page.getByText('No answer (silence is consent)').first().waitFor(WAIT);

      // Both significantly affected states consent, each on its own page, as the consultation appears there.
      for (const state of [ee, fi]) {
        const form = state.page.locator('form', { hasText: 'Your answer for' });
        await form.waitFor(WAIT);
        await form.getByRole('button', { name: 'Consent', exact: true }).click();
        await state.page.getByText('Your answer is recorded.').waitFor(WAIT);
      }

      // The Presidency sees both answers arrive and concludes early: no objection, so coordination is agreed.
      await pres.page.getByRole('button', { name: 'Conclude now' }).click();
      await pres.page
        .getByTestId('consultation-outcome')
        .filter({ hasText: 'Coordination at Union level is agreed' })
        .waitFor(WAIT);
      for (const state of [pres, fi, ee]) await statusIs(state.page, 'Blueprint applies');

      // The reporting state activates; the Presidency sees the Blueprint active without reloading.
      await fi.page.getByRole('button', { name: 'Activate the Blueprint' }).click();
      await fi.page.getByRole('dialog').getByRole('button', { name: 'Activate the Blueprint' }).click();
      await fi.page.getByTestId('activation-state').filter({ hasText: 'Blueprint active' }).waitFor(WAIT);
      await pres.page.getByTestId('activation-state').filter({ hasText: 'Blueprint active' }).waitFor(WAIT);
      await ee.page.getByRole('button', { name: 'Join the activation' }).waitFor(WAIT);

      for (const state of [fi, ee, pres]) {
        expect(await notReloaded(state.page)).toBe(true);
        expect(state.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'keeps a report as a draft to resume later, and shows what the server refuses on its step',
    async () => {
      const fi = tab(affected[0]!);
      const title = 'Gas pipeline pressure drop near the border';
      await openLive(fi.page, '/incidents/new');
      await fi.page.getByLabel('Title', { exact: true }).fill(title);
      await fi.page.getByRole('button', { name: 'Next: When' }).click();
      await fi.page.getByLabel('When it happened').fill('2026-11-28T05:40');
      await fi.page.getByRole('button', { name: 'Save as draft' }).click();
      await fi.page.getByText(/Draft saved \(/).waitFor(WAIT);

      // Later, from a fresh page: the draft is listed, and continuing it brings the form back as it was.
      await fi.page.goto(`${server.url}/incidents/new`);
      const drafts = fi.page.getByRole('region', { name: /^Your saved draft/ });
      await drafts.locator('.drafts__title', { hasText: title }).waitFor(WAIT);
      await drafts.getByRole('button', { name: `Continue ${title}` }).click();
      await fi.page.waitForURL((url) => url.searchParams.has('draft'), WAIT);
      expect(await fi.page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
      await fi.page.getByRole('button', { name: '2 When', exact: true }).click();
      expect(await fi.page.getByLabel('When it happened').inputValue()).toBe('2026-11-28T05:40');

      // TLP:RED recipients are chosen from the people of the participating organisations, by name and organisation.
      await fi.page.getByRole('button', { name: '7 Who will see it', exact: true }).click();
      await fi.page.getByRole('radio', { name: 'TLP:RED', exact: true }).check();
      await fi.page.getByLabel('Find a person by name or address').fill('ERCC duty');
      await fi.page.getByRole('button', { name: /^Add ERCC duty officer \(/ }).click();
      const chosen = fi.page.locator('.recipient-picker .chip', { hasText: 'ERCC duty officer' });
      await chosen.waitFor(WAIT);
      expect(await chosen.textContent()).toContain('Emergency Response Coordination Centre');
      // Nobody left: the report is not sent, and the problem is shown at the recipients, on its step.
      await fi.page.getByRole('button', { name: /^Remove ERCC duty officer/ }).click();
      await chosen.waitFor({ ...WAIT, state: 'detached' });
      await fi.page.getByRole('button', { name: '9 Review and send', exact: true }).click();
      await fi.page.getByRole('button', { name: 'Send the report' }).click();
      await fi.page.getByRole('heading', { name: /Who will see it$/ }).waitFor(WAIT);
      expect(await fi.page.locator('.recipient-picker .field__error').textContent()).toContain(
        'Name at least one recipient',
      );
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'makes the Blueprint apply without a consultation once six states confirm themselves',
    async () => {
      const title = 'Cyber attack on electricity operators in six member states';
      const reporter = await apiAs(affected[0]!);
      const created = await reporter.post<{ id: string }>('/api/incidents', {
        title,
        reportedBy: affected[0],
        occurredAt: '2026-11-28T04:00:00+02:00',
        cause: 'cyber',
        suspectedDeliberate: true,
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: affected.map((memberState) => ({ memberState, level: 'significant' })),
      });
      expect(created.status).toBe(201);
      const address = `/incidents/${created.body.id}`;

      // The ERCC watches the incident page; the second state will confirm on its own page.
      const ercc = tab('ERCC');
      const ee = tab(affected[1]!);
      await openLive(ercc.page, address);
      await statusIs(ercc.page, 'Below threshold');
      await openLive(ee.page, address);
      const own = ee.page.getByRole('region', { name: /^Own assessment of/ });
      await own.getByText('as significantly affected. Confirm your own assessment').waitFor(WAIT);
      await own.getByRole('button', { name: 'Significant' }).click();
      await own.getByText('Your own assessment is recorded: Significant.').waitFor(WAIT);

      // The other four confirm over the API, as their national systems would.
      for (const state of affected.slice(2)) {
        const client = await apiAs(state);
        const confirmed = await client.post(`/api/incidents/${created.body.id}/assessments`, {
          memberState: state,
          level: 'significant',
        });
        expect(confirmed.status).toBe(201);
      }

      // Six own assessments: T1 is met and the Blueprint applies, with no consultation at all.
      for (const page of [ercc.page, ee.page]) {
        await statusIs(page, 'Blueprint applies');
        await page.getByTestId('status-explanation').filter({ hasText: 'T1 met' }).waitFor(WAIT);
        expect(await page.getByRole('heading', { name: /^Consultation on coordination/ }).count()).toBe(0);
      }
      await ee.page.getByRole('button', { name: 'Activate the Blueprint' }).waitFor(WAIT);
      for (const watcher of [ercc, ee]) {
        expect(await notReloaded(watcher.page)).toBe(true);
        expect(watcher.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );
});
