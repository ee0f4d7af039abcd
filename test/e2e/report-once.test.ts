// Report once and the strategic level in the browser: Finland forwards its update to UCPM from the entry itself,
// seeing the summary that will go, while its update for the EEAS alone offers no mechanism; the Presidency opens an
// ISAA report, ERCC answers and issues version 1, and the report's documents are offered to its readers.
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

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: report once, and an ISAA report for the Presidency', () => {
  const clock = new ManualClock(Date.now());
  const presidency = presidencyAt(clock.now())!.memberState;
  const reporter = presidency === 'FI' ? 'EE' : 'FI';
  const journey = browserJourney({
    domain: 'report-once.example.eu',
    organisations: [reporter, presidency, 'ERCC'],
    clock,
  });

  it(
    'forwards an update to UCPM without retyping it, and the co-authors answer the Presidency',
    async () => {
      const { incident, address } = await journey.report(reporter, {
        title: 'Interconnector tripped in the Baltic',
      });
      const state = await journey.api(reporter);
      const id = incident.id;
      const ercc = await journey.api('ERCC');
      await ercc.post(`/api/incidents/${id}/mechanisms`, {
        mechanism: 'ucpm',
        state: 'requested',
        reference: 'CECIS-2026-77',
      });
      await state.post(`/api/incidents/${id}/updates`, {
        stage: 'other',
        text: 'Generators needed for two hospitals in the capital region.',
        marking: 'TLP:GREEN',
        impacts: [{ memberState: reporter, level: 'significant', service: 'hospital power' }],
      });
      await state.post(`/api/incidents/${id}/updates`, {
        stage: 'other',
        text: 'Our service suspects tampering at the converter station.',
        marking: 'TLP:AMBER',
        audience: ['EEAS'],
      });

      const fi = await journey.tab(reporter);
      await fi.page.goto(address);
      await fi.page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
      await markPage(fi.page);

      // Only for the EEAS: no mechanism engaged here may receive it.
      const restricted = fi.page.locator('article', { hasText: 'suspects tampering' });
      await restricted.getByRole('button', { name: 'Forward to…' }).click();
      await restricted
        .getByText('No engaged mechanism may receive this entry', { exact: false })
        .waitFor(WAIT);

      const update = fi.page.locator('article', { hasText: 'Generators needed for two hospitals' });
      await update.getByRole('button', { name: 'Forward to…' }).click();
      const mechanism = update.getByLabel('Engaged mechanism');
      await mechanism.waitFor(WAIT);
      const options = await mechanism.locator('option').allTextContents();
      expect(options).toHaveLength(2);
      expect(options[1]).toMatch(/^Union Civil Protection Mechanism .*\(received by /);
      await mechanism.selectOption('ucpm');
      await update.getByText('UCPM — request summary for CECIS', { exact: false }).waitFor(WAIT);
      await update.getByText('Case reference: CECIS-2026-77', { exact: false }).waitFor(WAIT);
      await update.getByRole('button', { name: /^Forward to Union Civil Protection Mechanism/ }).click();
      await update
        .getByRole('list', { name: 'Forwarded to EU mechanisms' })
        .getByText(/Forwarded to Union Civil Protection Mechanism .* by /)
        .waitFor(WAIT);
      await update.getByText('It will not be asked of you again', { exact: false }).waitFor(WAIT);
      await expectAccessible(fi.page);

      // The Presidency opens an ISAA report for the affected state's readers, with its questions.
      const pres = await journey.tab(presidency);
      await pres.page.goto(address);
      const isaa = pres.page.getByTestId('isaa-panel');
      await isaa.getByRole('heading', { name: 'Open an ISAA report' }).waitFor(WAIT);
      await isaa.getByLabel('Title').fill('Baltic interconnector');
      await isaa
        .getByRole('checkbox', { name: new RegExp(`^${reporter === 'FI' ? 'Finland' : 'Estonia'}`) })
        .check();
      await isaa
        .getByLabel(/The Presidency's questions/)
        .fill('How long will the hospitals need generators?');
      await isaa.getByRole('button', { name: 'Open the report' }).click();
      await isaa.getByText('ISAA report “Baltic interconnector” opened.').waitFor(WAIT);
      await isaa
        .getByRole('strong')
        .filter({ hasText: 'How long will the hospitals need generators?' })
        .waitFor(WAIT);

      const erccTab = await journey.tab('ERCC');
      await erccTab.page.goto(address);
      const panel = erccTab.page.getByTestId('isaa-panel');
      await panel.getByText('How long will the hospitals need generators?').waitFor(WAIT);
      await panel.getByLabel('Answer').fill('About three days, until the converter is repaired.');
      await panel.getByRole('button', { name: 'Save the answer' }).click();
      // The saved answer, not the text box that still holds it until the server answers.
      await panel
        .locator('.isaa-answer', { hasText: 'About three days, until the converter is repaired.' })
        .waitFor(WAIT);
      await panel.getByRole('button', { name: 'Issue the next version' }).click();
      await panel.getByText('Version 1 issued.').waitFor(WAIT);
      const pdf = panel.getByRole('link', { name: 'PDF of version 1' });
      const href = await pdf.getAttribute('href');
      expect(href).toMatch(/\/isaa\/[^/]+\/pdf\?version=1$/);
      const file = await erccTab.context.request.get(`${journey.server.url}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      // What went to UCPM shows on the engagement too.
      await erccTab.page.getByText('Forwarded here by member states: 1').waitFor(WAIT);

      // Finland, a reader of the report, has had the page open all along: the answer reaches it live.
      await fi.page
        .getByTestId('isaa-panel')
        .getByText('About three days, until the converter is repaired.')
        .waitFor(WAIT);

      for (const tab of [fi, pres, erccTab]) {
        await expectAccessible(tab.page);
        expect(tab.errors).toEqual([]);
      }
      expect(await notReloaded(fi.page)).toBe(true);
    },
    JOURNEY_TIMEOUT,
  );
});
