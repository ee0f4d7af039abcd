// A hybrid incident's decision on the attribution track, in the browser: the EEAS records it without choosing an
// audience; it is marked with its track in the decision log and shows in the log's attribution column for the
// affected state, and another member state's page never shows it.
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

const WHAT = 'Prepare attribution options for the Council';

describe.skipIf(!HAVE_CHROMIUM)('browser: a decision on the attribution track', () => {
  const journey = browserJourney({
    domain: 'decision-track.example.eu',
    organisations: ['FI', 'DE', 'EEAS'],
  });

  it(
    'the EEAS records it for the affected state only, marked with its track',
    async () => {
      const { incident, address } = await journey.report('FI', {
        title: 'Subsea cable cut, anchor dragged',
        cause: 'hybrid',
      });
      const eeas = await journey.tab('EEAS');
      await eeas.page.goto(address);
      const panel = eeas.page.getByTestId('decisions-panel');
      await panel.getByLabel('Level').selectOption('strategic');
      await panel.getByLabel('Track of the decision').selectOption('attribution');
      await panel.getByLabel('Who decided').fill('EEAS crisis cell');
      await panel.getByLabel('What was decided').fill(WHAT);
      await panel.getByRole('button', { name: 'Record the decision' }).click();
      await panel.getByText('Decision recorded.').waitFor(WAIT);
      await panel
        .locator('li', { hasText: WHAT })
        .getByText('Attribution and response to the actor')
        .waitFor(WAIT);
      // Then one for every participant: a page that shows it has loaded the decisions and the log.
      const everyone = await (await journey.api('EEAS')).post(`/api/incidents/${incident.id}/decisions`, {
        level: 'operational',
        decidedBy: 'EEAS crisis cell',
        what: 'Share the repair schedule with every participant',
      });
      expect(everyone.status).toBe(201);

      const fi = await journey.tab('FI');
      await fi.page.goto(address);
      const attribution = fi.page.locator('section', {
        has: fi.page.getByRole('heading', { name: 'Attribution and response to the actor' }),
      });
      await attribution.getByText(WHAT).first().waitFor(WAIT);

      const de = await journey.tab('DE');
      await de.page.goto(address);
      await de.page
        .getByTestId('decisions-panel')
        .locator('li', { hasText: 'Share the repair schedule with every participant' })
        .waitFor(WAIT);
      await de.page
        .locator('section', { has: de.page.getByRole('heading', { name: 'Consequence management' }) })
        .getByText('Share the repair schedule with every participant')
        .first()
        .waitFor(WAIT);
      expect(await de.page.getByText(WHAT).count()).toBe(0);
    },
    JOURNEY_TIMEOUT,
  );
});
