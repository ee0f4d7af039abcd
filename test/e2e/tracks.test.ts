// A hybrid incident in the browser: the EEAS requests the Hybrid Toolbox with its case and lead contact and records
// it active; it writes an attribution-track note without choosing an audience, which shows in its own column and
// reaches the affected state but not another member state.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe.skipIf(!HAVE_CHROMIUM)('browser: engagements and the two tracks of a hybrid incident', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const email = (org: string) => `coordinator.${org.toLowerCase()}@tracks.example.eu`;

  beforeAll(async () => {
    server = await startTestServer();
    for (const organisation of ['FI', 'DE', 'EEAS'])
      await server.createUser({
        email: email(organisation),
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `Duty officer ${organisation}`,
      });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'the EEAS engages the Hybrid Toolbox and writes on the attribution track for the affected state only',
    async () => {
      const api = new ApiClient(server.url);
      await api.login(email('FI'), PASSWORD);
      const created = await api.post<Incident>('/api/incidents', {
        title: 'Subsea cable cut, anchor dragged',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        cause: 'hybrid',
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      expect(created.status).toBe(201);
      const address = `${server.url}/incidents/${created.body.id}`;
      const eeas = await openTab(browser, server, { email: email('EEAS') });
      tabs.push(eeas);
      const page = eeas.page;
      await page.goto(address);

      const panel = page.locator('section', { hasText: 'EU mechanisms working on this incident' });
      await panel.getByText('Suggested mechanisms, each with its reason').waitFor(WAIT);
      await panel.getByLabel('Mechanism', { exact: true }).selectOption('hybrid-toolbox');
      await panel.getByLabel('Status', { exact: true }).selectOption('requested');
      await panel.getByLabel(/Lead contact in that mechanism/).fill('EEAS hybrid cell, duty desk');
      await panel.getByLabel(/Case reference in that mechanism/).fill('HT-2026-4');
      await panel.getByRole('button', { name: 'Record as requested' }).click();
      const engaged = panel.locator('li.engagement', { hasText: 'EEAS hybrid cell, duty desk' });
      await engaged.getByText('requested', { exact: true }).waitFor(WAIT);
      await engaged.getByText(/HT-2026-4/).waitFor(WAIT);
      await engaged.getByRole('button', { name: 'Record as active' }).click();
      await engaged.getByText('active', { exact: true }).waitFor(WAIT);

      // The log shows both tracks side by side.
      await page.getByRole('heading', { name: 'Consequence management' }).waitFor(WAIT);
      const attribution = page.locator('section', {
        has: page.getByRole('heading', { name: 'Attribution and response to the actor' }),
      });
      await page.getByRole('button', { name: 'Write a note' }).click();
      await page.getByLabel('Text', { exact: true }).fill('The vessel is tied to a state actor');
      await page.getByLabel('Track', { exact: true }).selectOption('attribution');
      await page.getByRole('button', { name: 'Post the note' }).click();
      await attribution.getByText('The vessel is tied to a state actor').waitFor(WAIT);

      const fi = await openTab(browser, server, { email: email('FI') });
      const de = await openTab(browser, server, { email: email('DE') });
      tabs.push(fi, de);
      await fi.page.goto(address);
      await fi.page
        .locator('section', {
          has: fi.page.getByRole('heading', { name: 'Attribution and response to the actor' }),
        })
        .getByText('The vessel is tied to a state actor')
        .waitFor(WAIT);
      await de.page.goto(address);
      await de.page.getByRole('heading', { name: 'Consequence management' }).waitFor(WAIT);
      expect(await de.page.getByText('The vessel is tied to a state actor').count()).toBe(0);
    },
    JOURNEY_TIMEOUT,
  );
});
