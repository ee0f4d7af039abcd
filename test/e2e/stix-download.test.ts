// Browser journey: a coordinator takes an incident to their CSIRT's MISP from the incident page's export panel, as
// a STIX 2.1 bundle of what they may see, valid against the official schemas and without the strict entries.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
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
import { stixProblems } from '../support/stix-schemas.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: the incident as a STIX 2.1 bundle', () => {
  let server: TestServer;
  let browser: Browser;
  let tab: Tab | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [email, organisation] of [
      ['fi@example.eu', 'FI'],
      ['de@example.eu', 'DE'],
    ] as const)
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await tab?.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'offers the download in the export panel, served as the reader may see it',
    async () => {
      const fi = new ApiClient(server.url);
      await fi.login('fi@example.eu', PASSWORD);
      const de = new ApiClient(server.url);
      await de.login('de@example.eu', PASSWORD);
      const incident = (
        await fi.post<Incident>('/api/incidents', {
          title: 'Ransomware at a Finnish water utility',
          reportedBy: 'FI',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
          sectors: [{ sector: 'drinking-water' }],
        })
      ).body;
      const note = (text: string, marking: string, api = fi) =>
        api.post(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text,
          marking,
          audience: ['FI', 'DE'],
        });
      expect((await note('Pumps switched to manual control.', 'TLP:GREEN')).status).toBe(201);
      expect((await note('Suspected access through a contractor.', 'TLP:AMBER+STRICT', de)).status).toBe(201);

      tab = await openTab(browser, server, { email: 'fi@example.eu' });
      await tab.page.goto(`${server.url}/incidents/${incident.id}`);
      await tab.page.getByRole('button', { name: 'Prepare an export' }).click();
      const link = tab.page.getByRole('link', { name: 'Download as STIX 2.1' });
      await link.waitFor(WAIT);
      const href = await link.getAttribute('href');
      expect(href).toBe(`/api/incidents/${incident.id}/stix`);

      const bundle = await tab.context.request.get(`${server.url}${href}`);
      expect(bundle.status()).toBe(200);
      expect(bundle.headers()['content-type']).toBe('application/stix+json;version=2.1');
      const body = (await bundle.json()) as { objects: Array<{ type: string; content?: string }> };
      expect(stixProblems(body)).toEqual([]);
      const notes = body.objects.filter((o) => o.type === 'note').map((o) => o.content);
      expect(notes).toContain('Pumps switched to manual control.');
      expect(JSON.stringify(body)).not.toContain('contractor');
      expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
