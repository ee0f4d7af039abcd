// Decisions and actions: ERCC assigns an action to a named Finnish duty officer from the incident page; the officer
// finds it under "My actions" on the home page, opens the incident and marks it done.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';
import { PASSWORD } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: an action is assigned and completed', () => {
  const clock = new ManualClock(Date.now());
  const journey = browserJourney({ domain: 'actions.example.eu', organisations: ['FI', 'ERCC'], clock });

  it(
    'assigns from the incident page, lists it under my actions, and completes it',
    async () => {
      const { address } = await journey.report('FI', {
        title: 'Gulf of Finland cable cut',
      });
      const api = await journey.api('FI');
      const availability = await api.request('PUT', '/api/member-states/FI/availability', {
        availability: 'only-urgent',
        note: 'Grid restoration first',
      });
      expect(availability.status).toBe(200);

      const ercc = await journey.tab('ERCC');
      await ercc.page.goto(address);
      const panel = ercc.page.getByTestId('decisions-panel');
      await panel.getByLabel('What is to be done').fill('Charter a cable repair vessel');
      await panel.getByLabel('Owner organisation').selectOption('FI');
      // Finland said its national response comes first: whoever assigns to it is told so.
      await panel
        .getByTestId('availability-note')
        .getByText(/only urgent EU asks.*Grid restoration/)
        .waitFor(WAIT);
      await panel
        .getByLabel('Assigned to')
        .locator('option', { hasText: 'Duty officer FI' })
        .waitFor({ state: 'attached', ...WAIT });
      await panel.getByLabel('Assigned to').selectOption({ label: 'Duty officer FI' });
      await panel.getByRole('button', { name: 'Create the action' }).click();
      await panel.getByText('Action “Charter a cable repair vessel” created.').waitFor(WAIT);
      await panel.getByTestId('action').filter({ hasText: 'Charter a cable repair vessel' }).waitFor(WAIT);
      // ERCC created it: it may also mark it done, but leaves that to Finland.

      const fi = await journey.tab('FI');
      await fi.page.goto(`${journey.server.url}/`);
      const mine = fi.page.getByTestId('my-actions');
      await mine.getByRole('link', { name: 'Charter a cable repair vessel' }).click();
      const own = fi.page.getByTestId('decisions-panel').getByTestId('action');
      await own.getByText('Open', { exact: true }).waitFor(WAIT);
      await own.getByRole('button', { name: 'Mark “Charter a cable repair vessel” done' }).click();
      await own.getByText('Done', { exact: true }).waitFor(WAIT);
      expect(await own.getByRole('button', { name: /Reopen/ }).count()).toBe(1);
      // The log puts both entries into words, not only their kinds.
      const log = fi.page.locator('article.entry');
      await log.getByText('Action for Finland: Charter a cable repair vessel', { exact: true }).waitFor(WAIT);
      await log
        .getByText('Action item marked done: “Charter a cable repair vessel”', { exact: true })
        .waitFor(WAIT);

      await fi.page.goto(`${journey.server.url}/`);
      await fi.page
        .getByTestId('my-actions')
        .getByText('No open action for you or your organisation.')
        .waitFor(WAIT);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows the incoming officer the handover since their last shift on the home page, until acknowledged',
    async () => {
      const night = await journey.server.createUser({
        email: 'night.fi@actions.example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
        displayName: 'Night officer FI',
      });
      const { incident } = await journey.report('FI', {
        title: 'Estlink 2 outage',
      });
      const api = await journey.api('FI');
      const handover = await api.post(`/api/incidents/${incident.id}/handovers`, {
        changed: 'Second cable down at 06:40',
        openAsks: 'ERCC asked for a picture update by noon',
        incomingUserId: night.id,
      });
      expect(handover.status).toBe(201);

      const tab = await journey.tab('night.fi@actions.example.eu');
      await tab.page.goto(`${journey.server.url}/`);
      const since = tab.page.getByTestId('since-last-shift');
      await since.getByText('What changed: Second cable down at 06:40').waitFor(WAIT);
      await since.getByRole('button', { name: 'Acknowledge the handover for “Estlink 2 outage”' }).click();
      await since.waitFor({ state: 'detached', ...WAIT });
    },
    JOURNEY_TIMEOUT,
  );
});
