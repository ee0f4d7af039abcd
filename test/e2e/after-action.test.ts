// Browser journey: after a short exercise, ERCC drafts the post-incident report on the incident page for an audience
// chosen first and gives the lessons learned to Estonia, Estonia writes them, CERG marks the report reviewed and
// ERCC distributes it with a recommendation for Estonia.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExerciseClock, runExercise } from '../../src/exercises/runner.js';
import { parseScenario } from '../../src/exercises/scenario-file.js';
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

describe.skipIf(!HAVE_CHROMIUM)('browser: a post-incident report', () => {
  let server: TestServer;
  let browser: Browser;
  // The exercise's clock stays hours behind the wall clock, so sessions signed in by it never look expired.
  const clock = new ExerciseClock(Date.now() - 6 * 3600_000);

  beforeAll(async () => {
    server = await startTestServer({ clock, env: { SESSION_IDLE_MINUTES: '1440' } });
    for (const organisation of ['ERCC', 'CERG', 'EE'])
      await server.createUser({
        email: `${organisation.toLowerCase()}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'is drafted, written by section, reviewed by CERG and distributed',
    async () => {
      const run = await runExercise(server.platform, clock, SHORT, { speed: 0 });
      const incidentPage = `${server.url}/incidents/${run.incidentId}`;

      const ercc = await openTab(browser, server, { email: 'ercc@example.eu' });
      await ercc.page.goto(incidentPage);
      const panel = ercc.page.getByTestId('after-action-panel');
      await panel.getByRole('heading', { name: 'Draft the post-incident report' }).waitFor(WAIT);
      await panel.getByRole('button', { name: 'Draft the report' }).click();
      const report = panel.getByTestId('after-action-report');
      await report.getByTestId('after-action-state').getByText('Draft').waitFor(WAIT);
      await report
        .getByTestId('after-action-section-timeline')
        .getByText(/first report: Exercise: cable down/)
        .waitFor(WAIT);
      await report
        .getByTestId('after-action-section-metrics')
        .getByText(/own assessment \(EE\): 15 min after the first report/)
        .waitFor(WAIT);
      await report.getByTestId('after-action-section-lessons').getByLabel('Written by').selectOption('EE');
      await report.getByTestId('after-action-section-lessons').getByText('written by Estonia').waitFor(WAIT);

      const ee = await openTab(browser, server, { email: 'ee@example.eu' });
      await ee.page.goto(incidentPage);
      const lessons = ee.page.getByTestId('after-action-section-lessons');
      await lessons.getByRole('button', { name: 'Write “Lessons learned”' }).click();
      await lessons.getByLabel('Text of the section').fill('Repair vessels were booked late.');
      await lessons.getByRole('button', { name: 'Save the section' }).click();
      // The saved section, not the text box that still holds the words until the server answers.
      await lessons.locator('p.entry__text', { hasText: 'Repair vessels were booked late.' }).waitFor(WAIT);
      // Estonia writes its section only: no other section offers it a pen.
      expect(await ee.page.getByTestId('after-action-section-summary').getByRole('button').count()).toBe(0);

      const cerg = await openTab(browser, server, { email: 'cerg@example.eu' });
      await cerg.page.goto(incidentPage);
      await cerg.page.getByRole('button', { name: 'Mark reviewed (CERG)' }).click();
      await cerg.page.getByTestId('after-action-state').getByText('Reviewed by CERG').waitFor(WAIT);

      await ercc.page.reload();
      const reviewed = ercc.page.getByTestId('after-action-report');
      await reviewed.getByLabel('Recommendation', { exact: true }).fill('Pre-contract a repair vessel');
      await reviewed.getByLabel('Owner organisation').selectOption('EE');
      await reviewed.getByLabel('Due date').fill('2030-01-31');
      await reviewed.getByRole('button', { name: 'Add the recommendation' }).click();
      await reviewed.getByTestId('recommendation').getByText('Pre-contract a repair vessel').waitFor(WAIT);
      await reviewed.getByRole('button', { name: 'Distribute to the audience' }).click();
      await reviewed.getByTestId('after-action-state').getByText('Distributed').waitFor(WAIT);

      expect(ercc.errors).toEqual([]);
      expect(ee.errors).toEqual([]);
      expect(cerg.errors).toEqual([]);
      for (const tab of [ercc, ee, cerg]) await tab.context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
