/**
 * P1, the live picture at crisis scale: many open streams of many organisations while entries with mixed
 * audiences arrive at a steady rate. Every delivery is checked against who may see the entry (leaks and misses
 * counted), and the delay from POST to arrival is compared with a bare SSE broadcast (no policy, no database)
 * driven by the same clients in the same run.
 */
import http from 'node:http';
import { PARTICIPATING_ORGANISATIONS } from '../src/registry/organisations.js';
import { type BenchServer, percentile, report, signIn, startBenchServer } from './harness.js';

const ORGANISATIONS = [
  ...PARTICIPATING_ORGANISATIONS.filter((o) => o.id.length === 2).map((o) => o.id),
  'ERCC',
  'EEAS',
  'ENISA',
];
const WRITERS = ['FI', 'DE', 'EE', 'ERCC'];

const clock = () => performance.timeOrigin + performance.now();

interface Received {
  stream: number;
  entryId: string;
  delay: number;
}

/** A lean SSE reader: parses only `entry` events and notes when each arrived. */
function openStream(
  url: string,
  headers: Record<string, string>,
  index: number,
  sink: Received[],
  sentAt: Map<string, number>,
): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream ${index}: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          if (!block.startsWith('event: entry\n')) continue;
          const data = block.slice(block.indexOf('data: ') + 6);
          const entry = JSON.parse(data) as { id: string; body?: { text?: string } };
          const marker = /#(\w+)/.exec(entry.body?.text ?? '')?.[1];
          const at = marker ? sentAt.get(marker) : undefined;
          if (marker && at !== undefined) sink.push({ stream: index, entryId: marker, delay: clock() - at });
        }
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

interface Plan {
  marker: string;
  author: string;
  marking: string;
  audience?: string[];
  recipients?: string[];
  /** Organisations whose viewers may see it (author's organisation included), or one person for RED. */
  allowedOrgs: Set<string>;
  allowedPerson?: string;
}

function planEntries(count: number): Plan[] {
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const author = WRITERS[i % WRITERS.length]!;
    const marker = `m${i}`;
    const shape = i % 5;
    if (shape === 0 || shape === 1) {
      plans.push({ marker, author, marking: 'TLP:GREEN', allowedOrgs: new Set(ORGANISATIONS) });
    } else if (shape === 2) {
      const audience = ['FI', 'DE', 'EE', 'LV', 'LT'];
      plans.push({
        marker,
        author,
        marking: 'TLP:AMBER',
        audience,
        allowedOrgs: new Set([author, ...audience]),
      });
    } else if (shape === 3) {
      const audience = ORGANISATIONS.filter((_, k) => (k + i) % 3 === 0);
      plans.push({
        marker,
        author,
        marking: 'TLP:AMBER',
        audience,
        allowedOrgs: new Set([author, ...audience]),
      });
    } else {
      const person = `viewer.${ORGANISATIONS[i % ORGANISATIONS.length]!.toLowerCase()}@bench.example`;
      plans.push({
        marker,
        author,
        marking: 'TLP:RED',
        recipients: [person],
        allowedOrgs: new Set(),
        allowedPerson: person,
      });
    }
  }
  return plans;
}

async function pace(count: number, perSecond: number, fire: (i: number) => Promise<void>) {
  const interval = 1000 / perSecond;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(fire(i));
  }
  await Promise.all(pending);
}

