// A hybrid incident in the browser: the EEAS requests the Hybrid Toolbox with its case and lead contact and records
// it active; it writes an attribution-track note without choosing an audience, which shows in its own column and
// reaches the affected state but not another member state.
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: engagements and the two tracks of a hybrid incident', () => {
  const journey = browserJourney({ domain: 'tracks.example.eu', organisations: ['FI', 'DE', 'EEAS'] });

  it(
    'the EEAS engages the Hybrid Toolbox and writes on the attribution track for the affected state only',
    async () => {
      const { incident, address } = await journey.report('FI', {
        title: 'Subsea cable cut, anchor dragged',
        cause: 'hybrid',
      });
      const eeas = await journey.tab('EEAS');
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
      // Read from the log, not the form's text box, which may still hold it.
      await attribution
        .locator('p.entry__text', { hasText: 'The vessel is tied to a state actor' })
        .waitFor(WAIT);
      // Then a note for every participant: the page of a state that may not read the first has loaded the log
      // once it shows this one.
      const eeasApi = await journey.api('EEAS');
      const everyone = await eeasApi.post(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'A repair ship leaves Helsinki tonight',
        marking: 'TLP:GREEN',
      });
      expect(everyone.status).toBe(201);

      const fi = await journey.tab('FI');
      const de = await journey.tab('DE');
      await fi.page.goto(address);
      await fi.page
        .locator('section', {
          has: fi.page.getByRole('heading', { name: 'Attribution and response to the actor' }),
        })
        .getByText('The vessel is tied to a state actor')
        .waitFor(WAIT);
      await de.page.goto(address);
      await de.page
        .locator('section', { has: de.page.getByRole('heading', { name: 'Consequence management' }) })
        .locator('p.entry__text', { hasText: 'A repair ship leaves Helsinki tonight' })
        .waitFor(WAIT);
      expect(await de.page.getByText('The vessel is tied to a state actor').count()).toBe(0);
    },
    JOURNEY_TIMEOUT,
  );
});
