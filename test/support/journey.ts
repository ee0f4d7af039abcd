// What most browser journeys set up the same way: a server, a coordinator for each organisation taking part,
// Chromium, signed-in tabs, and the incident the journey is about, reported through the API an hour ago.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Incident } from '../../src/incidents/model.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { JOURNEY_TIMEOUT, launchBrowser, openTab, type Tab } from './browser.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './server.js';

const HOUR = 3_600_000;

export interface JourneyOptions {
  /** The duty officers' mail domain: each journey its own, so none shares a user with another. */
  domain: string;
  /** One coordinator each, `coordinator.<organisation>@<domain>`, named "Duty officer <organisation>". */
  organisations: readonly string[];
  /** The clock the server runs on; the system clock otherwise. */
  clock?: ManualClock;
  env?: Record<string, string>;
}

export interface Journey {
  readonly server: TestServer;
  readonly browser: Browser;
  email(organisation: string): string;
  /** A tab signed in as the organisation's coordinator (or as the user of an address); closed with the journey. */
  tab(organisationOrEmail: string): Promise<Tab>;
  /** The API as the organisation's coordinator. */
  api(organisation: string): Promise<ApiClient>;
  /**
   * An incident reported by the organisation's coordinator, occurred an hour ago and significantly affecting the
   * reporter unless `report` says otherwise, and the address of its page.
   */
  report(
    organisation: string,
    report: { title: string } & Record<string, unknown>,
  ): Promise<{ incident: Incident; address: string }>;
  /** Closes the tabs opened so far, for a journey that goes on in fresh ones. */
  closeTabs(): Promise<void>;
}

/** Registers the set-up and tear-down of a describe block's journey; what it returns is ready inside the tests. */
export function browserJourney(options: JourneyOptions): Journey {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const tabs: Tab[] = [];
  const email = (organisation: string) => `coordinator.${organisation.toLowerCase()}@${options.domain}`;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined)
      throw new Error(`the journey's ${what} is not started yet (use it inside a test)`);
    return value;
  };
  const closeTabs = async () => {
    for (const tab of tabs.splice(0)) await tab.context.close().catch(() => {});
  };

  beforeAll(async () => {
    const started = await startTestServer({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    server = started;
    for (const organisation of options.organisations)
      await started.createUser({
        email: email(organisation),
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `Duty officer ${organisation}`,
      });
    browser = await launchBrowser();
  }, JOURNEY_TIMEOUT);

  afterAll(async () => {
    await closeTabs();
    await browser?.close();
    await server?.close();
  }, JOURNEY_TIMEOUT);

  const journey: Journey = {
    get server() {
      return ready(server, 'server');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    email,
    async tab(who) {
      const tab = await openTab(journey.browser, journey.server, {
        email: who.includes('@') ? who : email(who),
      });
      tabs.push(tab);
      return tab;
    },
    async api(organisation) {
      const client = new ApiClient(journey.server.url);
      await client.login(email(organisation), PASSWORD);
      return client;
    },
    async report(organisation, report) {
      const now = options.clock ? options.clock.now().getTime() : Date.now();
      const api = await journey.api(organisation);
      const created = await api.post<Incident>('/api/incidents', {
        reportedBy: organisation,
        occurredAt: new Date(now - HOUR).toISOString(),
        impacts: [{ memberState: organisation, level: 'significant' }],
        ...report,
      });
      if (created.status !== 201)
        throw new Error(`reporting "${report.title}": ${created.status} ${JSON.stringify(created.body)}`);
      return { incident: created.body, address: `${journey.server.url}/incidents/${created.body.id}` };
    },
    closeTabs,
  };
  return journey;
}
