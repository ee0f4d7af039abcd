/**
 * `npm run bench:browser`: what a duty officer's screen does, in headless Chromium against the built web app.
 * - write to screen: from a POST by FI until the note is on DE's open incident page, against the same page's
 *   own round trip for a small API call (baseline);
 * - a heavy incident (27 affected states, 10,000 entries): first render of the incident page and the longest task
 *   blocking the main thread while it loads and while the reader filters the log, against an incident with one
 *   entry (baseline).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createUser } from '../src/accounts/flows.js';
import { postEntry } from '../src/entries/flows.js';
import { reportIncident } from '../src/incidents/flows.js';
import { IncidentReport } from '../src/incidents/model.js';
import type { Actor } from '../src/platform/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { MEMBER_STATES } from '../src/registry/countries.js';
import { closePlatform, createApp, openPlatform } from '../src/server.js';
import { ApiClient } from '../test/support/server.js';

const PASSWORD = 'bench pass phrase for figures';
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);

function line(label: string, value: string) {
  console.log(`${label.padEnd(62)} ${value}`);
}

async function signIn(browser: Browser, url: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
  return page;
}

/** Opens an incident page, returning the time until its title shows and the longest main-thread task meanwhile. */
async function openIncident(page: Page, url: string, id: string, title: string) {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      // Node's types know only Node's entry types; in Chromium the page runs this and 'longtask' exists.
    }).observe({ type: 'longtask' as 'mark', buffered: true });
  });
  const t0 = Date.now();
  await page.goto(`${url}/incidents/${id}`);
  await page.getByRole('heading', { name: title }).first().waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const firstRender = Date.now() - t0;
  const longest = await page.evaluate(() => (globalThis as unknown as { __longest: number }).__longest);
  return { firstRender, longest };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-bench-browser-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    // Seeding 10,000 entries through the API is one client far above any person's pace.
    API_RATE_LIMIT_PER_MINUTE: '0',
  });
  const platform = await openPlatform(config, { logger: pino({ level: 'silent' }) });
  const app = await createApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const users: Record<string, Actor> = {};
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
    ] as const) {
      const u = await createUser(platform, null, {
        email: `${key}@bench.example`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: key,
      });
      users[key] = {
        userId: u.id,
        email: u.email,
        displayName: key,
        organisation,
        role: 'coordinator',
        via: 'cli',
      };
    }
    const small = await reportIncident(
      platform,
      users.fi!,
      IncidentReport.parse({
        title: 'Small incident',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
        impacts: [{ memberState: 'FI', level: 'minor' }],
      }),
    );
    const heavy = await reportIncident(
      platform,
      users.fi!,
      IncidentReport.parse({
        title: 'Heavy incident',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
        impacts: MEMBER_STATES.map((s) => ({ memberState: s.code, level: 'significant' })),
      }),
    );
    const seedStart = Date.now();
    for (let i = 0; i < ENTRIES; i++) {
      await postEntry(platform, users.fi!, heavy.id, {
        kind: 'note',
        text: `Situation note ${i}: grid frequency and cable repair status for the operations room.`,
        marking: i % 4 === 0 ? 'TLP:AMBER' : 'TLP:GREEN',
        audience: i % 4 === 0 ? ['FI', 'DE'] : undefined,
        releasableToNato: false,
        withheld: [],
      });
    }
    line(`seeded ${ENTRIES} entries`, `${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const de = await signIn(browser, url, 'de@bench.example');
    const baseline = await openIncident(de, url, small.id, 'Small incident');
    const heavyRun = await openIncident(de, url, heavy.id, 'Heavy incident');
    line(
      'first render, 1-entry incident (baseline)',
      `${baseline.firstRender} ms, longest task ${baseline.longest.toFixed(0)} ms`,
    );
    line(
      `first render, 27 states and ${ENTRIES} entries`,
      `${heavyRun.firstRender} ms, longest task ${heavyRun.longest.toFixed(0)} ms`,
    );
    line(
      'first render ratio heavy / baseline',
      (heavyRun.firstRender / Math.max(1, baseline.firstRender)).toFixed(1),
    );

    // Write to screen, on the small incident, as seen by DE.
    await de.goto(`${url}/incidents/${small.id}`);
    await de.getByRole('heading', { name: 'Small incident' }).first().waitFor();
    const fi = new ApiClient(url);
    await fi.login('fi@bench.example', PASSWORD);
    const delays: number[] = [];
    const rtts: number[] = [];
    for (let i = 0; i < 20; i++) {
      rtts.push(
        await de.evaluate(async () => {
          const t = performance.now();
          await fetch('/api/health');
          return performance.now() - t;
        }),
      );
      const text = `Live measurement ${i} ${Date.now()}`;
      const t0 = Date.now();
      await fi.post(`/api/incidents/${small.id}/entries`, { kind: 'note', text, marking: 'TLP:GREEN' });
      await de.getByText(text).first().waitFor({ timeout: 30_000 });
      delays.push(Date.now() - t0);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    line(
      'write to screen (POST until visible on another page), median',
      `${median(delays)} ms (max ${Math.max(...delays)} ms)`,
    );
    line('same page: API round trip median (baseline)', `${median(rtts).toFixed(1)} ms`);
    line('write-to-screen / round trip (ratio)', (median(delays) / Math.max(0.1, median(rtts))).toFixed(1));
  } finally {
    await browser.close();
    await app.close();
    await closePlatform(platform);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
