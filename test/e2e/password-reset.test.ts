// Browser journey: a forgotten password, from the sign-in page through the e-mail's link to signing in again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/secrets.js';
import { createJobs } from '../../src/jobs.js';
import {
  HAVE_CHROMIUM,
  JOURNEY_TIMEOUT,
  launchBrowser,
  openTab,
  requireChromiumOnCi,
  WAIT,
} from '../support/browser.js';
import { PASSWORD, startTestServer, type TestServer } from '../support/server.js';
import { resetLinkIn, startMailServer, type TestMailServer } from '../support/smtp.js';

requireChromiumOnCi(describe, it);

const NEW_PASSWORD = 'lighthouse harbour evening tide';

describe.skipIf(!HAVE_CHROMIUM)('browser: a forgotten password', () => {
  let server: TestServer;
  let mail: TestMailServer;
  let browser: Browser;

  beforeAll(async () => {
    mail = await startMailServer();
    // No slow-down after the deliberate wrong attempt below: this journey runs on the real clock.
    server = await startTestServer({ env: { SMTP_URL: mail.url, LOGIN_SLOWDOWN_SECONDS: '0' } });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await mail?.close();
  }, JOURNEY_TIMEOUT);

  it(
    'asks for a link on the sign-in page, follows it from the e-mail, sets a new password and signs in with it',
    async () => {
      await server.createUser({
        email: 'kati.tamm@ee.example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'coordinator',
        displayName: 'Kati Tamm',
      });
      const { context, page, errors } = await openTab(browser, server);

      await page.goto(`${server.url}/login`);
      await page.getByLabel('E-mail address').fill('kati.tamm@ee.example.eu');
      await page.getByRole('link', { name: 'Forgotten your password?' }).click();
      await page.waitForURL((url) => url.pathname === '/forgot-password', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Forgotten password' }).waitFor(WAIT);
      // The address typed on the sign-in page comes along.
      expect(await page.getByLabel('E-mail address').inputValue()).toBe('kati.tamm@ee.example.eu');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page
        .getByRole('status')
        .getByText(/If an account has this address/)
        .waitFor(WAIT);

      // The server's job delivers the outbox's e-mail through SMTP.
      await createJobs(server.platform).runDue();
      expect(mail.received).toHaveLength(1);
      expect(mail.received[0]!.to).toEqual(['kati.tamm@ee.example.eu']);
      const { path } = resetLinkIn(mail.received[0]!);

      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor(WAIT);
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the new password').fill('lighthouse harbour evening');
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await page.getByText('The two passwords differ.').waitFor(WAIT);
      await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Set the new password' }).click();
      await page.getByText('Your new password is set. Sign in with it.').waitFor(WAIT);

      // The link works once: opened again, it says so.
      const second = await context.newPage();
      await second.goto(`${server.url}${path}`);
      await second.getByLabel('New password', { exact: true }).fill('another harbour evening tide');
      await second.getByLabel('Repeat the new password').fill('another harbour evening tide');
      await second.getByRole('button', { name: 'Set the new password' }).click();
      await second.getByText(/This link no longer works/).waitFor(WAIT);
      await second.close();

      await page.getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await page.getByLabel('E-mail address').fill('kati.tamm@ee.example.eu');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText('The e-mail address or the password is wrong.').waitFor(WAIT);
      await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Estonia' }).waitFor(WAIT);

      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "shows an org-admin Unlock and Send reset link for their organisation's people, and they work",
    async () => {
      await server.createUser({
        email: 'mari.kask@ee.example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'org-admin',
        displayName: 'Mari Kask',
      });
      await server.createUser({
        email: 'toomas.saar@ee.example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'viewer',
        displayName: 'Toomas Saar',
      });
      // Toomas locks himself out.
      for (let i = 0; i < 5; i++) {
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'toomas.saar@ee.example.eu', password: 'not his pass phrase' }),
        });
      }
      const { context, page, errors } = await openTab(browser, server, { email: 'mari.kask@ee.example.eu' });
      const setup = await context.request.post(`${server.url}/api/me/second-factor/setup`);
      const { secret } = (await setup.json()) as { secret: string };
      const enrolled = await context.request.post(`${server.url}/api/me/second-factor/confirm`, {
        data: { code: totpCode(secret) },
      });
      expect(enrolled.status()).toBe(200);
      page.on('dialog', (dialog) => void dialog.accept());

      await page.goto(`${server.url}/admin/users`);
      await page.getByRole('rowheader', { name: /Toomas Saar/ }).waitFor(WAIT);
      // Nothing of the kind on her own row.
      const own = page.getByRole('row', { name: /Mari Kask/ });
      expect(await own.count()).toBe(1);
      expect(await own.getByRole('button').count()).toBe(0);
      expect(await own.getByRole('button', { name: /Send reset link/ }).count()).toBe(0);

      await page.getByRole('button', { name: 'Unlock the account of Toomas Saar' }).click();
      await page.getByRole('status').getByText('Toomas Saar can sign in again.').waitFor(WAIT);
      // The row drops its Unlock once the list has been read again after the unlock.
      await page
        .getByRole('button', { name: 'Unlock the account of Toomas Saar' })
        .waitFor({ state: 'detached', ...WAIT });
      const signIn = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'toomas.saar@ee.example.eu', password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);

      mail.received.length = 0;
      await page
        .getByRole('button', { name: 'Send reset link to Toomas Saar, to set a new password' })
        .click();
      await page
        .getByRole('status')
        .getByText('A link to set a new password is on its way to toomas.saar@ee.example.eu.')
        .waitFor(WAIT);
      await createJobs(server.platform).runDue();
      expect(mail.received.map((m) => m.to)).toEqual([['toomas.saar@ee.example.eu']]);
      expect(mail.received[0]!.text).toContain('Mari Kask');

      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
