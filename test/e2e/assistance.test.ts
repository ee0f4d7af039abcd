// Technical support in the browser: Estonia asks for two 1 MW generators, Finland and Sweden offer, Estonia accepts
// Finland's (ranked first, with the reason), Finland marks it in transit and deployed, and the request shows deployed
// on Estonia's panel and ERCC's board, both live, without reloading.
import { describe, expect, it } from 'vitest';
import type { AssistanceRequest } from '../../src/assistance/model.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';
import type { ApiClient } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: assistance from request to deployment', () => {
  const journey = browserJourney({
    domain: 'assistance.example.eu',
    organisations: ['EE', 'FI', 'SE', 'ERCC'],
  });

  it(
    'EE accepts FI’s offer over SE’s, FI delivers, and the request shows deployed',
    async () => {
      const [ee, fi, se] = [await journey.api('EE'), await journey.api('FI'), await journey.api('SE')];
      const { incident, address } = await journey.report('EE', { title: 'Narva substation down' });
      const base = `/api/incidents/${incident.id}/assistance`;
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

      const eeTab = await journey.tab('EE');
      const fiTab = await journey.tab('FI');
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
      const erccTab = await journey.tab('ERCC');
      await erccTab.page.goto(`${journey.server.url}/assistance`);
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
