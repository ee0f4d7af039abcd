// Browser journey: an own-assessment request nobody answers escalates to Estonia's duty contacts; ERCC's roll call
// shows who was alerted, by which channel, and who acknowledged when; Estonia sees only its own row.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../src/alerting/model.js';
import type { Incident } from '../../src/incidents/model.js';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { startMailServer, type TestMailServer } from '../support/smtp.js';

requireChromiumOnCi(describe, it);

const MINUTE = 60_000;

describe.skipIf(!HAVE_CHROMIUM)('browser: the roll call of an incident', () => {
  let server: TestServer;
  let mail: TestMailServer;
  let browser: Browser;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer({
      clock,
      env: { SMTP_URL: mail.url, SESSION_IDLE_MINUTES: '1440' },
    });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mail?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'shows who was alerted, when and how, the escalation to the duty contacts, and who acknowledged when',
    async () => {
      const people: Array<[string, string, string]> = [
        ['fi@example.eu', 'FI', 'Aino Virtanen'],
        ['ee.duty@example.eu', 'EE', 'Kati Tamm'],
        ['ee@example.eu', 'EE', 'Mart Kask'],
        ['de@example.eu', 'DE', 'Jonas Weber'],
        ['ercc@example.eu', 'ERCC', 'Eva Duty'],
      ];
      for (const [email, organisation, displayName] of people)
        await server.createUser({
          email,
          password: PASSWORD,
          organisation,
          role: 'coordinator',
          displayName,
        });
      await server.platform.db.kysely
        .updateTable('users')
        .set({ on_duty: 1 })
        .where('email', '=', 'ee.duty@example.eu')
        .execute();
      const fi = new ApiClient(server.url);
      await fi.login('fi@example.eu', PASSWORD);
      const created = await fi.post<Incident>('/api/incidents', {
        title: 'Gulf of Finland cable damage',
        reportedBy: 'FI',
        occurredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
        impacts: [
          { memberState: 'FI', level: 'significant' },
          { memberState: 'EE', level: 'significant' },
          { memberState: 'DE', level: 'significant' },
        ],
      });
      expect(created.status).toBe(201);
      const incidentId = created.body.id;
      const jobs = createJobs(server.platform);
      await jobs.runDue();

      // Germany answers within ten minutes; nobody in Estonia does, so after half an hour its duty contacts are told.
      const de = new ApiClient(server.url);
      await de.login('de@example.eu', PASSWORD);
      const deAsked = (
        await de.get<{ items: Notification[] }>('/api/notifications?open=true')
      ).body.items.find((n) => n.kind === 'confirm-impact')!;
      clock.advance(10 * MINUTE);
      expect((await de.post(`/api/notifications/${deAsked.id}/acknowledgement`)).status).toBe(200);
      clock.advance(20 * MINUTE);
      await jobs.runDue();
      expect(mail.received.some((m) => m.to.includes('ee.duty@example.eu'))).toBe(true);

      const ercc = await openTab(browser, server, { email: 'ercc@example.eu' });
      await ercc.page.goto(`${server.url}/incidents/${incidentId}`);
      const panel = ercc.page.getByRole('region', { name: 'Roll call' });
      await panel.waitFor(WAIT);
      const estonia = panel.locator('tr[data-organisation="EE"]');
      const germany = panel.locator('tr[data-organisation="DE"]');
      await estonia.getByText('Escalated to the duty contacts').waitFor(WAIT);
      await estonia.getByText('Not acknowledged').waitFor(WAIT);
      await estonia.getByText('Own assessment requested').waitFor(WAIT);
      // Alerted in the app and by e-mail at once, then again by e-mail as a duty contact.
      await estonia.locator('li', { hasText: 'In the app' }).waitFor(WAIT);
      await estonia
        .locator('li', { hasText: 'Duty contacts: ee.duty@example.eu' })
        .getByText('E-mail')
        .waitFor(WAIT);
      await germany.getByText('Jonas Weber').waitFor(WAIT);
      await germany.getByText('after 10 minutes').waitFor(WAIT);
      expect(await germany.getByText('Escalated').count()).toBe(0);

      // Estonia's duty officer acknowledges; the roll call says who, and how long it took.
      const eeClient = new ApiClient(server.url);
      await eeClient.login('ee.duty@example.eu', PASSWORD);
      const eeAsked = (
        await eeClient.get<{ items: Notification[] }>('/api/notifications?open=true')
      ).body.items.find((n) => n.incidentId === incidentId && n.kind === 'confirm-impact')!;
      clock.advance(5 * MINUTE);
      expect((await eeClient.post(`/api/notifications/${eeAsked.id}/acknowledgement`)).status).toBe(200);
      await ercc.page.reload();
      await estonia.getByText('Kati Tamm').waitFor(WAIT);
      await estonia.getByText('after 35 minutes').waitFor(WAIT);
      await estonia.getByText('Acknowledged', { exact: true }).waitFor(WAIT);

      // Estonia sees its own row only.
      const ee = await openTab(browser, server, { email: 'ee@example.eu' });
      await ee.page.goto(`${server.url}/incidents/${incidentId}`);
      const own = ee.page.getByRole('region', { name: 'Roll call' });
      await own.locator('tr[data-organisation="EE"]').waitFor(WAIT);
      expect(await own.locator('tbody tr').count()).toBe(1);
      expect(await own.locator('tr[data-organisation="DE"]').count()).toBe(0);
      expect([...ercc.errors, ...ee.errors]).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
