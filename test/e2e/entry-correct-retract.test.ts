// Correcting and retracting entries from the log in the browser: Finland corrects one of its notes and retracts
// another (a refused reason shows the server's words in the form), the first report offers no retraction, and
// Germany's coordinator sees neither button on Finland's entries but both on its own note.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';

requireChromiumOnCi(describe, it);

const ORIGINAL = 'Vaasa substation offline, one transformer lost';
const CORRECTED = 'Vaasa and Seinäjoki substations offline, two transformers lost';
const MISTAKEN = 'Grid operator asks for generators in Oulu';
const REASON = 'Written on the wrong incident';
const GERMAN = 'German interconnector on the Baltic side unaffected';

/** The log's card of the entry whose text (never a form's text box) says `text`. */
function card(page: Page, text: string): Locator {
  return page.locator('article.entry').filter({ has: page.locator('p.entry__text', { hasText: text }) });
}

describe.skipIf(!HAVE_CHROMIUM)('browser: correcting and retracting an entry', () => {
  const journey = browserJourney({ domain: 'entry-revision.example.eu', organisations: ['FI', 'DE'] });

  it(
    'FI corrects its note and retracts another; DE has the buttons only on its own note',
    async () => {
      const title = 'Ostrobothnia substation fire';
      const { incident, address } = await journey.report('FI', { title });
      const note = async (organisation: string, text: string) => {
        const api = await journey.api(organisation);
        const posted = await api.post(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text,
          marking: 'TLP:GREEN',
        });
        expect(posted.status).toBe(201);
      };
      await note('FI', ORIGINAL);
      await note('FI', MISTAKEN);
      await note('DE', GERMAN);

      const fi = await journey.tab('FI');
      const page = fi.page;
      await page.goto(address);
      const original = card(page, ORIGINAL);
      await original.waitFor(WAIT);

      // The first report is corrected, never retracted: the server's abilities say so, and the card follows.
      const report = page.locator('article.entry').filter({ has: page.locator('p.entry__title-text') });
      await report.getByRole('button', { name: 'Correct', exact: true }).waitFor(WAIT);
      expect(await report.getByRole('button', { name: 'Retract', exact: true }).count()).toBe(0);

      await original.getByRole('button', { name: 'Correct', exact: true }).click();
      const correction = original.getByRole('form', { name: 'Correct this entry' });
      const wording = correction.getByLabel('Corrected text');
      expect(await wording.inputValue()).toBe(ORIGINAL);
      await wording.fill(CORRECTED);
      await correction.getByRole('button', { name: 'Post the correction' }).click();
      // The log shows the correction once the server has it, and the original says it was corrected.
      const corrected = card(page, CORRECTED);
      await corrected.getByText('Corrects an earlier entry.').waitFor(WAIT);
      await original.getByText('Corrected', { exact: true }).waitFor(WAIT);
      expect(await correction.count()).toBe(0);
      // Posted and streamed, it is one entry in the log.
      expect(await page.locator('p.entry__text', { hasText: CORRECTED }).count()).toBe(1);

      const mistaken = card(page, MISTAKEN);
      await mistaken.getByRole('button', { name: 'Retract', exact: true }).click();
      const retraction = mistaken.getByRole('form', { name: 'Retract this entry' });
      // A reason of blanks is refused by the server, and the form says what it answered.
      await retraction.getByLabel('Why it is retracted').fill('   ');
      await retraction.getByRole('button', { name: 'Retract the entry' }).click();
      await retraction
        .getByRole('alert')
        .getByText(/say why the entry is retracted/)
        .waitFor(WAIT);
      await retraction.getByLabel('Why it is retracted').fill(REASON);
      await retraction.getByRole('button', { name: 'Retract the entry' }).click();
      await card(page, REASON).getByText('Retracts an earlier entry.').waitFor(WAIT);
      await mistaken.getByText('Retracted', { exact: true }).waitFor(WAIT);
      expect(await page.locator('p.entry__text', { hasText: REASON }).count()).toBe(1);

      const de = await journey.tab('DE');
      await de.page.goto(address);
      const own = card(de.page, GERMAN);
      await own.getByRole('button', { name: 'Correct', exact: true }).waitFor(WAIT);
      expect(await own.getByRole('button', { name: 'Retract', exact: true }).count()).toBe(1);
      const theirs = card(de.page, CORRECTED);
      await theirs.waitFor(WAIT);
      for (const entry of [theirs, card(de.page, ORIGINAL)]) {
        expect(await entry.getByRole('button', { name: 'Correct', exact: true }).count()).toBe(0);
        expect(await entry.getByRole('button', { name: 'Retract', exact: true }).count()).toBe(0);
      }
      expect([...fi.errors, ...de.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
