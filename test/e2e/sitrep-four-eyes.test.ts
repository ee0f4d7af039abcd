// Four eyes on sitreps in the browser: ERCC's compiler finds Approve disabled with the reason, the platform
// administrator turns the setting off on the admin page, and then the compiler approves their own sitrep.
import type { Browser } from 'playwright-core';
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
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from '../support/server.js';

warnWithoutChromium();

describe.skipIf(!HAVE_CHROMIUM)('browser: four eyes on sitreps', () => {
  let server: TestServer;
  let browser: Browser;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    for (const [email, organisation, role] of [
      ['aino.virtanen@fi.example.eu', 'FI', 'coordinator'],
      ['jean.dupont@ercc.example.eu', 'ERCC', 'coordinator'],
      ['platform@admin.example.eu', 'ERCC', 'admin'],
    ] as const)
      await server.createUser({ email, password: PASSWORD, organisation, role });
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    for (const tab of tabs) await tab.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  it(
    "shows the compiler why they cannot approve, and follows the administrator's setting",
    async () => {
      const finland = new ApiClient(server.url);
      await finland.login('aino.virtanen@fi.example.eu', PASSWORD);
      const incident = await finland.post<{ id: string }>('/api/incidents', {
        title: 'Gulf of Finland cable fault',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      expect(incident.status).toBe(201);
      const ercc = new ApiClient(server.url);
      await ercc.login('jean.dupont@ercc.example.eu', PASSWORD);
      const draft = await ercc.post<{ id: string }>(`/api/incidents/${incident.body.id}/sitreps`, {
        audience: ['FI', 'ERCC'],
      });
      expect(draft.status).toBe(201);
      const sitrepUrl = `${server.url}/incidents/${incident.body.id}/sitreps/${draft.body.id}`;

      // The compiler: Approve is there, disabled, with the reason it is described by.
      const compiler = await openTab(browser, server, { email: 'jean.dupont@ercc.example.eu' });
      tabs.push(compiler);
      await compiler.page.goto(sitrepUrl);
      const reason = compiler.page.getByTestId('sitrep-four-eyes');
      await reason.waitFor(WAIT);
      expect(await reason.textContent()).toContain('another person of ERCC or the Presidency approves it');
      const approve = compiler.page.getByRole('button', { name: 'Approve and publish…' });
      expect(await approve.isDisabled()).toBe(true);
      expect(await approve.getAttribute('aria-describedby')).toBe('approve-four-eyes');

      // The platform administrator turns four eyes off on the admin page.
      const admin = await openTab(browser, server);
      tabs.push(admin);
      const session = (await signInEnrolled(server, 'platform@admin.example.eu')).cookie!;
      const [name, ...value] = session.split('=');
      await admin.context.addCookies([{ name: name!, value: value.join('='), url: server.url }]);
      await admin.page.goto(`${server.url}/admin/users`);
      const toggle = admin.page.getByRole('checkbox', { name: 'Four eyes on sitreps' });
      await toggle.waitFor(WAIT);
      expect(await toggle.isChecked()).toBe(true);
      // The box shows the setting the page holds, which React puts back until the change is under way: uncheck()
      // may read it in between and give up, so click, then wait for the server's answer and the box it leaves.
      await toggle.click();
      await admin.page.getByRole('status').getByText('Four eyes on sitreps is off').waitFor(WAIT);
      await expect.poll(() => toggle.isChecked(), { timeout: WAIT.timeout }).toBe(false);
      const audit = await admin.context.request.get(
        `${server.url}/api/audit?action=platform-setting.changed`,
      );
      expect((await audit.json()).items[0].details).toEqual({
        setting: 'sitrepFourEyes',
        from: true,
        to: false,
      });

      // The compiler now approves their own sitrep.
      await compiler.page.reload();
      await compiler.page.getByRole('button', { name: 'Approve and publish…' }).click();
      await compiler.page.getByRole('button', { name: 'Yes, publish SITREP 1' }).click();
      await compiler.page.getByRole('heading', { level: 1, name: /SITREP 1/ }).waitFor(WAIT);
      expect(await compiler.page.getByTestId('sitrep-four-eyes').count()).toBe(0);

      for (const tab of tabs) expect(tab.errors).toEqual([]);
    },
    JOURNEY_TIMEOUT,
  );
});
