// Accessibility of the pages a duty officer uses, on a desktop and on a phone, checked with axe-core: no serious or
// critical violation anywhere. Every other browser test is audited too, when its pages close (test/support/axe.ts);
// this one visits each page on purpose and first shows that the audit does catch a violation.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/secrets.js';
import { expectAccessible, seriousViolations } from '../support/axe.js';
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

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(!HAVE_CHROMIUM)('browser: accessibility with axe', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: 'aino@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aino Laine',
    });
    await server.createUser({
      email: 'leena@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
      displayName: 'Leena Heikkinen',
    });
    const fi = new ApiClient(server.url);
    await fi.login('aino@fi.example.eu', PASSWORD);
    const reported = await fi.post<{ id: string }>('/api/incidents', {
      title: 'Balticconnector pressure drop',
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      sectors: [{ sector: 'energy', subsector: 'gas' }],
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'gas transmission' },
        { memberState: 'EE', level: 'minor' },
      ],
    });
    expect(reported.status).toBe(201);
    incidentId = reported.body.id;
    expect(
      (
        await fi.post(`/api/incidents/${incidentId}/entries`, {
          kind: 'note',
          text: 'Pressure at Inkoo compressor station fell to 30 bar.',
          marking: 'TLP:AMBER',
          audience: ['FI', 'EE'],
        })
      ).status,
    ).toBe(201);
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it('catches a serious violation when a page has one', async () => {
    const { context, page } = await openTab(browser, server);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mail address').waitFor(WAIT);
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { body: { insertAdjacentHTML(w: string, h: string): void } } }
      ).document;
      doc.body.insertAdjacentHTML(
        'beforeend',
        '<img src="/nothing.png" id="no-alt"><button id="empty"></button>',
      );
    });
    const violations = await seriousViolations(page);
    expect(violations.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
    await expect(expectAccessible(page, 'the broken page')).rejects.toThrow(/image-alt/);
    await page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { getElementById(id: string): { remove(): void } | null } }
      ).document;
      doc.getElementById('no-alt')?.remove();
      doc.getElementById('empty')?.remove();
    });
    await context.close();
  });

  for (const [device, viewport] of [
    ['a desktop', DESKTOP],
    ['a phone', PHONE],
  ] as const) {
    it(
      `has no serious or critical violation on the pages a coordinator uses, on ${device}`,
      async () => {
        const signedOut = await openTab(browser, server, { viewport });
        for (const path of ['/login', '/forgot-password']) {
          await signedOut.page.goto(`${server.url}${path}`);
          await signedOut.page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
          await expectAccessible(signedOut.page, `${path} on ${device}`);
        }
        await signedOut.context.close();

        const { context, page, errors } = await openTab(browser, server, {
          email: 'aino@fi.example.eu',
          viewport,
        });
        const pages: Array<[string, () => Promise<void>]> = [
          ['/', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
          [
            '/incidents',
            () =>
              page
                .getByRole('link', { name: /Balticconnector pressure drop/ })
                .first()
                .waitFor(WAIT),
          ],
          [
            `/incidents/${incidentId}`,
            () => page.locator('article.entry', { hasText: 'Inkoo compressor' }).waitFor(WAIT),
          ],
          ['/incidents/new', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
          ['/directory', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
          ['/sharing-groups', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
          ['/search', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
          ['/account', () => page.getByRole('heading', { level: 1 }).first().waitFor(WAIT)],
        ];
        for (const [path, loaded] of pages) {
          await page.goto(`${server.url}${path}`);
          await loaded();
          await expectAccessible(page, `${path} on ${device}`);
        }
        expect(errors).toEqual([]);
        await context.close();
      },
      JOURNEY_TIMEOUT,
    );
  }

  it(
    'has no serious or critical violation on the administration of users',
    async () => {
      const { context, page } = await openTab(browser, server, { email: 'leena@fi.example.eu' });
      const setup = await context.request.post(`${server.url}/api/me/second-factor/setup`);
      const { secret } = (await setup.json()) as { secret: string };
      const enrolled = await context.request.post(`${server.url}/api/me/second-factor/confirm`, {
        data: { code: totpCode(secret) },
      });
      expect(enrolled.status()).toBe(200);
      await page.goto(`${server.url}/admin/users`);
      await page.getByRole('rowheader', { name: /Aino Laine/ }).waitFor(WAIT);
      await expectAccessible(page, '/admin/users');
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
