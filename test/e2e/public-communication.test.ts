// Public communication in the browser: Finland logs a false narrative in the Public communication panel and sees
// it listed, switches the incident's public page on, and the page (opened without an account) shows the approved
// line once its embargo has passed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicMessagesView } from '../../src/comms/model.js';
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

describe.skipIf(!HAVE_CHROMIUM)('browser: the disinformation log and the public page', () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const email = 'coordinator.fi@public.example.eu';

  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.createUser({ email, password: PASSWORD, organisation: 'FI', role: 'coordinator' });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'logs a narrative, switches the page on and shows the line past its embargo',
    async () => {
      const api = new ApiClient(server.url);
      await api.login(email, PASSWORD);
      const created = await api.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable cut',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      const id = created.body.id;
      const drafted = await api.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
        marking: 'TLP:CLEAR',
        event: 'Subsea cable damage',
        embargoUntil: new Date(clock.now().getTime() + 5 * 60_000).toISOString(),
        texts: [
          { language: 'en', headline: 'Cable repairs under way', text: 'Supply is secured.' },
          { language: 'fi', headline: 'Kaapelin korjaus käynnissä', text: 'Sähkön saanti on turvattu.' },
        ],
      });
      const mid = drafted.body.messages[0]!.messageId;
      const approved = await api.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
        decision: 'approved',
        languages: ['en', 'fi'],
      });
      expect(approved.status).toBe(200);

      const fi = await openTab(browser, server, { email });
      tabs.push(fi);
      await fi.page.goto(`${server.url}/incidents/${id}`);
      const log = fi.page.getByRole('region', { name: 'Disinformation log' });
      await log.getByRole('textbox', { name: 'Narrative' }).fill('The cable was cut to raise prices');
      await log.getByLabel('Platforms and outlets').fill('Telegram, a video channel');
      await log.getByLabel('Countries where observed').fill('fi, ee');
      await log.getByLabel('Observed since').fill('2026-01-05T08:30');
      await log.getByLabel('Reach estimate').selectOption('high');
      await log.getByLabel('Rebuttal line').fill('The cause is under investigation.');
      await log.getByRole('button', { name: 'Log the narrative' }).click();
      await log.getByText('Narrative logged.').waitFor(WAIT);
      await log.getByText('The cable was cut to raise prices').waitFor(WAIT);
      await log.getByText('Telegram, a video channel (FI, EE)').waitFor(WAIT);

      const page = fi.page.getByRole('region', { name: 'Public page' });
      await page.getByRole('button', { name: 'Switch the public page on' }).click();
      const link = page.getByRole('link', { name: /\/public\/incidents\// });
      await link.waitFor(WAIT);
      const href = (await link.getAttribute('href'))!;
      expect(href).not.toContain(id);

      clock.advance(10 * 60_000);
      const anonymous = await openTab(browser, server);
      tabs.push(anonymous);
      await anonymous.page.goto(`${server.url}${href}`);
      await anonymous.page.getByRole('heading', { name: 'Cable repairs under way' }).waitFor(WAIT);
      await anonymous.page
        .locator('section[lang="fi"]')
        .getByText('Sähkön saanti on turvattu.')
        .waitFor(WAIT);
      expect(await anonymous.page.content()).not.toContain('Gulf of Finland cable cut');
      expect(await anonymous.page.content()).not.toContain('raise prices');
      expect([...fi.errors, ...anonymous.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
