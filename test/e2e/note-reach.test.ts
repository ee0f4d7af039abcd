// The note composer keeps the reach of the author's last note in the incident, says so, and asks before a note
// goes wider (a less restrictive marking, added organisations, the NATO release); an unticked NATO box never says
// the NATO liaison will see the note.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/entries/model.js';
import { expectAccessible } from '../support/axe.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  type Tab,
  WAIT,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

const AINO = 'aino.virtanen@fi.example.eu';

describe.skipIf(!HAVE_CHROMIUM)('browser: the reach of the next note', () => {
  let server: TestServer;
  let browser: Browser;
  let fi: Tab;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: AINO,
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Virtanen',
    });
    api = new ApiClient(server.url);
    await api.login(AINO, PASSWORD);
    fi = await openTab(browser, server, { email: AINO });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await fi?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  const notes = async (incidentId: string) =>
    (await api.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items.filter(
      (entry) => entry.kind === 'note',
    );

  it(
    'starts the next note from the last reach, and confirms a wider one',
    async () => {
      const title = 'Estlink 2 interconnector trip';
      const created = await api.post<{ id: string }>('/api/incidents', {
        title,
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:30:00+02:00',
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [{ memberState: 'FI', level: 'significant' }],
        releasableToNato: true,
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const { page } = fi;
      await page.goto(`${server.url}/incidents/${id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      await page.getByRole('button', { name: 'Write a note' }).click();
      const composer = page.locator('#composer-body');
      const text = composer.getByLabel('Text', { exact: true });
      await text.waitFor(WAIT);
      const nato = composer.getByRole('checkbox', { name: 'Release to the NATO liaison' });
      // Unticked, the NATO box says the liaison will not see it; ticked, that it will.
      expect(await nato.isChecked()).toBe(false);
      const hintId = (await nato.getAttribute('aria-describedby'))?.split(' ')[0] ?? 'none';
      const natoHint = page.locator(`[id="${hintId}"]`);
      expect(await natoHint.textContent()).toContain('the NATO liaison will not see it');
      expect(await page.getByText('The NATO liaison will see it too.').count()).toBe(0);
      await nato.check();
      expect(await natoHint.textContent()).toBe('The NATO liaison will see it too.');
      await nato.uncheck();

      // An AMBER note for Finland and Estonia.
      await text.fill('Both cable ends isolated; repair vessel requested.');
      await composer.getByRole('radio', { name: 'TLP:AMBER', exact: true }).check();
      await composer.getByRole('button', { name: 'My organisation only' }).click();
      await composer.getByRole('checkbox', { name: /^Estonia/ }).check();
      await page.getByRole('button', { name: 'Post the note' }).click();
      await page.getByText('Note posted.').waitFor(WAIT);

      // The composer stays on that reach, visibly.
      const hint = page.getByTestId('last-reach');
      await expect
        .poll(() => hint.textContent(), WAIT)
        .toBe('Same reach as your last note: TLP:AMBER, FI, EE.');
      expect(await text.inputValue()).toBe('');
      expect(await composer.getByRole('radio', { name: 'TLP:AMBER', exact: true }).isChecked()).toBe(true);
      expect(await composer.getByRole('checkbox', { name: /^Estonia/ }).isChecked()).toBe(true);
      expect(await composer.getByRole('checkbox', { name: /^Germany/ }).isChecked()).toBe(false);

      // A follow-up on the same reach goes without a question.
      await text.fill('Repair vessel ETA 36 hours.');
      await page.getByRole('button', { name: 'Post the note' }).click();
      await expect.poll(async () => (await notes(id)).length, WAIT).toBe(2);
      // The server has it; the page empties the text box once it has the answer too, and only then is it typed in.
      await expect.poll(() => text.inputValue(), WAIT).toBe('');
      for (const note of await notes(id)) {
        expect(note.marking).toBe('TLP:AMBER');
        expect([...(note.audience ?? [])].sort()).toEqual(['EE', 'FI']);
      }

      // GREEN is wider: asked, and going back posts nothing.
      await text.fill('Consumers asked to limit peak use.');
      await composer.getByRole('radio', { name: 'TLP:GREEN', exact: true }).check();
      expect(await hint.textContent()).toBe('Your last note went to: TLP:AMBER, FI, EE.');
      await page.getByRole('button', { name: 'Post the note' }).click();
      const dialog = page.getByRole('dialog', { name: 'This note reaches further than your last one' });
      await dialog.waitFor(WAIT);
      await dialog.getByText('The marking is less restrictive.').waitFor(WAIT);
      await expectAccessible(page, 'the wider-reach confirmation');
      await dialog.getByRole('button', { name: 'Go back and change the reach' }).click();
      await dialog.waitFor({ state: 'detached', ...WAIT });
      expect((await notes(id)).length).toBe(2);

      // Back on AMBER, adding Germany and the NATO release is wider too: confirmed, it is posted.
      await composer.getByRole('radio', { name: 'TLP:AMBER', exact: true }).check();
      await composer.getByRole('checkbox', { name: /^Germany/ }).check();
      await nato.check();
      await page.getByRole('button', { name: 'Post the note' }).click();
      await dialog.waitFor(WAIT);
      await dialog.getByText('The audience adds organisations.').waitFor(WAIT);
      await dialog.getByText('It is released to the NATO liaison.').waitFor(WAIT);
      expect(await dialog.getByText('The marking is less restrictive.').count()).toBe(0);
      await dialog.getByRole('button', { name: 'Post it to this wider reach' }).click();
      await expect.poll(async () => (await notes(id)).length, WAIT).toBe(3);
      // The page remembers the reach when it has the answer: closing the form before would leave the old one.
      await expect.poll(() => text.inputValue(), WAIT).toBe('');
      const third = (await notes(id)).find((note) => note.text === 'Consumers asked to limit peak use.');
      expect(third?.marking).toBe('TLP:AMBER');
      expect([...(third?.audience ?? [])].sort()).toEqual(['DE', 'EE', 'FI']);
      expect(third?.releasableToNato).toBe(true);

      // Closed and opened again, the composer still starts from the last reach.
      await page.getByRole('button', { name: 'Close the note form' }).click();
      await page.getByRole('button', { name: 'Write a note' }).click();
      await expect
        .poll(() => page.getByTestId('last-reach').textContent(), WAIT)
        .toBe('Same reach as your last note: TLP:AMBER, FI, DE, EE, NATO liaison.');
      expect(await composer.getByRole('checkbox', { name: /^Germany/ }).isChecked()).toBe(true);
      expect(fi.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
