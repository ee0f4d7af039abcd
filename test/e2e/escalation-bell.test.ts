// The bell in the browser: an alert nobody acknowledged says which escalation step it reached, in English and in
// Dutch, and changes without a reload when the next step is taken.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  type Tab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

const MINUTE = 60_000;

describe.skipIf(!HAVE_CHROMIUM)('browser: the escalation step in the bell', () => {
  let server: TestServer;
  let browser: Browser;
  const clock = new ManualClock(Date.now());
  const tabs: Tab[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      clock,
      env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' },
    });
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'kadri@ee.example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
    });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'says the alert escalated to the duty contacts, then to the org-admins, after how many minutes',
    async () => {
      const jobs = createJobs(server.platform);
      const fi = new ApiClient(server.url);
      await fi.login('aino@fi.example.eu', PASSWORD);
      const reported = await fi.post<Incident>('/api/incidents', {
        title: 'Estlink cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      expect(reported.status).toBe(201);
      clock.advance(30 * MINUTE);
      await jobs.runDue();

      const ee = await openTab(browser, server, { email: 'kadri@ee.example.eu' });
      tabs.push(ee);
      await ee.page.goto(`${server.url}/incidents`);
      const bell = ee.page.getByTestId('notifications-button');
      await bell.waitFor(WAIT);
      await bell.click();
      const panel = ee.page.getByRole('region', { name: 'Notifications' });
      await panel
        .getByText('Escalated to the duty contacts: nobody acknowledged within 30 minutes.')
        .waitFor(WAIT);
      // Said once, under the alert it belongs to.
      expect(await panel.getByTestId('notification-escalation').count()).toBe(1);

      await ee.page.keyboard.press('Escape');
      await ee.page.getByRole('button', { name: 'Nederlands' }).click();
      await ee.page.getByRole('button', { name: 'Afmelden' }).waitFor(WAIT);
      await ee.page.getByTestId('notifications-button').click();
      const paneel = ee.page.getByRole('region', { name: 'Notificaties' });
      await paneel
        .getByText(
          'Geëscaleerd naar de dienstdoende contacten: niemand heeft dit binnen 30 minuten als gezien gemarkeerd.',
        )
        .waitFor(WAIT);

      // The next step reaches the open bell over the live stream.
      clock.advance(30 * MINUTE);
      await jobs.runDue();
      await paneel
        .getByText(
          'Geëscaleerd naar de beheerders van uw organisatie: niemand heeft dit binnen 60 minuten als gezien gemarkeerd, ook de dienstdoende contacten niet.',
        )
        .waitFor(WAIT);
      expect(ee.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
