// The divergence view in the browser: Finland corrects the link of a national publication it recorded, then
// withdraws another one recorded by mistake; Estonia's coordinator sees neither button on Finland's publications.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DivergenceView } from '../../src/comms/divergence-model.js';
import type { Incident } from '../../src/incidents/model.js';
import { ManualClock } from '../../src/platform/clock.js';
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

const HOUR = 3_600_000;

describe.skipIf(!HAVE_CHROMIUM)('browser: withdrawing and correcting a national publication', () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const fiEmail = 'coordinator.fi@withdrawal.example.eu';
  const eeEmail = 'coordinator.ee@withdrawal.example.eu';

  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.createUser({ email: fiEmail, password: PASSWORD, organisation: 'FI', role: 'coordinator' });
    await server.createUser({ email: eeEmail, password: PASSWORD, organisation: 'EE', role: 'coordinator' });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'corrects one publication and withdraws another, and another state sees neither button',
    async () => {
      const api = new ApiClient(server.url);
      await api.login(fiEmail, PASSWORD);
      const created = await api.post<Incident>('/api/incidents', {
        title: 'Estlink cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      const id = created.body.id;
      const record = (minutesAgo: number, link: string) =>
        api.post<DivergenceView>(`/api/incidents/${id}/national-publications`, {
          publishedAt: new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString(),
          link,
        });
      expect((await record(30, 'https://typo.example.fi/tiedote')).status).toBe(201);
      expect((await record(20, 'https://other-incident.example.fi/tiedote')).status).toBe(201);

      const fi = await openTab(browser, server, { email: fiEmail });
      tabs.push(fi);
      await fi.page.goto(`${server.url}/incidents/${id}`);
      const column = fi.page.getByRole('article', { name: 'Published by Finland' });
      const typo = column.locator('.comms-publication', { hasText: 'https://typo.example.fi/tiedote' });
      await typo.getByRole('button', { name: 'Correct' }).click();
      const correction = typo.getByRole('form', { name: 'Correct this publication' });
      await correction.getByLabel('What was wrong').fill('a typo in the address');
      await correction.getByLabel('Right link').fill('https://right.example.fi/tiedote');
      await correction.getByRole('button', { name: 'Save the correction' }).click();
      await column.getByRole('link', { name: 'https://right.example.fi/tiedote' }).waitFor(WAIT);

      const mistaken = column.locator('.comms-publication', { hasText: 'https://other-incident.example.fi' });
      await mistaken.getByRole('button', { name: 'Withdraw' }).click();
      const withdrawal = mistaken.getByRole('form', { name: 'Withdraw this publication' });
      await withdrawal.getByLabel('Why it is withdrawn').fill('recorded on the wrong incident');
      await withdrawal.getByRole('button', { name: 'Withdraw the publication' }).click();
      await column.getByRole('link', { name: 'https://other-incident.example.fi/tiedote' }).waitFor({
        ...WAIT,
        state: 'detached',
      });
      expect(await column.locator('.comms-publication').count()).toBe(1);

      const ee = await openTab(browser, server, { email: eeEmail });
      tabs.push(ee);
      await ee.page.goto(`${server.url}/incidents/${id}`);
      const seen = ee.page.getByRole('article', { name: 'Published by Finland' });
      await seen.getByRole('link', { name: 'https://right.example.fi/tiedote' }).waitFor(WAIT);
      expect(await seen.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
      expect(await seen.getByRole('button', { name: 'Correct' }).count()).toBe(0);
      expect([...fi.errors, ...ee.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
