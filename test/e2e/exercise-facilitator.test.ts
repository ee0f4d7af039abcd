// Browser journey: a facilitator starts their own short scenario from the exercise page at sixty times real time,
// follows its steps as the clock reaches them, pauses and resumes it, adds a media report by hand, and sees it
// played to the end; the exercise incident it opened is bannered EXERCISE.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { JobRunner } from '../../src/platform/jobs/runner.js';
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

/** Three steps: the report at T+0, an update at T+10 and a media report at T+20. */
const SCENARIO = `id: facilitator-drill
title: Facilitator drill
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
      title: "Exercise: drill cable down"
      cause: physical
      impacts: [{ memberState: FI, level: significant }]
  - at: 10
    as: fi-control
    kind: update
    update: { stage: other, text: Repair ship on its way. }
  - at: 20
    as: EXERCISE-CONTROL
    kind: media-report
    outlet: Public broadcaster
    text: A ship was seen over the cable route.
`;

describe.skipIf(!HAVE_CHROMIUM)('browser: a facilitator runs an exercise', () => {
  let server: TestServer;
  let browser: Browser;
  let jobs: JobRunner;
  // Starts at the real time so that the browser's sign-in is fresh; the test moves it from there.
  const clock = new ManualClock(Date.now());
  const advance = (ms: number) => clock.set(clock.now().getTime() + ms);

  beforeAll(async () => {
    server = await startTestServer({ clock });
    jobs = createJobs(server.platform);
    browser = await launchBrowser();
    await server.createUser({
      email: 'lena@ercc.example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
    });
  }, JOURNEY_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'starts a scenario, pauses and resumes it, adds an inject and plays it to the end',
    async () => {
      const { context, page, errors } = await openTab(browser, server, { email: 'lena@ercc.example.eu' });
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Run an exercise' }).click();
      await page.getByRole('heading', { level: 1, name: 'Run an exercise' }).waitFor(WAIT);
      await page.getByText('EXERCISE EXERCISE EXERCISE').waitFor(WAIT);
      expect(await page.locator('.exercise-frame').count()).toBe(1);

      await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Your own scenario file…' });
      await page.getByLabel('Scenario text').fill(SCENARIO);
      await page.getByLabel('Pace').selectOption({ label: '60 times faster (an hour a minute)' });
      await page.getByRole('button', { name: 'Start the exercise' }).click();
      const card = page.getByRole('article', { name: 'Facilitator drill' });
      await card.getByText('0 of 3 steps done').waitFor(WAIT);

      // The first inject is due at once; the update ten scenario minutes (ten seconds) later.
      await jobs.runDue();
      await card.getByText('1 of 3 steps done').waitFor(WAIT);
      await card.getByText('Next: inject 2: update at T+10 min').waitFor(WAIT);
      await expectAccessible(page, 'the facilitator page with a running exercise');
      advance(10_000);
      await jobs.runDue();
      await card.getByText('2 of 3 steps done').waitFor(WAIT);

      await card.getByRole('button', { name: 'Pause' }).click();
      await card.getByText('Paused').waitFor(WAIT);
      advance(60_000);
      await jobs.runDue();
      await card.getByRole('button', { name: 'Resume' }).waitFor(WAIT);
      await page.reload();
      await card.getByText('2 of 3 steps done').waitFor(WAIT);

      await card.getByLabel('Kind of inject').selectOption({ label: 'Media report' });
      await card.getByLabel('Outlet').fill('Evening paper');
      await card.getByLabel('Text').fill('Divers seen at the landing station.');
      await card.getByRole('button', { name: 'Add the inject' }).click();
      await card.getByText('The inject is in the exercise incident.').waitFor(WAIT);

      await card.getByRole('button', { name: 'Resume' }).click();
      await card.getByText('Running').waitFor(WAIT);
      advance(10_000);
      await jobs.runDue();
      await card.getByText('3 of 3 steps done').waitFor(WAIT);
      await card.getByText('Every step has been played.').waitFor(WAIT);
      await card.getByText('Finished').waitFor(WAIT);

      await card.getByRole('link', { name: 'Open the exercise incident' }).click();
      await page.getByText('EXERCISE: this incident is part of an exercise, not a real event.').waitFor(WAIT);
      await page
        .locator('.entry__text')
        .getByText('Media report (Evening paper): Divers seen at the landing station.')
        .waitFor(WAIT);
      await page
        .locator('.entry__text')
        .getByText('Media report (Public broadcaster): A ship was seen over the cable route.')
        .waitFor(WAIT);
      expect(errors).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
