// Public communication in the browser: Finland logs a false narrative in the Public communication panel and sees
// it listed, switches the incident's public page on, and the page (opened without an account) shows the approved
// line once its embargo has passed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCap } from '../../src/comms/cap.js';
import type { PublicMessagesView } from '../../src/comms/model.js';
import type { Incident } from '../../src/incidents/model.js';
import { ManualClock } from '../../src/platform/clock.js';
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
import { CAP_XSD, validateAgainst } from '../support/xmllint.js';

requireChromiumOnCi(describe, it);

const HOUR = 3_600_000;

describe.skipIf(!HAVE_CHROMIUM)('browser: the disinformation log and the public page', () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const email = 'coordinator.fi@public.example.eu';

  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.createUser({ email, password: PASSWORD, organisation: 'FI', role: 'coordinator' });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'logs a narrative, switches the page on and shows the line past its embargo',
    async () => {
      const api = new ApiClient(server.url);
      await api.login(email, PASSWORD);
      const created = await api.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable cut',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      const id = created.body.id;
      const drafted = await api.post<PublicMessagesView>(`/api/incidents/${id}/public-messages`, {
        marking: 'TLP:CLEAR',
        event: 'Subsea cable damage',
        embargoUntil: new Date(clock.now().getTime() + 5 * 60_000).toISOString(),
        texts: [
          { language: 'en', headline: 'Cable repairs under way', text: 'Supply is secured.' },
          { language: 'fi', headline: 'Kaapelin korjaus käynnissä', text: 'Sähkön saanti on turvattu.' },
        ],
      });
      const mid = drafted.body.messages[0]!.messageId;
      const approved = await api.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
        decision: 'approved',
        languages: ['en', 'fi'],
      });
      expect(approved.status).toBe(200);

      const fi = await openTab(browser, server, { email });
      tabs.push(fi);
      await fi.page.goto(`${server.url}/incidents/${id}`);
      const log = fi.page.getByRole('region', { name: 'Disinformation log' });
      await log.getByRole('textbox', { name: 'Narrative' }).fill('The cable was cut to raise prices');
      await log.getByLabel('Platforms and outlets').fill('Telegram, a video channel');
      await log.getByLabel('Countries where observed').fill('fi, ee');
      await log.getByLabel('Observed since').fill('2026-01-05T08:30');
      await log.getByLabel('Reach estimate').selectOption('high');
      await log.getByLabel('Rebuttal line').fill('The cause is under investigation.');
      await log.getByRole('button', { name: 'Log the narrative' }).click();
      await log.getByText('Narrative logged.').waitFor(WAIT);
      await log.getByText('The cable was cut to raise prices').waitFor(WAIT);
      await log.getByText('Telegram, a video channel (FI, EE)').waitFor(WAIT);

      const page = fi.page.getByRole('region', { name: 'Public page' });
      await page.getByRole('button', { name: 'Switch the public page on' }).click();
      const link = page.getByRole('link', { name: /\/public\/incidents\// });
      await link.waitFor(WAIT);
      const href = (await link.getAttribute('href'))!;
      expect(href).not.toContain(id);

      clock.advance(10 * 60_000);
      const anonymous = await openTab(browser, server);
      tabs.push(anonymous);
      await anonymous.page.goto(`${server.url}${href}`);
      await anonymous.page.getByRole('heading', { name: 'Cable repairs under way' }).waitFor(WAIT);
      await anonymous.page
        .locator('section[lang="fi"]')
        .getByText('Sähkön saanti on turvattu.')
        .waitFor(WAIT);
      expect(await anonymous.page.content()).not.toContain('Gulf of Finland cable cut');
      expect(await anonymous.page.content()).not.toContain('raise prices');
      expect([...fi.errors, ...anonymous.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});

// Finland drafts a line in English and Finnish and approves it; Estonia comments on a passage, starts an Estonian
// version from the English text, and adapts and approves the line in Estonian; once the embargo has passed, the
// public page and its CAP feed carry all three languages, and nothing of the discussion.
/** A moment as a date-time field takes it, in the browser's own time zone. */
const localTime = (ms: number) => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
};

describe.skipIf(!HAVE_CHROMIUM)('browser: a line to take drafted by one state and adapted by another', () => {
  const clock = new ManualClock(Date.now());
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const fiEmail = 'coordinator.fi@line.example.eu';
  const eeEmail = 'coordinator.ee@line.example.eu';

  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.createUser({ email: fiEmail, password: PASSWORD, organisation: 'FI', role: 'coordinator' });
    await server.createUser({ email: eeEmail, password: PASSWORD, organisation: 'EE', role: 'coordinator' });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'FI drafts in en and fi, EE translates, adapts and approves, and the page and CAP feed show it',
    async () => {
      const fiApi = new ApiClient(server.url);
      await fiApi.login(fiEmail, PASSWORD);
      const eeApi = new ApiClient(server.url);
      await eeApi.login(eeEmail, PASSWORD);
      const created = await fiApi.post<Incident>('/api/incidents', {
        title: 'Estlink cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      const id = created.body.id;
      await eeApi.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' });

      // FI drafts the line in the browser, embargoed for five minutes, and approves it in Finnish.
      const fi = await openTab(browser, server, { email: fiEmail });
      tabs.push(fi);
      await fi.page.goto(`${server.url}/incidents/${id}`);
      const fiPanel = fi.page.getByRole('region', { name: 'Public communication' });
      await fiPanel.getByText('No line to take for this incident yet.').waitFor(WAIT);
      const embargo = await fi.page.evaluate(localTime, clock.now().getTime() + 5 * 60_000);
      await fiPanel.getByLabel('Event').fill('Subsea cable fault');
      await fiPanel.getByLabel('Embargo until').fill(embargo);
      await fiPanel.getByLabel('Headline (English)').fill('Power imports reduced');
      await fiPanel
        .getByLabel('Text (English)')
        .fill('One subsea cable is out of service. Supply is secured.');
      await fiPanel.getByLabel('Other official language (two letters, e.g. fi)').fill('fi');
      await fiPanel.getByLabel('Headline (other language)').fill('Sähkön tuonti vähentynyt');
      await fiPanel.getByLabel('Text (other language)').fill('Yksi merikaapeli on poissa käytöstä.');
      await fiPanel.getByRole('button', { name: 'Draft the line' }).click();
      const fiLine = fiPanel.getByRole('article', { name: 'Power imports reduced' });
      await fiLine.waitFor(WAIT);
      const fiDecision = fiLine.getByRole('group', { name: 'Decide for FI' });
      await fiDecision.getByLabel('Your language besides English').selectOption('fi');
      await fiDecision.getByRole('button', { name: 'Approve', exact: true }).click();
      await fiLine.getByRole('row', { name: /^FI Approved/ }).waitFor(WAIT);

      // EE comments on a passage, then starts an Estonian version beside the approved texts.
      const ee = await openTab(browser, server, { email: eeEmail });
      tabs.push(ee);
      await ee.page.goto(`${server.url}/incidents/${id}`);
      const eeLine = ee.page
        .getByRole('region', { name: 'Public communication' })
        .getByRole('article', { name: 'Power imports reduced' });
      await eeLine.waitFor(WAIT);
      const comment = eeLine.getByRole('form', { name: 'Comment on this line' });
      await comment.getByLabel('Comment').fill('Say which cable, as our operator does');
      await comment.getByLabel('About the text in').selectOption('en');
      await comment.getByLabel('Passage').fill('One subsea cable');
      await comment.getByRole('button', { name: 'Add the comment' }).click();
      // The comment as listed, not the text box that still holds it until the server answers.
      await eeLine.locator('li.comment', { hasText: 'Say which cable, as our operator does' }).waitFor(WAIT);
      await eeLine.getByText('Comments (1 open of 1)').waitFor(WAIT);

      await eeLine.getByText('Start a language version from another language').click();
      const editor = eeLine.getByRole('form', { name: 'Language version' });
      await editor.getByLabel('Language of the new version').selectOption('et');
      await expect
        .poll(() => editor.getByLabel('Headline', { exact: true }).inputValue(), WAIT)
        .toBe('Power imports reduced');
      const beside = eeLine.getByRole('region', { name: 'Approved texts in other languages' });
      await beside.getByText('Yksi merikaapeli on poissa käytöstä.').waitFor(WAIT);
      await editor.getByLabel('Headline', { exact: true }).fill('Elektri import on vähenenud');
      await editor
        .getByLabel('Text', { exact: true })
        .fill('Üks merekaabel on rivist väljas. Varustus on tagatud.');
      await editor.getByRole('button', { name: 'Save the language version' }).click();
      await eeLine.getByText('draft translation from EN by EE, not approved').waitFor(WAIT);

      // EE adapts the line for national use in Estonian, which approves the Estonian version too.
      const eeDecision = eeLine.getByRole('group', { name: 'Decide for EE' });
      await eeDecision.getByLabel('Your language besides English').selectOption('et');
      await eeDecision.getByLabel('National headline (to adapt)').fill('Elektri import Soomest on vähenenud');
      await eeDecision.getByLabel('National text (to adapt)').fill('Estlink 2 on rivist väljas.');
      await eeDecision.getByRole('button', { name: 'Adapt for national use' }).click();
      await eeLine.getByRole('row', { name: /^EE Adapted for national use/ }).waitFor(WAIT);
      await eeLine.getByText('translation from EN by EE, approved').waitFor(WAIT);

      // Each state records what it published nationally and marks its cause: the view flags the contradiction.
      const tenMinutesAgo = await fi.page.evaluate(localTime, clock.now().getTime() - 10 * 60_000);
      const publish = async (tab: Tab, text: string, cause: string, state: string) => {
        const view = tab.page.getByRole('region', { name: 'What the states published' });
        const form = view.getByRole('form', { name: 'Record a national publication' });
        await form.getByLabel('Published at').fill(tenMinutesAgo);
        await form.getByLabel('Published text').fill(text);
        await form.getByRole('button', { name: 'Record the publication' }).click();
        const column = view.getByRole('article', { name: `Published by ${state}` });
        await column.getByText(text).waitFor(WAIT);
        const mark = column.getByRole('form', { name: 'Mark a key fact' });
        await mark.getByLabel('Key fact').selectOption('cause');
        await mark.getByLabel('What this publication says').fill(cause);
        await mark.getByRole('button', { name: 'Save the mark' }).click();
        await column.getByRole('definition').getByText(cause).waitFor(WAIT);
        return view;
      };
      await publish(ee, 'Estlink 2 on rivist väljas, põhjust uuritakse.', 'under investigation', 'Estonia');
      const fiView = await publish(fi, 'Ankkuri vaurioitti kaapelia.', 'anchor damage', 'Finland');
      await fiView.getByText('Contradiction on cause:').waitFor(WAIT);
      await fiView.getByText('Estonia: “under investigation”; Finland: “anchor damage”').waitFor(WAIT);

      const switcher = fi.page.getByRole('region', { name: 'Public page' });
      await switcher.getByRole('button', { name: 'Switch the public page on' }).click();
      const link = switcher.getByRole('link', { name: /\/public\/incidents\// });
      await link.waitFor(WAIT);
      const href = (await link.getAttribute('href'))!;

      // Under embargo the page has nothing; past it, the line in all three languages.
      const anonymous = await openTab(browser, server);
      tabs.push(anonymous);
      await anonymous.page.goto(`${server.url}${href}`);
      expect(await anonymous.page.content()).not.toContain('Power imports reduced');
      clock.advance(10 * 60_000);
      await anonymous.page.reload();
      await anonymous.page.getByRole('heading', { name: 'Power imports reduced' }).waitFor(WAIT);
      await anonymous.page
        .locator('section[lang="et"]')
        .getByText('Üks merekaabel on rivist väljas. Varustus on tagatud.')
        .waitFor(WAIT);
      const content = await anonymous.page.content();
      expect(content).not.toContain('Say which cable');
      expect(content).not.toContain('Estlink cable fault');

      const feed = await fetch(`${server.url}${href}/cap`);
      expect(feed.status).toBe(200);
      const alertPath = /href="([^"]+\/cap\/[^"]+\.xml)"/.exec(await feed.text())?.[1];
      expect(alertPath).toBeDefined();
      const xml = await (await fetch(`${server.url}${alertPath}`)).text();
      expect(validateAgainst(CAP_XSD, xml).valid).toBe(true);
      const alert = readCap(xml);
      expect(alert.msgType).toBe('Alert');
      expect(alert.info.map((i) => [i.language, i.headline])).toEqual([
        ['en', 'Power imports reduced'],
        ['fi', 'Sähkön tuonti vähentynyt'],
        ['et', 'Elektri import on vähenenud'],
      ]);
      expect([...fi.errors, ...ee.errors, ...anonymous.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
