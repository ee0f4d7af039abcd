// Technical support in the browser: Estonia asks for two 1 MW generators, Finland and Sweden offer, Estonia accepts
// Finland's (ranked first, with the reason), Finland marks it in transit and deployed, and the request shows deployed
// on Estonia's panel and ERCC's board, both live, without reloading.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistanceRequest } from '../../src/assistance/model.js';
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

describe.skipIf(!HAVE_CHROMIUM)('browser: assistance from request to deployment', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const email = (org: string) => `coordinator.${org.toLowerCase()}@assistance.example.eu`;

  beforeAll(async () => {
    server = await startTestServer();
    for (const organisation of ['EE', 'FI', 'SE', 'ERCC'])
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
    'EE accepts FI’s offer over SE’s, FI delivers, and the request shows deployed',
    async () => {
      const client = async (org: string) => {
        const c = new ApiClient(server.url);
        await c.login(email(org), PASSWORD);
        return c;
      };
      const [ee, fi, se] = [await client('EE'), await client('FI'), await client('SE')];
      const incident = await ee.post<Incident>('/api/incidents', {
        title: 'Narva substation down',
        reportedBy: 'EE',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        impacts: [{ memberState: 'EE', level: 'significant' }],
      });
      const base = `/api/incidents/${incident.body.id}/assistance`;
      const request = await ee.post<AssistanceRequest>(`${base}/requests`, {
        category: 'power-generators',
        quantity: 2,
        unit: 'MW',
        location: { country: 'EE', place: 'Narva' },
        neededFrom: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        priority: 'urgent',
        marking: 'TLP:GREEN',
      });
      expect(request.status).toBe(201);
      const offer = (c: ApiClient, country: string, quantity: number) =>
        c.post(`${base}/offers`, {
          requestId: request.body.id,
          category: 'power-generators',
          what: `${quantity} × 1 MW generator from ${country}`,
          quantity,
          unit: 'MW',
          location: { country, place: '' },
          availableFrom: new Date().toISOString(),
          costs: 'free-of-charge',
          marking: 'TLP:GREEN',
        });
      expect((await offer(se, 'SE', 1)).status).toBe(201);
      expect((await offer(fi, 'FI', 2)).status).toBe(201);

      const address = `${server.url}/incidents/${incident.body.id}`;
      const eeTab = await openTab(browser, server, { email: email('EE') });
      const fiTab = await openTab(browser, server, { email: email('FI') });
      tabs.push(eeTab, fiTab);
      await eeTab.page.goto(address);
      const panel = eeTab.page.locator('section', {
        has: eeTab.page.getByRole('heading', { name: 'Assistance' }),
      });
      const rows = panel.getByRole('row');
      // FI's offer covers the whole need, so it ranks first, saying so.
      await rows.nth(1).getByText('Covers the whole need').waitFor(WAIT);
      expect(await rows.nth(1).getByRole('rowheader').textContent()).toBe('FI');
      expect(await rows.nth(2).getByText('Covers 1 of 2').count()).toBe(1);
      await panel.getByRole('button', { name: 'Accept the offer of FI' }).click();
      await panel.getByTestId('assistance-status').filter({ hasText: 'Accepted' }).waitFor(WAIT);
      // Estonia has no button for Finland's steps.
      expect(await panel.getByRole('button', { name: 'Mark in transit (FI)' }).count()).toBe(0);

      // ERCC's board and Estonia's panel stay open while Finland moves its help: both follow it live.
      const erccTab = await openTab(browser, server, { email: email('ERCC') });
      tabs.push(erccTab);
      await erccTab.page.goto(`${server.url}/assistance`);
      await erccTab.page.getByTestId('assistance-status').filter({ hasText: 'Accepted' }).waitFor(WAIT);

      await fiTab.page.goto(address);
      await fiTab.page.getByRole('button', { name: 'Mark in transit (FI)' }).click();
      await fiTab.page.getByRole('button', { name: 'Mark deployed (FI)' }).click();
      await fiTab.page.getByTestId('assistance-status').filter({ hasText: 'Deployed' }).waitFor(WAIT);

      await eeTab.page.getByTestId('assistance-status').filter({ hasText: 'Deployed' }).waitFor(WAIT);
      await eeTab.page.getByRole('button', { name: 'Mark demobilised (FI)' }).waitFor(WAIT);
      await erccTab.page.getByTestId('assistance-status').filter({ hasText: 'Deployed' }).waitFor(WAIT);
      expect([...eeTab.errors, ...fiTab.errors, ...erccTab.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
