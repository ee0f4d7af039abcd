// The Presidency's consultation (T3) in the browser as a silence procedure: opened by the Presidency, seen live by a
// consulted state that says nothing, and concluded by the platform's job when the deadline passes on the test clock.
import { describe, expect, it } from 'vitest';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import { presidencyAt } from '../../src/registry/presidency.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  markPage,
  notReloaded,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

const HOUR = 3_600_000;

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: a T3 consultation ends in agreement by silence', () => {
  // The server's clock starts at the real time, so the browser's own clock agrees with it until the test moves it.
  const clock = new ManualClock(Date.now());
  const presidency = presidencyAt(clock.now())!.memberState;
  const [first, second] = ['FI', 'EE', 'LV'].filter((s) => s !== presidency) as [string, string];
  const journey = browserJourney({
    domain: 'consultation.example.eu',
    organisations: [first, second, presidency],
    clock,
    env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
  });

  it(
    'the Presidency opens it, the consulted states stay silent, and the platform concludes at the deadline',
    async () => {
      // Two states significantly affected by their own assessment: a decision is required.
      const { incident, address } = await journey.report(first, {
        title: 'Interconnector outage across the Gulf of Finland',
      });
      const other = await journey.api(second);
      await other.post(`/api/incidents/${incident.id}/assessments`, {
        memberState: second,
        level: 'significant',
      });

      const pres = await journey.tab(presidency);
      const state = await journey.tab(first);
      for (const tab of [pres, state]) {
        await tab.page.goto(address);
        await tab.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
        await markPage(tab.page);
      }

      // The Presidency proposes coordination with the default deadline (four hours from now).
      const open = pres.page.locator('form', { hasText: 'Open a consultation (silence procedure)' });
      await open.getByRole('radio', { name: 'coordination at Union level', exact: true }).check();
      await open.getByLabel("The Presidency's reasoning").fill('Two interconnected grids need one response.');
      await open.getByRole('button', { name: 'Open the consultation' }).click();

      // The consulted state sees it arrive live, with the buttons its rules allow and silence as its answer so far.
      const row = state.page.getByTestId(`consulted-${first}`);
      await row.getByText('No answer (silence is consent)').waitFor(WAIT);
      const answer = state.page.locator('form', { hasText: 'Your answer for' });
      await answer.getByRole('button', { name: 'Object' }).waitFor(WAIT);
      expect(
        await state.page.getByRole('button', { name: 'Decline and close the consultation' }).count(),
      ).toBe(0);
      await pres.page.getByRole('button', { name: 'Decline and close the consultation' }).waitFor(WAIT);
      expect(await pres.page.getByRole('button', { name: 'Object' }).count()).toBe(0);

      // Nobody answers. The deadline passes on the server's clock and the job concludes.
      clock.advance(4 * HOUR + 60_000);
      expect((await createJobs(journey.server.platform).runDue()).done).toBeGreaterThanOrEqual(1);

      for (const tab of [state, pres]) {
        await tab.page
          .getByTestId('consultation-outcome')
          .filter({ hasText: 'Coordination at Union level is agreed' })
          .waitFor(WAIT);
        await tab.page
          .getByText('Concluded by the platform when the last deadline passed')
          .first()
          .waitFor(WAIT);
        await tab.page.locator('.incident-status .status', { hasText: 'Blueprint applies' }).waitFor(WAIT);
        expect(await notReloaded(tab.page)).toBe(true);
        expect(tab.errors).toEqual([]);
      }
      expect(await state.page.getByRole('button', { name: 'Object' }).count()).toBe(0);
    },
    JOURNEY_TIMEOUT,
  );
});
