// Technical support in the browser: Estonia asks for two 1 MW generators in its panel's form, saying until when; Finland
// offers in the browser and Sweden through the API; Estonia accepts Finland's (ranked first, with the reason),
// Finland marks it in transit and deployed, and the request shows deployed on Estonia's panel and ERCC's board, both
// live, without reloading.
import { describe, expect, it } from 'vitest';
import type { IncidentAssistance } from '../../src/assistance/model.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: assistance from request to deployment', () => {
  const journey = browserJourney({
    domain: 'assistance.example.eu',
    organisations: ['EE', 'FI', 'SE', 'ERCC'],
  });

  it(
    'EE asks in its form, FI offers in the browser and SE by API, EE accepts FI’s, FI delivers, and the request shows deployed',
    async () => {
      const [ee, se] = [await journey.api('EE'), await journey.api('SE')];
      const { incident, address } = await journey.report('EE', { title: 'Narva substation down' });
      const base = `/api/incidents/${incident.id}/assistance`;

      // Estonia asks in its panel's form (the browser's clock is Brussels time).
      const eeTab = await journey.tab('EE');
      await eeTab.page.goto(address);
      const ask = eeTab.page.getByRole('form', { name: 'Request assistance' });
      await ask.getByLabel('What is needed', { exact: true }).selectOption('power-generators');
      await ask
        .getByLabel('Description', { exact: true })
        .fill('Mobile generators for the Narva water works');
      await ask.getByLabel('Quantity', { exact: true }).fill('2');
      await ask.getByLabel('Unit', { exact: true }).fill('MW');
      await ask.getByLabel('Location', { exact: true }).fill('Narva');
      await ask.getByLabel('Needed from', { exact: true }).fill('2027-01-10T08:00');
      await ask.getByLabel('Needed until', { exact: true }).fill('2027-01-17T08:00');
      await ask.getByLabel('Priority', { exact: true }).selectOption('urgent');
      await ask.getByRole('button', { name: 'Send the request' }).click();
      const card = eeTab.page.getByRole('article', { name: '2 MW: Power generators, requested by EE' });
      await card.getByTestId('assistance-description').filter({ hasText: 'Narva water works' }).waitFor(WAIT);
      await card.getByText('Needed until', { exact: true }).waitFor(WAIT);
      const asked = await ee.get<IncidentAssistance>(base);
      expect(asked.body.items).toHaveLength(1);
      const request = asked.body.items[0]!;
      expect(request).toMatchObject({
        quantity: 2,
        unit: 'MW',
        location: { country: 'EE', place: 'Narva' },
        neededFrom: '2027-01-10T07:00:00.000Z',
        neededUntil: '2027-01-17T07:00:00.000Z',
        priority: 'urgent',
      });

      // Finland offers in the browser, for a limited time; Sweden through the API.
      const fiTab = await journey.tab('FI');
      await fiTab.page.goto(address);
      const fiCard = fiTab.page.getByRole('article', { name: '2 MW: Power generators, requested by EE' });
      await fiCard.getByRole('button', { name: 'Offer assistance' }).click();
      const give = fiCard.getByRole('form', { name: 'Offer assistance' });
      await give.getByLabel('What is offered', { exact: true }).fill('2 × 1 MW generator from FI');
      await give.getByLabel('Quantity (MW)').fill('2');
      await give.getByLabel('Available from', { exact: true }).fill('2027-01-10T06:00');
      await give.getByLabel('Available until', { exact: true }).fill('2027-01-31T18:00');
      await give.getByRole('button', { name: 'Send the offer' }).click();
      await fiCard
        .getByRole('row')
        .filter({ hasText: '2 × 1 MW generator from FI' })
        .getByText(/Available until/)
        .waitFor(WAIT);
      const sweden = await se.post(`${base}/offers`, {
        requestId: request.id,
        category: 'power-generators',
        what: '1 × 1 MW generator from SE',
        quantity: 1,
        unit: 'MW',
        location: { country: 'SE', place: '' },
        availableFrom: '2027-01-10T05:00:00Z',
        costs: 'free-of-charge',
        marking: 'TLP:GREEN',
      });
      expect(sweden.status).toBe(201);
      const offered = (await ee.get<IncidentAssistance>(base)).body.items[0]!.offers;
      expect(offered.find((o) => o.offeredBy === 'FI')).toMatchObject({
        quantity: 2,
        availableFrom: '2027-01-10T05:00:00.000Z',
        availableUntil: '2027-01-31T17:00:00.000Z',
      });

      const panel = eeTab.page.locator('section', {
        has: eeTab.page.getByRole('heading', { name: 'Assistance' }),
      });
      const rows = panel.getByRole('row');
      // FI's offer covers the whole need, so it ranks first, saying so.
      await rows.nth(1).getByText('Covers the whole need').waitFor(WAIT);
      expect(await rows.nth(1).getByRole('rowheader').textContent()).toBe('FI');
      // Sweden's arrives on Estonia's open page live, ranked below.
      await rows.nth(2).getByText('Covers 1 of 2').waitFor(WAIT);
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
