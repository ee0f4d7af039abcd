// Browser journeys through the built web app (dist/web) served by the real server.
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchBrowser, requireChromiumOnCi, WAIT } from '../support/browser.js';
import { PASSWORD, startTestServer, type TestServer } from '../support/server.js';

const JOURNEY_TIMEOUT = 120_000;

requireChromiumOnCi(describe, it);

interface RegistryBody {
  memberStates: { code: string; name: string }[];
  presidency: { current: { memberState: string; term: string } | null };
}

describe.skipIf(!HAVE_CHROMIUM)('browser: signing in', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  /** A fresh tab as a duty officer in Brussels reading English would have it; page errors are collected. */
  async function openTab(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Brussels',
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  async function submitCredentials(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  function mainNavigation(page: Page) {
    return page.getByRole('navigation', { name: 'Main' });
  }

  it(
    'takes a coordinator from the sign-in page to their organisation, the Presidency, the directory and back out',
    async () => {
      await server.createUser({
        email: 'aino.virtanen@fi.example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
        displayName: 'Aino Virtanen',
      });
      const { page, errors } = await openTab();

      await page.goto(`${server.url}/`);
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(WAIT);

      await submitCredentials(page, 'aino.virtanen@fi.example.eu', PASSWORD);
      await page.waitForURL((url) => url.pathname === '/', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Finland' }).waitFor(WAIT);

      // The holder comes from the server's calendar, so the test stays right after 31 December 2026.
      const registry = (await (await page.request.get(`${server.url}/api/registry`)).json()) as RegistryBody;
      const current = registry.presidency.current;
      expect(current).not.toBeNull();
      const code = current?.memberState ?? '';
      const names = [
        registry.memberStates.find((state) => state.code === code)?.name,
        new Intl.DisplayNames(['en-GB'], { type: 'region' }).of(code),
      ].filter((name): name is string => Boolean(name));
      const presidency = page.getByTestId('presidency');
      await presidency.waitFor(WAIT);
      const presidencyText = (await presidency.textContent()) ?? '';
      expect(presidencyText).toContain('Council Presidency');
      expect(names.some((name) => presidencyText.includes(name))).toBe(true);

      await mainNavigation(page).getByRole('link', { name: 'Directory' }).click();
      await page.waitForURL((url) => url.pathname === '/directory', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor(WAIT);
      await page.getByRole('rowheader', { name: /Finland/ }).waitFor(WAIT);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(WAIT);
      expect((await page.request.get(`${server.url}/api/me`)).status()).toBe(401);

      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'shows a coordinator no Administration, not even at its address',
    async () => {
      await server.createUser({
        email: 'mari.tamm@ee.example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'coordinator',
        displayName: 'Mari Tamm',
      });
      const { page, errors } = await openTab();

      await page.goto(`${server.url}/login`);
      await submitCredentials(page, 'mari.tamm@ee.example.eu', PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'Estonia' }).waitFor(WAIT);

      const nav = mainNavigation(page);
      for (const name of ['Home', 'Incidents', 'Directory', 'Account']) {
        await nav.getByRole('link', { name, exact: true }).waitFor(WAIT);
      }
      expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);

      await page.goto(`${server.url}/admin/users`);
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor(WAIT);
      await page.getByText('Only organisation administrators and platform administrators').waitFor(WAIT);
      expect(await page.getByRole('table').count()).toBe(0);

      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'makes an organisation administrator enrol a second factor, then asks for a code at the next sign-in',
    async () => {
      await server.createUser({
        email: 'lena.berg@se.example.eu',
        password: PASSWORD,
        organisation: 'SE',
        role: 'org-admin',
        displayName: 'Lena Berg',
      });
      const { page, errors } = await openTab();

      await page.goto(`${server.url}/`);
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await submitCredentials(page, 'lena.berg@se.example.eu', PASSWORD);

      // Until enrolled, the enrolment screen is all there is.
      await page.getByRole('heading', { level: 1, name: 'Set up a second factor' }).waitFor(WAIT);
      expect(await mainNavigation(page).count()).toBe(0);
      await page.getByRole('button', { name: 'Set up a second factor' }).click();
      await page.getByRole('img', { name: /QR code/ }).waitFor(WAIT);
      const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
      const authenticator = new OTPAuth.TOTP({
        secret: OTPAuth.Secret.fromBase32(secret),
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
      });
      await page.getByLabel('Six-digit code').fill(authenticator.generate());
      await page.getByRole('button', { name: 'Confirm and turn on' }).click();

      // Ten recovery codes, shown this once; the app goes on when the user says they are stored.
      await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor(WAIT);
      const recoveryCodes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await page.getByRole('button', { name: 'I have stored these codes' }).click();

      // Enrolled: the whole app, Administration included.
      await mainNavigation(page).getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor(WAIT);
      await page.getByRole('rowheader', { name: /Lena Berg/ }).waitFor(WAIT);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await submitCredentials(page, 'lena.berg@se.example.eu', PASSWORD);
      const codeField = page.getByLabel('Six-digit code');
      await codeField.waitFor(WAIT);
      // The code used to enrol cannot be replayed: take the next time step's, which the server's window accepts.
      await codeField.fill(authenticator.generate({ timestamp: Date.now() + 30_000 }));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sweden' }).waitFor(WAIT);

      // With the phone lost, a recovery code stands in for the six digits.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/login', WAIT);
      await submitCredentials(page, 'lena.berg@se.example.eu', PASSWORD);
      await page.getByLabel('Six-digit code').waitFor(WAIT);
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Sweden' }).waitFor(WAIT);

      expect(errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
