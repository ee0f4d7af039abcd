// A standing offer in the browser: Finland offers a pool of 3 MW of generators to the incident, Estonia takes 1 MW
// of it for its request (part of what it asked for), and Finland's open page shows, live, that 2 MW are left. The
// offer carries the marking and audience Finland chose in the form.
import { describe, expect, it } from 'vitest';
import type { AssistanceRequest } from '../../src/assistance/model.js';
import type { Entry } from '../../src/entries/model.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: a standing offer of capacity taken in part', () => {
  const journey = browserJourney({ domain: 'standing.example.eu', organisations: ['EE', 'FI'] });

  it(
    'FI offers 3 MW standing, EE accepts 1 MW of it, and FI sees 2 MW left without reloading',
    async () => {
      const ee = await journey.api('EE');
      const { incident, address } = await journey.report('EE', { title: 'Narva substation down' });
      const request = await ee.post<AssistanceRequest>(`/api/incidents/${incident.id}/assistance/requests`, {
        category: 'power-generators',
        quantity: 2,
        unit: 'MW',
        location: { country: 'EE', place: 'Narva' },
        neededFrom: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        priority: 'urgent',
        marking: 'TLP:GREEN',
      });
      expect(request.status).toBe(201);

      const fiTab = await journey.tab('FI');
      const eeTab = await journey.tab('EE');
      await fiTab.page.goto(address);
      const fi = fiTab.page.getByRole('form', { name: 'Offer standing capacity' });
      await fiTab.page.getByRole('button', { name: 'Offer standing capacity' }).click();
      await fi.getByLabel('Kind of help').selectOption('power-generators');
      await fi.getByLabel('What is offered').fill('Generator pool in Kotka');
      await fi.getByLabel('Quantity', { exact: true }).fill('3');
      await fi.getByLabel('Unit').fill('MW');
      await fi.getByLabel('Available from').fill('2026-01-01T08:00');
      // Meant for Estonia alone: the marking and audience any entry has.
      await fi.getByLabel('Marking').selectOption('TLP:AMBER');
      await fi.locator('fieldset.org-picker').getByRole('checkbox', { name: / EE$/ }).check();
      await fi.getByRole('button', { name: 'Send the offer' }).click();
      const left = fiTab.page.getByTestId('standing-left');
      await left.filter({ hasText: '3 of 3 MW left' }).waitFor(WAIT);

      await eeTab.page.goto(address);
      await eeTab.page.getByText('standing offer: 3 of 3 MW left for this request').waitFor(WAIT);
      await eeTab.page.getByLabel('Quantity to accept from FI (MW)').fill('1');
      await eeTab.page.getByRole('button', { name: 'Accept the offer of FI' }).click();
      await eeTab.page.getByTestId('assistance-status').filter({ hasText: 'Accepted' }).waitFor(WAIT);
      await eeTab.page.getByText('1 of 2 MW', { exact: true }).waitFor(WAIT);

      // Finland's page follows the acceptance on the live stream.
      await left.filter({ hasText: '2 of 3 MW left' }).waitFor(WAIT);
      const log = await ee.get<{ items: Entry[] }>(
        `/api/incidents/${incident.id}/entries?kind=assistance-offer`,
      );
      expect(log.body.items.map((e) => [e.marking, [...e.audience].sort()])).toEqual([['TLP:AMBER', ['EE']]]);
      expect([...fiTab.errors, ...eeTab.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
