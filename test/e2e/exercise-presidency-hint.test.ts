// On an exercise incident, the update form's audience says who the Presidency is in the exercise: the scenario's
// member state, not the calendar's holder, because an entry addressed to the Presidency reaches the scenario's.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { exerciseScenario, startExerciseSession, update } from '../support/exercise-session.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

const SCENARIO = exerciseScenario({
  id: 'presidency-hint',
  title: 'Presidency hint drill',
  participants: ['FI', 'EE', 'ERCC'],
  later: [update(600)],
});

describe.skipIf(!HAVE_CHROMIUM)("browser: an exercise's Presidency in the audience hint", () => {
  const journey = browserJourney({ domain: 'presidency-hint.example.eu', organisations: ['ERCC', 'FI'] });

  it(
    "names the scenario's Presidency on an exercise incident, and the calendar's on a real one",
    async () => {
      const office = await journey.server.platform.db.kysely
        .selectFrom('presidency_office')
        .select('member_state')
        .executeTakeFirstOrThrow();
      // The scenario seats a state the calendar does not, so the hint can only be right by reading the incident.
      expect(office.member_state).not.toBe('PL');

      const ercc = await journey.api('ERCC');
      const { incidentId } = await startExerciseSession(journey.server.platform, ercc, SCENARIO, 60);
      const incident = await ercc.get<Incident>(`/api/incidents/${incidentId}`);
      expect(incident.body.presidency).toBe('PL');
      expect(incident.body.presidencyOfScenario).toBe(true);

      const { page, errors } = await journey.tab('FI');
      const hintOnPage = async () => {
        await page.getByRole('button', { name: 'Write an update' }).click();
        const role = page.getByRole('checkbox', { name: 'The Council Presidency' });
        await role.waitFor(WAIT);
        const hintId = await role.getAttribute('aria-describedby');
        return page.locator(`[id="${hintId}"]`);
      };
      // The calendar's holder comes with the registry, which the page may still be reading: read until it says.
      const read = (hint: Locator) => async () => (await hint.textContent()) ?? '';

      await page.goto(`${journey.server.url}/incidents/${incidentId}`);
      const exerciseHint = await hintOnPage();
      await expect.poll(read(exerciseHint), WAIT).toMatch(/^In this exercise its scenario seats Poland/);
      expect(await read(exerciseHint)()).not.toMatch(/until/);

      // A real incident's hint still names the calendar's holder and the end of its term.
      const real = await journey.report('FI', { title: 'Interconnector trip' });
      expect(real.incident.presidencyOfScenario).toBe(false);
      await page.goto(real.address);
      await expect
        .poll(read(await hintOnPage()), WAIT)
        .toMatch(/^Whoever holds it when the entry is read: now .+, until /);
      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
