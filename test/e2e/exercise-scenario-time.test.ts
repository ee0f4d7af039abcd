// Browser journey: a web exercise session runs at sixty times real time; on the exercise incident's page each entry
// shows its scenario time (T+hours:minutes, as the server reads it through the session's clock) before the wall
// time, while a real incident's entries show the wall time alone.
import { describe, expect, it } from 'vitest';
import type { ExerciseSession } from '../../src/exercises/sessions/model.js';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import { expectAccessible } from '../support/axe.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

const SECOND = 1_000;

/** The report at T+0; the note at T+600 is never reached, so the session keeps running. */
const SCENARIO = `id: scenario-time-drill
title: Scenario time drill
presidency: PL
participants: [FI, EE, ERCC]
principals:
  - { id: fi-control, organisation: FI, name: Exercise control Finland }
injects:
  - at: 0
    as: fi-control
    kind: report
    report:
      title: "Exercise: drill cable down"
      cause: physical
      impacts: [{ memberState: FI, level: significant }]
  - at: 600
    as: fi-control
    kind: note
    text: Still here.
`;

describe.skipIf(!HAVE_CHROMIUM)('browser: an exercise incident’s log in scenario time', () => {
  // Starts at the real time so that the browser's sign-in is fresh; the test moves it from there.
  const clock = new ManualClock(Date.now());
  const journey = browserJourney({
    domain: 'scenario-time.example.eu',
    organisations: ['ERCC', 'EE', 'FI'],
    clock,
  });

  it(
    'shows T+ before the wall time on the exercise’s entries, and none on a real incident’s',
    async () => {
      const [ercc, ee] = [await journey.api('ERCC'), await journey.api('EE')];
      const jobs = createJobs(journey.server.platform);
      const started = await ercc.post<ExerciseSession>('/api/exercise-sessions', {
        yaml: SCENARIO,
        speed: 60,
      });
      expect(started.status).toBe(201);
      await jobs.runDue();
      const incidentId = (await ercc.get<ExerciseSession>(`/api/exercise-sessions/${started.body.id}`)).body
        .incidentId!;
      // 75 s on the wall at sixty times: Estonia's note is written at T+01:15.
      clock.set(clock.now().getTime() + 75 * SECOND);
      const note = await ee.post(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: 'Estonian grid operator informed.',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);

      const tab = await journey.tab('EE');
      await tab.page.goto(`${journey.server.url}/incidents/${incidentId}`);
      const noteCard = tab.page.getByRole('article').filter({ hasText: 'Estonian grid operator informed.' });
      await noteCard.locator('.entry__time').getByText('T+01:15').waitFor(WAIT);
      // Read out as scenario time, then the wall time as before.
      expect(await noteCard.locator('.entry__time').textContent()).toMatch(/^Scenario time T\+01:15 · .+UTC/);
      const reportCard = tab.page
        .getByRole('article')
        .filter({ hasText: 'Exercise: drill cable down' })
        .first();
      await reportCard.locator('.entry__time').getByText('T+00:00').waitFor(WAIT);
      await expectAccessible(tab.page, 'an exercise incident’s log in scenario time');

      const { address } = await journey.report('FI', { title: 'Real cable cut' });
      await tab.page.goto(address);
      await tab.page.getByRole('heading', { level: 1, name: 'Real cable cut' }).waitFor(WAIT);
      await tab.page.locator('.entry__time').first().waitFor(WAIT);
      expect(await tab.page.locator('.entry__scenario-time').count()).toBe(0);
      expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
