// An org-admin looks after the organisation's webhooks after registering one: changes which alerts it receives,
// and reads in the delivery log a failed attempt waiting for its retry, then the retry that went through.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/secrets.js';
import type { Webhook } from '../../src/alerting/webhooks-model.js';
import { createJobs } from '../../src/jobs.js';
import { ManualClock } from '../../src/platform/clock.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  WAIT,
  warnWithoutChromium,
} from '../support/browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

/** A national system that is down for its first delivery and up afterwards. */
async function startFlakyReceiver() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += 1;
      res.writeHead(calls === 1 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/blueprint-events`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!HAVE_CHROMIUM)('browser: webhooks of an organisation', () => {
  let server: TestServer;
  let browser: Browser;
  let receiver: Awaited<ReturnType<typeof startFlakyReceiver>>;
  const clock = new ManualClock();

  beforeAll(async () => {
    receiver = await startFlakyReceiver();
    server = await startTestServer({ clock, env: { ALERT_BATCH_SECONDS: '0' } });
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'kadri@ee.example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'org-admin',
    });
  }, JOURNEY_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
  });

  it(
    'changes the alerts a webhook receives and reads the failed attempt and its retry in the delivery log',
    async () => {
      const { context, page, errors } = await openTab(browser, server, { email: 'kadri@ee.example.eu' });
      const setup = await context.request.post(`${server.url}/api/me/second-factor/setup`);
      const { secret } = (await setup.json()) as { secret: string };
      const enrolled = await context.request.post(`${server.url}/api/me/second-factor/confirm`, {
        data: { code: totpCode(secret) },
      });
      expect(enrolled.status()).toBe(200);
      const registered = await context.request.post(`${server.url}/api/webhooks`, {
        data: {
          url: receiver.url,
          secret: 'ee-national-system-shared-secret-0123456789',
          triggers: ['status-changed'],
        },
      });
      expect(registered.status()).toBe(201);
      const webhook = (await registered.json()) as Webhook;

      await page.goto(`${server.url}/account/alerts`);
      const item = page.getByRole('listitem').filter({ hasText: receiver.url });
      await item.getByText('Alerts delivered: A change of Blueprint status').waitFor(WAIT);
      await item.getByRole('button', { name: 'Change the alerts delivered' }).click();
      const editor = item.getByRole('group', { name: 'Change the alerts delivered' });
      await editor.getByRole('checkbox', { name: 'A new incident' }).check();
      await editor.getByRole('checkbox', { name: 'A change of Blueprint status' }).uncheck();
      await item.getByRole('button', { name: 'Save the alerts' }).click();
      await item.getByText('The alerts delivered are changed.').waitFor(WAIT);
      await item.getByText('Alerts delivered: A new incident').waitFor(WAIT);
      const saved = await context.request.get(`${server.url}/api/webhooks`);
      expect(((await saved.json()) as { items: Webhook[] }).items).toMatchObject([
        { id: webhook.id, triggers: ['incident-reported'] },
      ]);

      // A new incident now goes to the target: the first attempt fails, the retry waits for its backoff.
      const fi = new ApiClient(server.url);
      await fi.login('aino@fi.example.eu', PASSWORD);
      const reported = await fi.post('/api/incidents', {
        title: 'Estlink 2 cable fault',
        reportedBy: 'FI',
        occurredAt: '2026-12-01T08:00:00Z',
        impacts: [
          { memberState: 'FI', level: 'minor' },
          { memberState: 'EE', level: 'minor' },
        ],
      });
      expect(reported.status).toBe(201);
      const jobs = createJobs(server.platform, { retryBaseMs: 60_000 });
      await jobs.runDue();
      expect(receiver.calls()).toBe(1);

      await item.getByRole('button', { name: 'Delivery log' }).click();
      const log = item.getByRole('table', { name: `Deliveries to ${receiver.url}, newest first` });
      const row = log.getByRole('row').filter({ hasText: 'A new incident' });
      await row.getByText('Waiting or retrying').waitFor(WAIT);
      await row.getByText('the target answered HTTP 503').waitFor(WAIT);
      expect(await row.getByRole('cell').nth(3).textContent()).toBe('1');
      // The next attempt is shown as a time, not as a dash.
      expect(await row.getByRole('cell').nth(5).textContent()).not.toBe('—');

      clock.advance(60_000);
      await jobs.runDue();
      expect(receiver.calls()).toBe(2);
      await page.reload();
      await item.getByRole('button', { name: 'Delivery log' }).click();
      const delivered = log.getByRole('row').filter({ hasText: 'A new incident' });
      await delivered.getByText('Delivered').waitFor(WAIT);
      expect(await delivered.getByRole('cell').nth(3).textContent()).toBe('2');
      expect(await delivered.getByRole('cell').nth(5).textContent()).toBe('—');

      // Registered through the form as it opens, a target follows every alert, those added later too.
      const everyUrl = 'https://national-system.example.ee/every-alert';
      await page.getByLabel('Target address (https://…)').fill(everyUrl);
      await page.getByLabel('Shared secret').fill('ee-national-system-second-secret-0123456789');
      const choice = page.getByRole('group', { name: 'Alerts delivered' });
      expect(
        await choice
          .getByRole('checkbox', { name: 'Every alert, including alerts added to Blueprint later' })
          .isChecked(),
      ).toBe(true);
      await page.getByRole('button', { name: 'Register the webhook' }).click();
      const everyItem = page.getByRole('listitem').filter({ hasText: everyUrl });
      await everyItem.getByText('Alerts delivered: every alert, including those added later').waitFor(WAIT);
      const listed = (await (await context.request.get(`${server.url}/api/webhooks`)).json()) as {
        items: Webhook[];
      };
      expect(listed.items.find((w) => w.url === everyUrl)).toMatchObject({ allTriggers: true });
      expect(errors).toEqual([]);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