async function settle(sink: Received[], expected: number, graceMs: number) {
  const deadline = performance.now() + graceMs;
  while (sink.length < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** The platform: real sessions, real policy, real database. */
async function platformRun(subscribers: number, perSecond: number, seconds: number) {
  const server: BenchServer = await startBenchServer();
  try {
    for (const org of ORGANISATIONS)
      await server.user(`viewer.${org.toLowerCase()}@bench.example`, org, 'viewer');
    for (const org of WRITERS)
      await server.user(`writer.${org.toLowerCase()}@bench.example`, org, 'coordinator');
    const viewerCookies = new Map<string, string>();
    for (const org of ORGANISATIONS)
      viewerCookies.set(org, await signIn(server.url, `viewer.${org.toLowerCase()}@bench.example`));
    const writerCookies = new Map<string, string>();
    for (const org of WRITERS)
      writerCookies.set(org, await signIn(server.url, `writer.${org.toLowerCase()}@bench.example`));

    const post = async (cookie: string, pathname: string, body: unknown) => {
      const res = await fetch(`${server.url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const incident = await post(writerCookies.get('FI')!, '/api/incidents', {
      title: 'Bench: crisis fan-out',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00Z',
    });

    const sink: Received[] = [];
    const sentAt = new Map<string, number>();
    const streamOrg: string[] = [];
    const streams: http.ClientRequest[] = [];
    for (let s = 0; s < subscribers; s++) {
      const org = ORGANISATIONS[s % ORGANISATIONS.length]!;
      streamOrg.push(org);
      streams.push(
        await openStream(`${server.url}/api/stream`, { cookie: viewerCookies.get(org)! }, s, sink, sentAt),
      );
    }
    await new Promise((r) => setTimeout(r, 500));

    const plans = planEntries(perSecond * seconds);
    let expected = 0;
    for (const p of plans) {
      for (const org of streamOrg) {
        const person = `viewer.${org.toLowerCase()}@bench.example`;
        if (p.allowedPerson ? p.allowedPerson === person : p.allowedOrgs.has(org)) expected++;
      }
    }
    await pace(plans.length, perSecond, async (i) => {
      const p = plans[i]!;
      sentAt.set(p.marker, clock());
      await post(writerCookies.get(p.author)!, `/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: `bench entry #${p.marker}`,
        marking: p.marking,
        ...(p.audience ? { audience: p.audience } : {}),
        ...(p.recipients ? { recipients: p.recipients } : {}),
      });
    });
    const windowEnd = clock();
    await settle(sink, expected, 10_000);
    const inWindow = sink.filter((r) => sentAt.get(r.entryId)! + r.delay <= windowEnd + 1000).length;

    const byMarker = new Map(plans.map((p) => [p.marker, p]));
    let leaks = 0;
    for (const r of sink) {
      const p = byMarker.get(r.entryId)!;
      const org = streamOrg[r.stream]!;
      const person = `viewer.${org.toLowerCase()}@bench.example`;
      const allowed = p.allowedPerson ? p.allowedPerson === person : p.allowedOrgs.has(org);
      if (!allowed) leaks++;
    }
    for (const s of streams) s.destroy();
    const delays = sink.map((r) => r.delay);
    return {
      expected,
      delivered: sink.length - leaks,
      inWindow,
      leaks,
      p50: percentile(delays, 0.5),
      p99: percentile(delays, 0.99),
    };
  } finally {
    await server.close();
  }
}

/** The baseline: a bare Node SSE broadcast of an entry-sized payload to the same number of clients. */
async function baselineRun(subscribers: number, perSecond: number, seconds: number) {
  const clients = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (req.url === '/stream') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 3000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { marker } = JSON.parse(body) as { marker: string };
      const entry = JSON.stringify({
        id: marker,
        kind: 'note',
        marking: 'TLP:GREEN',
        audience: ORGANISATIONS,
        body: { text: `bench entry #${marker}`, withheld: [] },
        author: { organisation: 'FI', name: 'writer.fi@bench.example' },
        createdAt: new Date().toISOString(),
      });
      for (const c of clients) c.write(`event: entry\nid: 1\ndata: ${entry}\n\n`);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const sink: Received[] = [];
    const sentAt = new Map<string, number>();
    const streams: http.ClientRequest[] = [];
    for (let s = 0; s < subscribers; s++)
      streams.push(await openStream(`${url}/stream`, {}, s, sink, sentAt));
    await new Promise((r) => setTimeout(r, 500));
    const count = perSecond * seconds;
    await pace(count, perSecond, async (i) => {
      const marker = `m${i}`;
      sentAt.set(marker, clock());
      await fetch(`${url}/entries`, { method: 'POST', body: JSON.stringify({ marker }) });
    });
    await settle(sink, count * subscribers, 10_000);
    for (const s of streams) s.destroy();
    const delays = sink.map((r) => r.delay);
    return {
      expected: count * subscribers,
      delivered: sink.length,
      p50: percentile(delays, 0.5),
      p99: percentile(delays, 0.99),
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

export async function fanout(subscribers = 1000, perSecond = 50, seconds = 5) {
  const label = `P1 ${subscribers} streams × ${perSecond} entries/s, ${seconds} s`;
  const base = await baselineRun(subscribers, perSecond, seconds);
  report(
    `${label}: bare SSE broadcast (baseline)`,
    `${base.delivered}/${base.expected} delivered, p50 ${base.p50.toFixed(0)} ms, p99 ${base.p99.toFixed(0)} ms`,
  );
  const run = await platformRun(subscribers, perSecond, seconds);
  report(
    `${label}: platform`,
    `${run.delivered}/${run.expected} delivered (${run.inWindow} within 1 s of the window), ${run.leaks} leaks, p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms`,
  );
  const goal = Math.max(100, 2 * base.p99);
  report(`${label}: p99 / baseline p99 (goal p99 ≤ ${goal.toFixed(0)} ms)`, (run.p99 / base.p99).toFixed(1));
}
