// Requests to consult in the Presidency's panel: an affected state asks the Presidency to consult on coordination
// at Union level; the Presidency sees who asked, when and why above the form that opens a consultation, and the
// request is answered once a consultation is opened. The requesting state is not shown the Presidency's list.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { presidencyAt } from '../../src/registry/presidency.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: the Presidency sees the requests to consult', () => {
  const clock = new ManualClock(Date.now());
  const presidency = presidencyAt(clock.now())!.memberState;
  const [first, second] = ['FI', 'EE', 'LV'].filter((s) => s !== presidency) as [string, string];
  const journey = browserJourney({
    domain: 'requests.example.eu',
    organisations: [first, second, presidency],
    clock,
  });

  it(
    'lists an affected state’s request with who, when and why until a consultation is opened',
    async () => {
      const { incident, address } = await journey.report(first, {
        title: 'Gas pipeline pressure loss across the Baltic',
      });
      const other = await journey.api(second);
      await other.post(`/api/incidents/${incident.id}/assessments`, {
        memberState: second,
        level: 'significant',
      });

      const state = await journey.tab(first);
      const pres = await journey.tab(presidency);
      await state.page.goto(address);
      const ask = state.page.locator('form', { hasText: 'Ask the Presidency to consult' });
      await ask
        .getByLabel('Why coordination at Union level may be needed')
        .fill('Both grids lose supply tonight.');
      await ask.getByRole('button', { name: 'Request a consultation' }).click();
      await state.page.getByText(/The Presidency \(.+\) is alerted\./).waitFor(WAIT);

      await pres.page.goto(address);
      const requests = pres.page.getByTestId('consultation-requests');
      const request = requests.getByRole('listitem');
      await request.filter({ hasText: 'Both grids lose supply tonight.' }).waitFor(WAIT);
      expect(await request.count()).toBe(1);
      expect(await request.textContent()).toContain(`Duty officer ${first}`);
      await pres.page.getByRole('heading', { name: 'A request to consult' }).waitFor(WAIT);
      // Above the form that opens a consultation.
      const open = pres.page.locator('form', { hasText: 'Open a consultation (silence procedure)' });
      const [listTop, formTop] = await Promise.all([
        requests.boundingBox().then((b) => b?.y ?? Number.NaN),
        open.boundingBox().then((b) => b?.y ?? Number.NaN),
      ]);
      expect(listTop).toBeLessThan(formTop);
      // The list is the Presidency's: the requesting state does not get it, though its log shows the request.
      await state.page.locator('p.entry__text', { hasText: 'Both grids lose supply tonight.' }).waitFor(WAIT);
      expect(await state.page.getByTestId('consultation-requests').count()).toBe(0);

      await open.getByRole('radio', { name: 'coordination at Union level', exact: true }).check();
      await open.getByRole('button', { name: 'Open the consultation' }).click();
      await pres.page.getByTestId(`consulted-${first}`).waitFor(WAIT);
      await expect.poll(() => requests.count(), WAIT).toBe(0);
      for (const tab of [state, pres]) expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
