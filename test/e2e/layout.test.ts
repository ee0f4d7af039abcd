// The layout on a phone (390 px, a duty officer on the move), a desktop (1280 px) and a wall screen (1920 px): the
// header's controls are on screen, no page scrolls sideways, and a long e-mail address stays inside its card.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/secrets.js';
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

// Run inside the page by Playwright; declared here because the tests are compiled without the DOM library.
declare const document: {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelectorAll(selector: string): ArrayLike<Shown>;
};

interface Shown {
  getBoundingClientRect(): { right: number; width: number };
  className: string;
  tagName: string;
  parentElement: Shown | null;
}

const VIEWPORTS = [
  ['a phone', { width: 390, height: 844 }],
  ['a desktop', { width: 1280, height: 800 }],
  ['a wall screen', { width: 1920, height: 1080 }],
] as const;

const LONG_EMAIL = 'aleksandra.konstantinopoulou-wiśniewska.duty-officer@coordination.fi.example.eu';

/** The document does not scroll sideways; on failure, names the elements that reach past the right edge. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter(
        (e) =>
          Math.abs(e.getBoundingClientRect().right - root.scrollWidth) < 3 &&
          root.scrollWidth > root.clientWidth,
      )
      .slice(0, 5)
      .map((e) => {
        const chain: string[] = [];
        for (let a: typeof e | null = e; a && chain.length < 12; a = a.parentElement)
          chain.push(
            `${a.tagName.toLowerCase()}.${a.className}:${Math.round(a.getBoundingClientRect().width)}`,
          );
        return chain.join(' < ');
      });
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
  });
  expect(found.scrollWidth, `${what} scrolls sideways: ${found.wide.join(', ')}`).toBeLessThanOrEqual(
    found.clientWidth,
  );
}

/** Each of the header's controls is inside the viewport. */
async function expectHeaderOnScreen(page: Page, viewport: { width: number; height: number }, what: string) {
  const controls = [
    page.getByTestId('live-status'),
    page.getByTestId('notifications-button'),
    page.getByRole('button', { name: 'English' }),
    page.getByRole('button', { name: 'Nederlands' }),
    page.getByRole('button', { name: 'Sign out' }),
  ];
  for (const control of controls) {
    const box = await control.boundingBox();
    expect(box, `${what}: a header control is not shown`).not.toBeNull();
    expect(box!.x, `${what}: a header control starts off screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${what}: a header control ends off screen`).toBeLessThanOrEqual(
      viewport.width,
    );
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
  }
}

describe.skipIf(!HAVE_CHROMIUM)('browser: layout from a phone to a wall screen', () => {
  let server: TestServer;
  let browser: Browser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await server.createUser({
      email: LONG_EMAIL,
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
      displayName: 'Aleksandra Konstantinopoulou-Wiśniewska',
    });
    await server.createUser({
      email: 'leena@fi.example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
      displayName: 'Leena Heikkinen',
    });
    const fi = new ApiClient(server.url);
    await fi.login(LONG_EMAIL, PASSWORD);
    const reported = await fi.post<{ id: string }>('/api/incidents', {
      title: 'Balticconnector pressure drop at the Inkoo compressor station',
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      sectors: [{ sector: 'energy', subsector: 'gas' }],
      entities: [
        {
          name: 'Gasgrid Finland Oy',
          sector: 'energy',
          establishedIn: 'FI',
          memberStatesServed: ['FI', 'EE'],
        },
      ],
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'gas transmission', usersAffected: 250_000 },
        { memberState: 'EE', level: 'significant', assessedBy: undefined },
      ].map(({ assessedBy: _, ...i }) => i),
    });
    expect(reported.status).toBe(201);
    incidentId = reported.body.id;
    await fi.post(`/api/incidents/${incidentId}/entries`, {
      kind: 'note',
      text: 'Pressure fell to 30 bar; Elering and Gasgrid are switching to LNG from Inkoo. Contact the duty desk at gas-duty-desk.operations@coordination.fi.example.eu.',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  for (const [device, viewport] of VIEWPORTS) {
    it(
      `keeps the header on screen and nothing scrolling sideways on ${device}`,
      async () => {
        const { context, page, errors } = await openTab(browser, server, { email: LONG_EMAIL, viewport });
        await page.goto(`${server.url}/`);
        await page.getByRole('heading', { level: 1 }).first().waitFor(WAIT);
        await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor(WAIT);
        await expectHeaderOnScreen(page, viewport, `home on ${device}`);
        await expectNoSidewaysScroll(page, `home on ${device}`);

        await page.goto(`${server.url}/incidents/${incidentId}`);
        await page.locator('article.entry', { hasText: 'Pressure fell to 30 bar' }).waitFor(WAIT);
        await expectHeaderOnScreen(page, viewport, `the incident on ${device}`);
        await expectNoSidewaysScroll(page, `the incident on ${device}`);
        if (viewport.width === 390) {
          fs.mkdirSync(path.resolve('docs'), { recursive: true });
          await page.screenshot({ path: path.resolve('docs/incident-phone.png'), fullPage: false });
        }

        // The account card: the address breaks inside the card instead of spilling out of it.
        await page.goto(`${server.url}/account`);
        const email = page.locator('section[aria-labelledby="profile-heading"] dd', {
          hasText: '@coordination.fi.example.eu',
        });
        await email.waitFor(WAIT);
        const card = email.locator(
          'xpath=ancestor::*[contains(@class,"panel") or contains(@class,"card")][1]',
        );
        const [inner, outer] = [await email.boundingBox(), await card.boundingBox()];
        expect(inner && outer).toBeTruthy();
        expect(inner!.x).toBeGreaterThanOrEqual(outer!.x);
        expect(inner!.x + inner!.width).toBeLessThanOrEqual(outer!.x + outer!.width + 0.5);
        await expectNoSidewaysScroll(page, `the account on ${device}`);
        expect(errors).toEqual([]);
        await context.close();
      },
      JOURNEY_TIMEOUT,
    );
  }

  it(
    'shows the administration of users without sideways scrolling on a phone, a desktop and a wall screen',
    async () => {
      const { context, page } = await openTab(browser, server, { email: 'leena@fi.example.eu' });
      const setup = await context.request.post(`${server.url}/api/me/second-factor/setup`);
      const { secret } = (await setup.json()) as { secret: string };
      const enrolled = await context.request.post(`${server.url}/api/me/second-factor/confirm`, {
        data: { code: totpCode(secret) },
      });
      expect(enrolled.status()).toBe(200);
      for (const [device, viewport] of VIEWPORTS) {
        await page.setViewportSize(viewport);
        await page.goto(`${server.url}/admin/users`);
        await page.getByRole('rowheader', { name: /Aleksandra/ }).waitFor(WAIT);
        await expectHeaderOnScreen(page, viewport, `admin users on ${device}`);
        await expectNoSidewaysScroll(page, `admin users on ${device}`);
      }
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
