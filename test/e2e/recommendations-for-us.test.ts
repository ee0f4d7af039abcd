// Browser journey: a post-incident report distributed to Estonia recommends something of it; Estonia's coordinator
// opens "Recommendations for us" from the navigation, sees the recommendation with its report and incident, and
// records the follow-up.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfterActionReport } from '../../src/after-action/model.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

requireChromiumOnCi(describe, it);

describe.skipIf(!HAVE_CHROMIUM)('browser: recommendations for us', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId = '';

  beforeAll(async () => {
    server = await startTestServer();
    const as: Record<string, ApiClient> = {};
    for (const organisation of ['ERCC', 'CERG', 'EE', 'DE']) {
      const email = `${organisation.toLowerCase()}@example.eu`;
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(email, PASSWORD);
    }
    const incident = await as.ERCC!.post<{ id: string }>('/api/incidents', {
      title: 'Exercise: Estlink 2 cable fault',
      reportedBy: 'ERCC',
      occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
      impacts: [{ memberState: 'EE', level: 'significant' }],
      exercise: true,
    });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    const base = `/api/incidents/${incidentId}/after-action`;
    const report = await as.ERCC!.post<AfterActionReport>(base, { audience: ['EE', 'DE'] });
    const url = `${base}/${report.body.id}`;
    for (const [owner, text] of [
      ['EE', 'Keep a cable repair vessel under contract'],
      ['DE', 'Rehearse the gas reroute twice a year'],
    ])
      expect(
        (await as.ERCC!.post(`${url}/recommendations`, { text, owner, dueDate: '2030-01-31' })).status,
      ).toBe(201);
    expect((await as.CERG!.post(`${url}/review`)).status).toBe(200);
    expect((await as.CERG!.post(`${url}/distribution`)).status).toBe(200);
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'shows a coordinator what is recommended to its organisation and records the follow-up',
    async () => {
      const ee = await openTab(browser, server, { email: 'ee@example.eu' });
      await ee.page.goto(`${server.url}/`);
      await ee.page.getByRole('link', { name: 'Recommendations for us' }).click();
      await ee.page.getByRole('heading', { name: 'Recommendations for us', level: 1 }).waitFor(WAIT);
      const item = ee.page.getByTestId('recommendation-for-us');
      await item.getByText('Keep a cable repair vessel under contract').waitFor(WAIT);
      await item.getByRole('link', { name: 'Exercise: Estlink 2 cable fault' }).waitFor(WAIT);
      await item.getByText('Report: Post-incident report: Exercise: Estlink 2 cable fault').waitFor(WAIT);
      // Germany's recommendation is Germany's: Estonia's page lists only its own.
      expect(await item.count()).toBe(1);
      expect(await ee.page.getByText('Rehearse the gas reroute twice a year').count()).toBe(0);
      await item.getByTestId('follow-up').getByText('none recorded yet').waitFor(WAIT);

      await item.getByLabel('Follow-up', { exact: true }).selectOption('in-progress');
      await item.getByLabel('Note').fill('Tender for a repair vessel published');
      await item.getByRole('button', { name: 'Record follow-up' }).click();
      await item.getByText('Follow-up recorded.').waitFor(WAIT);
      await item.getByTestId('follow-up').getByText('Tender for a repair vessel published').waitFor(WAIT);
      await item.getByTestId('follow-up').getByText('In progress').waitFor(WAIT);

      // The filter finds it among those in progress, and not among those not followed up yet.
      await ee.page.getByLabel('Show').selectOption('none');
      await ee.page.getByTestId('for-us-empty').waitFor(WAIT);
      await ee.page.getByLabel('Show').selectOption('in-progress');
      await item.getByText('Keep a cable repair vessel under contract').waitFor(WAIT);

      const stored = await server.platform.db.kysely
        .selectFrom('after_action_follow_ups')
        .select(['status', 'note', 'organisation'])
        .execute();
      expect(stored).toEqual([
        { status: 'in-progress', note: 'Tender for a repair vessel published', organisation: 'EE' },
      ]);
      // ERCC, which drafted the report, tracks the follow-up on the incident page.
      const ercc = await openTab(browser, server, { email: 'ercc@example.eu' });
      await ercc.page.goto(`${server.url}/incidents/${incidentId}`);
      await ercc.page
        .getByTestId('recommendation-follow-up')
        .getByText('Tender for a repair vessel published')
        .waitFor(WAIT);

      expect(ee.errors).toEqual([]);
      expect(ercc.errors).toEqual([]);
      await ee.context.close();
      await ercc.context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
