// A line to take after its first draft, in the browser: Finland drafts it with instructions to the public, moves
// its embargo, approves it, then writes an Update and a Cancel from the page. Each version is approved there, and
// the CAP alerts of the Update and the Cancel validate and reference the earlier versions.
import { describe, expect, it } from 'vitest';
import { readCap } from '../../src/comms/cap.js';
import type { PublicMessagesView } from '../../src/comms/model.js';
import { ManualClock } from '../../src/platform/clock.js';
import { HAVE_CHROMIUM, JOURNEY_TIMEOUT, requireChromiumOnCi, type Tab, WAIT } from '../support/browser.js';
import { browserJourney } from '../support/journey.js';
import { CAP_XSD, validateAgainst } from '../support/xmllint.js';

requireChromiumOnCi(describe, it);

const MINUTE = 60_000;

/** A moment as a date-time field takes it, in the browser's own time zone. */
const localTime = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
};

describe.skipIf(!HAVE_CHROMIUM)('browser: moving the embargo, updating and cancelling a line', () => {
  const clock = new ManualClock(Date.now());
  const journey = browserJourney({ domain: 'revision.example.eu', organisations: ['FI'], clock });

  /** Approves the line's current version for FI in Finnish and waits for the row the server answers with. */
  const approve = async (tab: Tab, headline: string, version: number) => {
    const line = tab.page
      .getByRole('region', { name: 'Public communication' })
      .getByRole('article', { name: headline });
    await line.getByText(`v${version})`).waitFor(WAIT);
    const decision = line.getByRole('group', { name: 'Decide for FI' });
    await decision.getByLabel('Your language besides English').selectOption('fi');
    await decision.getByRole('button', { name: 'Approve', exact: true }).click();
    await line.getByRole('row', { name: /^FI Approved/ }).waitFor(WAIT);
    return line;
  };

  it(
    'moves the embargo, then writes an Update and a Cancel that CAP carries with their references',
    async () => {
      const { incident, address } = await journey.report('FI', { title: 'Gulf of Finland cable fault' });
      const fi = await journey.tab('FI');
      await fi.page.goto(address);
      const panel = fi.page.getByRole('region', { name: 'Public communication' });
      await panel.getByText('No line to take for this incident yet.').waitFor(WAIT);

      // Drafted in the browser with an instruction to the public in both languages.
      const at = (ms: number) => fi.page.evaluate(localTime, ms);
      await panel.getByLabel('Event').fill('Subsea cable fault');
      await panel.getByLabel('Embargo until').fill(await at(clock.now().getTime() + 30 * MINUTE));
      await panel.getByLabel('Headline (English)').fill('Cable repairs under way');
      await panel.getByLabel('Text (English)').fill('One cable is out of service.');
      await panel.getByLabel('Instruction to the public (English)').fill('Save electricity tonight.');
      await panel.getByLabel('Other official language (two letters, e.g. fi)').fill('fi');
      await panel.getByLabel('Headline (other language)').fill('Kaapelin korjaus käynnissä');
      await panel.getByLabel('Text (other language)').fill('Yksi kaapeli on poissa käytöstä.');
      await panel.getByLabel('Instruction to the public (other language)').fill('Säästä sähköä tänä yönä.');
      await panel.getByRole('button', { name: 'Draft the line' }).click();
      const first = panel.getByRole('article', { name: 'Cable repairs under way' });
      await first.waitFor(WAIT);

      const api = await journey.api('FI');
      const linesPath = `/api/incidents/${incident.id}/public-messages`;
      const current = async () => {
        const view = await api.get<PublicMessagesView>(linesPath);
        expect(view.status).toBe(200);
        return view.body.messages[0]!.versions.at(-1)!;
      };
      expect((await current()).texts.map((t) => [t.language, t.instruction])).toEqual([
        ['en', 'Save electricity tonight.'],
        ['fi', 'Säästä sähköä tänä yönä.'],
      ]);

      // The embargo is brought forward to five minutes from now, while it holds.
      const sooner = clock.now().getTime() + 5 * MINUTE;
      const embargoForm = first.getByRole('form', { name: 'Move the embargo' });
      await embargoForm.getByLabel('New embargo time').fill(await at(sooner));
      await embargoForm.getByRole('button', { name: 'Move the embargo' }).click();
      await embargoForm.getByText('Embargo moved.').waitFor(WAIT);
      const moved = await current();
      expect(Date.parse(moved.embargoUntil)).toBe(Math.floor(sooner / MINUTE) * MINUTE);
      expect(moved.embargoPassed).toBe(false);

      await approve(fi, 'Cable repairs under way', 1);

      // The Update starts from the current texts; the English headline changes, the rest is kept.
      await first.getByText('Update or cancel this line').click();
      const update = first.getByRole('form', { name: 'Next version of this line' });
      await update.getByLabel('Kind of version').selectOption('Update');
      await update.getByRole('group', { name: 'EN' }).getByLabel('Headline').fill('Cable repaired');
      await update.getByRole('button', { name: 'Write the next version' }).click();
      const second = panel.getByRole('article', { name: 'Cable repaired' });
      await second.getByText('(update, v2)').waitFor(WAIT);
      const written = await current();
      expect(written).toMatchObject({ version: 2, msgType: 'Update', embargoUntil: moved.embargoUntil });
      expect(written.texts.find((t) => t.language === 'fi')).toMatchObject({
        headline: 'Kaapelin korjaus käynnissä',
        instruction: 'Säästä sähköä tänä yönä.',
      });
      await approve(fi, 'Cable repaired', 2);

      // Past the embargo, CAP carries the Update, which references the first alert.
      clock.advance(10 * MINUTE);
      const capOf = async () => {
        const answer = await (await journey.api('FI')).get<string>(`${linesPath}/${written.messageId}/cap`);
        expect(answer.status, answer.body).toBe(200);
        const check = validateAgainst(CAP_XSD, answer.body);
        expect(check.valid, check.errors).toBe(true);
        return readCap(answer.body);
      };
      const updated = await capOf();
      expect(updated.msgType).toBe('Update');
      expect(updated.references).toContain(`-${written.messageId}-v1,`);
      expect(updated.info.map((i) => [i.language, i.headline])).toEqual([
        ['en', 'Cable repaired'],
        ['fi', 'Kaapelin korjaus käynnissä'],
      ]);

      // The Cancel, written and approved the same way, references both earlier versions.
      await second.getByText('Update or cancel this line').click();
      const cancel = second.getByRole('form', { name: 'Next version of this line' });
      await cancel.getByLabel('Kind of version').selectOption('Cancel');
      await cancel.getByRole('button', { name: 'Write the next version' }).click();
      await second.getByText('(cancellation, v3)').waitFor(WAIT);
      await approve(fi, 'Cable repaired', 3);
      await expect.poll(async () => (await current()).abilities.newVersion, WAIT).toBe(false);
      const cancelled = await capOf();
      expect(cancelled.msgType).toBe('Cancel');
      expect(cancelled.references?.split(' ')).toHaveLength(2);
      expect(cancelled.references).toContain(`-${written.messageId}-v2,`);
      expect(await second.getByText('Update or cancel this line').count()).toBe(0);
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
