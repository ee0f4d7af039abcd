// Consequential steps ask first: Activate, Join, Deactivate and Stood down open a dialog that says what will happen
// and who will be told, and take a reason that reaches the incident's log; cancelling changes nothing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/entries/model.js';
import type { Incident } from '../../src/incidents/model.js';
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

const FI = 'aino.virtanen@fi.example.eu';
const EE = 'kadri.tamm@ee.example.eu';
const ERCC = 'duty@ercc.example.eu';

describe.skipIf(!HAVE_CHROMIUM)('browser: confirming consequential steps', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];
  const api: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [email, organisation] of [
      [FI, 'FI'],
      [EE, 'EE'],
      [ERCC, 'ERCC'],
    ] as const) {
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
      api[organisation] = new ApiClient(server.url);
      await api[organisation]!.login(email, PASSWORD);
    }
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  const open = async (email: string, path: string) => {
    const tab = await openTab(browser, server, { email });
    tabs.push(tab);
    await tab.page.goto(`${server.url}${path}`);
    return tab;
  };
  const incident = async (id: string) => (await api.FI!.get<Incident>(`/api/incidents/${id}`)).body;
  const entries = async (id: string) =>
    (await api.FI!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items;

  it(
    'activates, joins, stands a mechanism down and deactivates only once confirmed, with the reasons logged',
    async () => {
      // A CEPES established in Finland, serving six states and significantly disrupted: T2 is met at once.
      const created = await api.FI!.post<{ id: string }>('/api/incidents', {
        title: 'Balticconnector gas pipeline rupture',
        reportedBy: 'FI',
        occurredAt: '2026-11-30T22:40:00Z',
        sectors: [{ sector: 'energy', subsector: 'gas' }],
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'minor', assessedBy: 'FI' },
        ],
        entities: [
          {
            name: 'Baltic Gas Transmission Oy',
            sector: 'energy',
            subsector: 'gas',
            establishedIn: 'FI',
            memberStatesServed: ['FI', 'EE', 'LV', 'LT', 'PL', 'SE'],
            cepes: true,
            significantlyDisrupted: true,
          },
        ],
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await incident(id)).assessment.status).toBe('applies');

      const fi = await open(FI, `/incidents/${id}`);
      const { page } = fi;
      const activate = page.getByRole('button', { name: 'Activate the Blueprint' });
      await activate.waitFor(WAIT);
      await activate.click();
      const dialog = page.getByRole('dialog', { name: 'Activate the Blueprint?' });
      await dialog.waitFor(WAIT);
      const told = await dialog.getByTestId('confirm-told').textContent();
      expect(told).toContain('Who will be told:');
      expect(told).toContain('ERCC');
      expect(told).toContain('Estonia');
      expect(told).not.toContain('Finland');
      expect(await dialog.getByTestId('confirm-happens').textContent()).toContain('becomes active');
      await expectAccessible(page, 'the activation confirmation');
      // Cancelled, nothing happens.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached', ...WAIT });
      expect((await incident(id)).activation.state).toBe('inactive');

      await activate.click();
      await dialog.getByLabel(/^Reason/).fill('Gas supply to Estonia at risk within 48 hours.');
      await dialog.getByRole('button', { name: 'Activate the Blueprint' }).click();
      await page.getByTestId('activation-state').filter({ hasText: 'Blueprint active' }).waitFor(WAIT);
      const activation = (await entries(id)).find((entry) => entry.kind === 'activation');
      expect(activation?.body.reason).toBe('Gas supply to Estonia at risk within 48 hours.');

      // Estonia joins, confirmed, without a reason.
      const ee = await open(EE, `/incidents/${id}`);
      await ee.page.getByRole('button', { name: 'Join the activation' }).click();
      const joining = ee.page.getByRole('dialog', { name: 'Join the activation?' });
      await joining.waitFor(WAIT);
      expect(await joining.getByTestId('confirm-told').textContent()).toContain('Finland');
      await joining.getByRole('button', { name: 'Join the activation' }).click();
      await expect.poll(async () => (await incident(id)).activation.joinedBy, WAIT).toEqual(['EE']);
      const joined = (await entries(id)).find((entry) => entry.kind === 'activation-joined');
      expect(joined?.body.reason).toBeUndefined();

      // ERCC stands UCPM down with a reason.
      const recorded = await api.ERCC!.post(`/api/incidents/${id}/mechanisms`, {
        mechanism: 'ucpm',
        state: 'activated',
      });
      expect(recorded.status).toBe(201);
      const ercc = await open(ERCC, `/incidents/${id}`);
      await ercc.page.getByRole('button', { name: 'Stood down' }).click();
      const standing = ercc.page.getByRole('dialog', { name: /^Record Union Civil Protection Mechanism/ });
      await standing.waitFor(WAIT);
      expect(await standing.getByTestId('confirm-told').textContent()).toContain('nobody is notified');
      await standing.getByLabel(/^Reason/).fill('Assistance no longer requested.');
      await standing.getByRole('button', { name: 'Stood down' }).click();
      await standing.waitFor({ state: 'detached', ...WAIT });
      const stoodDown = (await entries(id)).find(
        (entry) => entry.kind === 'mechanism' && entry.body.state === 'deactivated',
      );
      expect(stoodDown?.body.text).toBe('Assistance no longer requested.');

      // Deactivating needs its closing summary before anything is sent.
      await page.getByRole('button', { name: 'Deactivate' }).click();
      const ending = page.getByRole('dialog', { name: 'Deactivate the Blueprint?' });
      await ending.waitFor(WAIT);
      expect(await ending.getByTestId('confirm-told').textContent()).toContain('Estonia');
      await ending.getByRole('button', { name: 'Deactivate' }).click();
      await ending.getByText('Fill in this field.').waitFor(WAIT);
      expect((await incident(id)).activation.state).toBe('active');
      await ending.getByLabel('Closing summary').fill('Flow rerouted through Latvia; repair under way.');
      await ending.getByRole('button', { name: 'Deactivate' }).click();
      await page.getByTestId('activation-state').filter({ hasText: 'Blueprint deactivated' }).waitFor(WAIT);
      expect((await incident(id)).activation.closingSummary).toBe(
        'Flow rerouted through Latvia; repair under way.',
      );
      for (const tab of [fi, ee, ercc]) expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
