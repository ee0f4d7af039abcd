// The common picture in the browser: two coordinators (Finland, Estonia) look at the same incident; Finland's
// update and then Estonia's own assessment change Estonia's level on the map, the key figures and the log on
// Estonia's page, live (never by reloading).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  markPage,
  notReloaded,
  openTab,
  type Tab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

const PEOPLE = {
  fi: { email: 'aino.virtanen@fi.example.eu', organisation: 'FI', name: 'Aino Virtanen' },
  ee: { email: 'kadri.tamm@ee.example.eu', organisation: 'EE', name: 'Kadri Tamm' },
} as const;

describe.skipIf(!HAVE_CHROMIUM)('browser: the common picture', () => {
  let server: TestServer;
  let browser: Browser;
  let fi: Tab;
  let ee: Tab;
  const api = async (person: keyof typeof PEOPLE) => {
    const client = new ApiClient(server.url);
    await client.login(PEOPLE[person].email, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const person of Object.values(PEOPLE)) {
      await server.createUser({
        email: person.email,
        password: PASSWORD,
        organisation: person.organisation,
        role: 'coordinator',
        displayName: person.name,
      });
    }
    fi = await openTab(browser, server, { email: PEOPLE.fi.email });
    ee = await openTab(browser, server, { email: PEOPLE.ee.email });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of [fi, ee]) await tab?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  const stateOnMap = (page: Page, code: string) =>
    page.locator(`[data-testid=europe-map] g.map-state[data-code="${code}"]`);
  const figure = (page: Page, testId: string) => page.getByTestId(testId).locator('.key-figure__value');

  it(
    "follows Estonia's impact on the map, in the key figures and in the log as others report it and as it confirms",
    async () => {
      const title = 'Estlink interconnector trip';
      const update = 'Frequency deviation confirmed on the Estonian side; load shedding in Harju county.';
      const finland = await api('fi');
      const reported = await finland.post<{ id: string }>('/api/incidents', {
        title,
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'electricity import', usersAffected: 12_000 },
          { memberState: 'EE', level: 'minor' },
        ],
      });
      expect(reported.status).toBe(201);
      const incidentId = reported.body.id;

      for (const tab of [fi, ee]) {
        await tab.page.goto(`${server.url}/incidents/${incidentId}`);
        await tab.page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
        await tab.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
        await stateOnMap(tab.page, 'EE').waitFor(WAIT);
        await markPage(tab.page);
      }
      const { page } = ee;

      // Finland's report claims a minor impact for Estonia: hatched, labelled "MIN?", not counted as Estonia's own.
      const estonia = stateOnMap(page, 'EE');
      expect(await estonia.getAttribute('data-level')).toBe('minor');
      expect(await estonia.getAttribute('data-own')).toBe('false');
      expect(await estonia.locator('path').getAttribute('fill')).toMatch(/^url\(#.*hatch-minor\)$/);
      expect(await page.locator('[data-label-for="EE"]').textContent()).toBe('EEMIN?');
      expect(await stateOnMap(page, 'FI').getAttribute('data-own')).toBe('true');
      expect(await figure(page, 'key-significant').textContent()).toBe('1');
      expect(await figure(page, 'key-unconfirmed').textContent()).toBe('0');
      expect(await figure(page, 'key-people').textContent()).toBe('12,000');

      // Finland sends an update naming Estonia significantly affected: Estonia's page follows by itself.
      const sent = await finland.post(`/api/incidents/${incidentId}/updates`, {
        stage: 'other',
        text: update,
        impacts: [{ memberState: 'EE', level: 'significant' }],
      });
      expect(sent.status).toBe(201);
      await page
        .locator(
          '[data-testid=europe-map] g.map-state[data-code="EE"][data-level="significant"][data-own="false"]',
        )
        .waitFor(WAIT);
      await page.locator('[data-label-for="EE"]', { hasText: 'SIG?' }).waitFor(WAIT);
      await page
        .getByTestId('key-unconfirmed')
        .locator('.key-figure__value', { hasText: /^1$/ })
        .waitFor(WAIT);
      await page.locator('article.entry', { hasText: update }).waitFor(WAIT);
      await page.getByTestId('first-day').getByText(update).waitFor(WAIT);
      const row = page.getByTestId('state-table').locator('tr[data-code="EE"]');
      expect(await row.getAttribute('data-level')).toBe('significant');

      // Estonia confirms: solid, counted as significantly affected, no longer unconfirmed.
      const estoniaApi = await api('ee');
      expect(
        (
          await estoniaApi.post(`/api/incidents/${incidentId}/assessments`, {
            memberState: 'EE',
            level: 'significant',
          })
        ).status,
      ).toBe(201);
      await page
        .locator(
          '[data-testid=europe-map] g.map-state[data-code="EE"][data-level="significant"][data-own="true"]',
        )
        .waitFor(WAIT);
      await page
        .getByTestId('key-significant')
        .locator('.key-figure__value', { hasText: /^2$/ })
        .waitFor(WAIT);
      await page
        .getByTestId('key-unconfirmed')
        .locator('.key-figure__value', { hasText: /^0$/ })
        .waitFor(WAIT);
      expect(await page.locator('[data-label-for="EE"]').textContent()).toBe('EESIG');
      // Finland's page followed too.
      await stateOnMap(fi.page, 'EE').and(fi.page.locator('[data-own="true"]')).waitFor(WAIT);

      // From the keyboard: Tab to Estonia on the map and press Enter to see its latest contributions.
      await estonia.focus();
      await page.keyboard.press('Enter');
      const detail = page.getByTestId('state-detail');
      await detail.getByRole('heading', { level: 3, name: /Estonia/ }).waitFor(WAIT);
      expect(await estonia.getAttribute('aria-pressed')).toBe('true');
      await detail.getByTestId('state-contributions').getByText('Own assessment').waitFor(WAIT);
      await detail.getByRole('button', { name: 'Show everything from and about Estonia in the log' }).click();
      await page.waitForURL((url) => url.searchParams.get('state') === 'EE', WAIT);
      // Filtered to Estonia, the log keeps Finland's update (it names Estonia) and Estonia's own assessment.
      await page.locator('article.entry', { hasText: update }).waitFor(WAIT);
      const stateFilter = page.locator('.timeline-filters').getByLabel('Member state');
      await expect.poll(() => stateFilter.inputValue(), WAIT).toBe('EE');

      // The map is one tab stop: the selected state holds it, and the arrow keys move between states by name.
      const tabStops = await page
        .locator('[data-testid=europe-map] g[role="button"][tabindex="0"]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-code')));
      expect(tabStops).toEqual(['EE']);
      await estonia.focus();
      await page.keyboard.press('ArrowRight');
      expect(
        await page.evaluate(() =>
          (
            globalThis as unknown as {
              document: { activeElement: { getAttribute(n: string): string | null } };
            }
          ).document.activeElement.getAttribute('data-code'),
        ),
      ).toBe('FI');
      await page.keyboard.press('Home');
      expect(
        await page.evaluate(() =>
          (
            globalThis as unknown as {
              document: { activeElement: { getAttribute(n: string): string | null } };
            }
          ).document.activeElement.getAttribute('data-code'),
        ),
      ).toBe('AT');

      for (const tab of [fi, ee]) {
        expect(await notReloaded(tab.page)).toBe(true);
        expect(tab.errors).toEqual([]);
      }
    },
    JOURNEY_TIMEOUT,
  );
});
