// Mechanisms and reporting clocks in the browser: the GSC is offered only IPCR's information-sharing mode and records
// it in consultation with the Presidency, whose notifications say so; the entities' clocks are shown for
// information, and nothing on the page calls anyone late.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { presidencyAt } from '../../src/registry/presidency.js';
import { expectAccessible } from '../support/axe.js';
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

describe.skipIf(!HAVE_CHROMIUM)(
  'browser: IPCR information sharing by the GSC, and clocks for information',
  () => {
    const clock = new ManualClock(Date.now());
    // The clock moves five days on before anything is recorded: the Presidency is the one holding office then.
    const LATER = 5 * 24 * HOUR;
    const presidency = presidencyAt(new Date(clock.now().getTime() + LATER))!.memberState;
    const reporter = presidency === 'FI' ? 'EE' : 'FI';
    const journey = browserJourney({
      domain: 'mechanisms.example.eu',
      organisations: [reporter, presidency, 'GSC'],
      clock,
      env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
    });

    it(
      'the GSC records information sharing in consultation with the Presidency, who is told',
      async () => {
        const { address } = await journey.report(reporter, {
          title: 'Subsea cable cut in the Baltic',
          cause: 'physical',
          entities: [
            {
              name: 'Baltic link operator',
              sector: 'digital-infrastructure',
              subsector: 'electronic-communications',
            },
          ],
        });
        // Five days on: the 24 and 72 hour clocks have passed, and still nobody is called late.
        clock.advance(LATER);

        const gsc = await journey.tab('GSC');
        const pres = await journey.tab(presidency);
        for (const tab of [gsc, pres]) {
          await tab.page.goto(address);
          await tab.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
          await markPage(tab.page);
        }

        // The cable operator reports under NIS2 whatever the cause, shown for information.
        const clocks = gsc.page.locator('section', {
          hasText: 'Entities’ reporting clocks (for information)',
        });
        await clocks.getByRole('heading', { name: /Baltic link operator/ }).waitFor(WAIT);
        await clocks.getByText('NIS2 whatever the cause', { exact: false }).waitFor(WAIT);
        expect(await gsc.page.getByText(/overdue|late with/i).count()).toBe(0);

        // The GSC may record IPCR only in information-sharing mode.
        const panel = gsc.page.locator('section', { hasText: 'EU mechanisms working on this incident' });
        await panel.getByLabel('Mechanism', { exact: true }).selectOption('ipcr');
        const mode = panel.getByLabel('Mode', { exact: true });
        await mode.waitFor(WAIT);
        expect(await mode.locator('option').allTextContents()).toEqual(['Choose…', 'information sharing']);
        await mode.selectOption('information-sharing');
        await panel.getByRole('button', { name: 'Record as active' }).click();
        await panel.getByText('in consultation with the Presidency').first().waitFor(WAIT);

        // The Presidency is told, live.
        await pres.page.getByRole('button', { name: /Notifications/ }).click();
        await pres.page
          .getByText('recorded IPCR information-sharing mode in consultation with the Presidency', {
            exact: false,
          })
          .waitFor(WAIT);
        for (const tab of [gsc, pres]) {
          expect(await notReloaded(tab.page)).toBe(true);
          await expectAccessible(tab.page);
          expect(tab.errors).toEqual([]);
        }
      },
      JOURNEY_TIMEOUT,
    );
  },
);
