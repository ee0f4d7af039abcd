/**
 * `npm run bench`: the platform's figures, each as a ratio against a baseline measured in the same run on the same
 * machine, so they compare across machines. Runs on SQLite in a temporary folder; nothing is left behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { Bench } from 'tinybench';
import { createUser } from '../src/accounts/flows.js';
import { assessIncident } from '../src/blueprint/rules.js';
import { IncidentReport } from '../src/incidents/model.js';
import { loadConfig } from '../src/platform/config.js';
import { MEMBER_STATES } from '../src/registry/countries.js';
import { closePlatform, createApp, openPlatform } from '../src/server.js';
import { readEntry } from '../src/sharing/entries.js';
import { isAllowed } from '../src/sharing/policy.js';
import { ApiClient } from '../test/support/server.js';
import { SseClient } from '../test/support/sse.js';
import { fanout } from './fanout.js';
import { queryCounts } from './queries.js';
import { searchAtScale } from './search.js';
import { writes } from './writes.js';

const PASSWORD = 'bench pass phrase for figures';
const lines: string[] = [];
const report = (label: string, value: string) => {
  lines.push(`${label.padEnd(58)} ${value}`);
  console.log(`${label.padEnd(58)} ${value}`);
};

async function rules() {
  const big = IncidentReport.parse({
    title: 'Benchmark',
    reportedBy: 'FI',
    occurredAt: '2026-11-28T08:00:00Z',
    entities: Array.from({ length: 40 }, (_, i) => ({
      name: `Entity ${i}`,
      sector: 'energy',
      memberStatesServed: MEMBER_STATES.slice(0, (i % 10) + 1).map((s) => s.code),
      significantlyDisrupted: i % 3 === 0,
    })),
    impacts: MEMBER_STATES.flatMap((s) => [
      { memberState: s.code, level: 'significant', assessedBy: s.code },
      { memberState: s.code, level: 'minor' },
    ]),
  });
  const text = JSON.stringify(big);
  const reach = {
    authorUserId: 'a',
    authorOrg: 'FI',
    marking: 'TLP:AMBER',
    audience: ['FI', 'DE', 'EE'],
    groupMembers: ['LV'],
    recipients: [],
    releasableToNato: false,
    presidency: null,
  };
  const reader = { userId: 'r', organisation: 'LV', role: 'viewer' as const, email: 'r@lv.example' };
  const bench = new Bench({ time: 500 });
  bench
    .add('baseline: JSON round trip of a 27-state report', () => JSON.parse(text))
    .add('assessIncident on a 27-state, 40-entity report', () => assessIncident(big))
    .add('baseline: Array.includes over 3 organisations', () => reach.audience.includes(reader.organisation))
    .add('readEntry access decision', () => isAllowed(readEntry, reader, reach));
  await bench.run();
  const mean = (name: string) =>
    (bench.tasks.find((t) => t.name === name)!.result as unknown as { latency: { mean: number } }).latency
      .mean;
  report(
    'assessIncident / JSON round trip (time ratio)',
    (
      mean('assessIncident on a 27-state, 40-entity report') /
      mean('baseline: JSON round trip of a 27-state report')
    ).toFixed(2),
  );
  report(
    'assessIncident mean',
    `${(mean('assessIncident on a 27-state, 40-entity report') * 1000).toFixed(1)} µs`,
  );
  report(
    'readEntry decision / Array.includes (time ratio)',
    (mean('readEntry access decision') / mean('baseline: Array.includes over 3 organisations')).toFixed(2),
  );
}

async function http() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    API_RATE_LIMIT_PER_MINUTE: '0',
  });
  const platform = await openPlatform(config, { logger: pino({ level: 'silent' }) });
  const app = await createApp(platform);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    for (const [email, organisation] of [
      ['fi@bench.example', 'FI'],
      ['de@bench.example', 'DE'],
    ] as const) {
      await createUser(platform, null, {
        email,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: email,
      });
    }
    const fi = new ApiClient(url);
    await fi.login('fi@bench.example', PASSWORD);
    const de = new ApiClient(url);
    await de.login('de@bench.example', PASSWORD);
    const incident = (
      await fi.post<{ id: string }>('/api/incidents', {
        title: 'Bench',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const started = Date.now();
    for (let i = 0; i < 1000; i++) {
      await fi.post(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: `note ${i}`,
        marking: i % 3 === 0 ? 'TLP:AMBER' : 'TLP:GREEN',
        audience: i % 2 === 0 ? ['FI', 'DE'] : ['FI'],
      });
    }
    const perWrite = (Date.now() - started) / 1000;

    const run = (pathname: string, cookie?: string) =>
      autocannon({
        url: `${url}${pathname}`,
        connections: 10,
        duration: 3,
        headers: cookie ? { cookie } : {},
      });
    const health = await run('/api/health');
    const list = await run(`/api/incidents/${incident.id}/entries`, de.cookie!);
    report(
      'GET /api/health (baseline)',
      `${Math.round(health.requests.average)} req/s, p99 ${health.latency.p99} ms`,
    );
    report(
      'GET entries of a 1,000-entry incident as DE',
      `${Math.round(list.requests.average)} req/s, p99 ${list.latency.p99} ms`,
    );
    report(
      'entries list throughput / health (ratio)',
      (list.requests.average / health.requests.average).toFixed(3),
    );
    report('one audited, fsynced write (POST entry), sequential mean', `${perWrite.toFixed(1)} ms`);

    // Write to screen: from the POST until DE's stream delivers the entry.
    const stream = new SseClient(`${url}/api/stream`, { cookie: de.cookie! });
    await stream.open();
    const delays: number[] = [];
    const pings: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      await fetch(`${url}/api/health`);
      pings.push(performance.now() - t0);
      const t1 = performance.now();
      const posted = await fi.post<{ id: string }>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: `live ${i}`,
        marking: 'TLP:GREEN',
        audience: ['FI', 'DE'],
      });
      await stream.waitFor((e) => e.event === 'entry' && (e.data as { id: string }).id === posted.body.id);
      delays.push(performance.now() - t1);
    }
    stream.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
    report(
      'write to stream delivery, median / p95',
      `${median(delays).toFixed(1)} ms / ${p95(delays).toFixed(1)} ms`,
    );
    report(
      'write-to-stream median / health round trip median (ratio)',
      (median(delays) / median(pings)).toFixed(1),
    );
  } finally {
    await app.close();
    await closePlatform(platform);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npm run bench -- --only=writes,queries` runs only the parts named (rules, http, queries, search, writes, fanout).
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const part = (name: string) => !only || only.includes(name);

console.log(`Blueprint benchmarks on ${os.cpus().length} cores, Node ${process.version}\n`);
if (part('rules')) await rules();
if (part('http')) await http();
if (part('queries')) await queryCounts();
if (part('search')) await searchAtScale();
if (part('writes')) await writes();
if (part('fanout')) {
  // Fewer streams first: the small run shows the shape when the large one is limited by this machine.
  await fanout(100, 10, 5);
  await fanout(1000, 50, 5);
}
