// Browser journey: a facilitator runs a short scenario unattended; a player opens the exercise's metrics page and
// reads, in the chart and in its table, how long each step took against the scenario's targets.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExerciseClock, runExercise } from '../../src/exercises/runner.js';
import { parseScenario } from '../../src/exercises/scenario-file.js';
import { expectAccessible } from '../support/axe.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

const SHORT = parseScenario(`
id: short-cable-drill
title: Short cable drill
presidency: PL
participants: [FI, EE, ERCC]
principals:
  - { id: fi-control, organisation: FI, name: Exercise control Finland }
  - { id: ee-control, organisation: EE, name: Exercise control Estonia }
injects:
  - at: 0
    as: fi-control
    kind: report
    report:
      title: "Exercise: cable down"
      domain: civil
      cause: physical
      sectors: [{ sector: digital-infrastructure, subsector: electronic-communications }]
      impacts:
        - { memberState: FI, level: significant }
        - { memberState: EE, level: minor }
expected:
  - measure: own-assessment
    organisation: EE
    by: 10
    script: { at: 15, as: ee-control, level: significant }
`);

describe.skipIf(!HAVE_CHROMIUM)('browser: an exercise run’s metrics page', () => {
  let server: TestServer;
  let browser: Browser;
  // The exercise's clock stays hours behind the wall clock, so sessions signed in by it never look expired.
  const clock = new ExerciseClock(Date.now() - 6 * 3600_000);

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { SESSION_IDLE_MINUTES: '1440' } });
    await server.createUser({
      email: 'ee@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
    });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'shows the time to each step in a chart and a table, with the target missed',
    async () => {
      const run = await runExercise(server.platform, clock, SHORT, { speed: 0 });
      expect(run.metrics).toContainEqual({ organisation: 'EE', measure: 'own-assessment', seconds: 15 * 60 });

      const ee = await openTab(browser, server, { email: 'ee@example.eu' });
      await ee.page.goto(`${server.url}/incidents/${run.incidentId}`);
      await ee.page.getByRole('link', { name: 'Coordination metrics' }).click();
      await ee.page
        .getByRole('heading', { name: /Coordination metrics: Exercise: cable down/ })
        .waitFor(WAIT);
      await ee.page.getByText('EXERCISE', { exact: false }).first().waitFor(WAIT);
      const chart = ee.page.getByRole('img', { name: 'Time from the first report to each step' });
      await chart.waitFor(WAIT);
      expect(await chart.getByText('Own assessment · Estonia').count()).toBe(1);

      const table = ee.page.getByRole('table', { name: 'Time to each step, as a table' });
      const estonia = table
        .getByRole('row')
        .filter({ hasText: 'Estonia' })
        .filter({ hasText: 'Own assessment' });
      await estonia.waitFor(WAIT);
      expect(await estonia.getByRole('cell').allInnerTexts()).toEqual([
        'Estonia',
        'T+15 min',
        'Missed (target T+10 min)',
        '—',
      ]);
      await expectAccessible(ee.page, 'the exercise metrics page');

      // Across incidents: the exercise among the exercises, with the same figure.
      await ee.page.getByRole('link', { name: 'Compare with other incidents over time' }).click();
      const overTime = ee.page.getByRole('table', { name: /oldest first/ });
      const drill = overTime.getByRole('row').filter({ hasText: 'Exercise: cable down' });
      await drill.waitFor(WAIT);
      expect(await drill.getByRole('cell').allInnerTexts()).toContain('T+15 min');
      await ee.page
        .getByRole('img', { name: 'Time to the first of each step, incident by incident' })
        .waitFor(WAIT);
      expect(ee.errors).toEqual([]);
      await ee.context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
