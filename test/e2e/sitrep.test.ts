// A sitrep from draft to distribution in the browser: Finland compiles it for an audience and names Estonia as a
// contributor; Estonia adds its section; the Presidency approves it as SITREP 1; its readers download it as PDF
// and DOCX; an organisation outside its audience is told it does not exist.
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  type Tab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

interface RegistryBody {
  memberStates: { code: string; name: string }[];
  presidency: { current: { memberState: string } | null };
}

describe.skipIf(!HAVE_CHROMIUM)('browser: compiling, approving and distributing a sitrep', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  let presidency = '';
  let presidencyName = '';
  let outsider = '';

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const anyone = new ApiClient(server.url);
    await server.createUser({
      email: 'aino.virtanen@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Virtanen',
    });
    await anyone.login('aino.virtanen@fi.example.eu', PASSWORD);
    const registry = (await anyone.get<RegistryBody>('/api/registry')).body;
    // Whoever holds the Presidency today approves; someone neither affected nor holding it stays outside.
    presidency = registry.presidency.current?.memberState ?? '';
    expect(presidency).not.toBe('');
    presidencyName = registry.memberStates.find((state) => state.code === presidency)?.name ?? presidency;
    outsider = ['DE', 'NL', 'AT'].find((code) => code !== presidency) ?? 'DE';
    for (const [organisation, name] of [
      ['EE', 'Kadri Tamm'],
      [presidency, 'Presidency duty officer'],
      [outsider, 'Outside reader'],
    ] as const) {
      await server.createUser({
        email: `coordinator@${organisation.toLowerCase()}.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: name,
      });
    }
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  const tabFor = async (email: string) => {
    const tab = await openTab(browser, server, { email });
    tabs.push(tab);
    return tab;
  };

  it(
    'goes from compilation to SITREP 1, downloadable, and stays hidden from organisations outside its audience',
    async () => {
      const title = 'Baltic gas pipeline pressure drop';
      const situation =
        'Pressure in the Balticconnector fell to 20 bar at 05:10 UTC; flows to Estonia halted.';
      const contribution = 'Estonian TSO switched to LNG from Paldiski; supply secured for 72 hours.';
      const finlandApi = new ApiClient(server.url);
      await finlandApi.login('aino.virtanen@fi.example.eu', PASSWORD);
      const reported = await finlandApi.post<{ id: string }>('/api/incidents', {
        title,
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        sectors: [{ sector: 'energy', subsector: 'gas' }],
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
        ],
      });
      expect(reported.status).toBe(201);
      const incidentId = reported.body.id;

      // Finland compiles a sitrep from the incident page, for the affected states, ERCC and the Presidency.
      const fi = await tabFor('aino.virtanen@fi.example.eu');
      await fi.page.goto(`${server.url}/incidents/${incidentId}`);
      await fi.page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
      await fi.page.getByRole('link', { name: 'Situation reports' }).click();
      await fi.page.getByRole('heading', { level: 1, name: `Situation reports: ${title}` }).waitFor(WAIT);
      await fi.page.getByText('No situation report yet.').waitFor(WAIT);
      await fi.page.getByRole('button', { name: 'Compile a sitrep' }).click();
      const picker = fi.page.getByRole('group', { name: 'Audience' });
      await picker.waitFor(WAIT);
      for (const name of ['Estonia', 'Finland', presidencyName]) {
        expect(await picker.getByRole('checkbox', { name: new RegExp(`^${name}`) }).isChecked()).toBe(true);
      }
      await fi.page.getByRole('button', { name: 'Compile the draft' }).click();
      await fi.page.waitForURL((url) => /\/sitreps\/[^/]+$/.test(url.pathname), WAIT);
      const sitrepUrl = fi.page.url();
      await fi.page.getByText('This is a draft').waitFor(WAIT);

      // Finland edits the situation and names Estonia as a contributor.
      await fi.page.getByLabel('Situation', { exact: true }).fill(situation);
      await fi.page.getByRole('button', { name: 'Save the draft' }).click();
      await fi.page.getByText('Draft saved.').waitFor(WAIT);
      await fi.page.getByLabel('Name a contributor').selectOption('EE');
      await fi.page.getByRole('button', { name: 'Name as contributor' }).click();
      await fi.page.getByText('Estonia is named as a contributor.').waitFor(WAIT);

      // Estonia adds its section.
      const ee = await tabFor('coordinator@ee.example.eu');
      await ee.page.goto(sitrepUrl);
      await ee.page.getByRole('heading', { name: "Your organisation's section" }).waitFor(WAIT);
      await ee.page.getByLabel('Title of your section').fill('Estonian gas supply');
      await ee.page.getByLabel('Text', { exact: true }).fill(contribution);
      await ee.page.getByRole('button', { name: 'Send the section' }).click();
      await ee.page.getByText('Section sent.').waitFor(WAIT);

      // The Presidency approves: the draft becomes SITREP 1, with its marking at the top and the bottom.
      const pres = await tabFor(`coordinator@${presidency.toLowerCase()}.example.eu`);
      await pres.page.goto(sitrepUrl);
      await pres.page.getByTestId('sitrep-contribution').getByText(contribution).waitFor(WAIT);
      await pres.page.getByRole('button', { name: 'Approve and publish…' }).click();
      await pres.page.getByRole('button', { name: 'Yes, publish SITREP 1' }).click();
      await pres.page.getByRole('heading', { level: 1, name: /SITREP 1/ }).waitFor(WAIT);
      const banners = pres.page.locator('.sitrep-view > .classification');
      expect(await banners.count()).toBe(2);
      for (const banner of await banners.all())
        expect(await banner.locator('.classification__label').textContent()).toBe('TLP:GREEN');
      await pres.page.getByText(situation).waitFor(WAIT);
      await pres.page.getByText(contribution).waitFor(WAIT);

      // Finland's list shows it as published, live from the log's sitrep entry or on the next look.
      await fi.page.goto(`${server.url}/incidents/${incidentId}/sitreps`);
      await fi.page.getByRole('link', { name: /^SITREP 1 — / }).waitFor(WAIT);

      // The documents: downloaded with the reader's session, with the number and the marking inside.
      const pdfHref = await pres.page.getByTestId('sitrep-pdf').getAttribute('href');
      const docxHref = await pres.page.getByTestId('sitrep-docx').getAttribute('href');
      expect(pdfHref).toBeTruthy();
      expect(docxHref).toBeTruthy();
      const pdf = await pres.context.request.get(`${server.url}${pdfHref}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), {
        mergePages: true,
      });
      expect(text).toContain('SITREP 1');
      expect(text).toContain('TLP:GREEN');
      const docx = await pres.context.request.get(`${server.url}${docxHref}`);
      expect(docx.status()).toBe(200);
      expect(docx.headers()['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      const documentXml = await (await JSZip.loadAsync(await docx.body()))
        .file('word/document.xml')!
        .async('string');
      expect(documentXml).toContain('SITREP 1');
      // The link itself downloads the file in the browser.
      const [download] = await Promise.all([
        pres.page.waitForEvent('download', WAIT),
        pres.page.getByTestId('sitrep-pdf').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);

      // An organisation outside the audience: the sitrep does not exist for it, in the browser and over the API.
      const out = await tabFor(`coordinator@${outsider.toLowerCase()}.example.eu`);
      await out.page.goto(sitrepUrl);
      await out.page.getByTestId('sitrep-not-found').waitFor(WAIT);
      expect(await out.page.getByText(situation).count()).toBe(0);
      const sitrepApiPath = new URL(sitrepUrl).pathname.replace(/^\/incidents\//, '/api/incidents/');
      expect((await out.context.request.get(`${server.url}${sitrepApiPath}`)).status()).toBe(404);
      expect((await out.context.request.get(`${server.url}${pdfHref}`)).status()).toBe(404);

      for (const tab of tabs) expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
