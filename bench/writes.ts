/**
 * P2, writes under load: POST entries on 32 connections, against a bare Fastify server doing one durable SQLite
 * insert per request (WAL, synchronous=FULL, like the platform) measured in the same run; on PostgreSQL also against
 * bare Fastify doing one durable PostgreSQL insert per request on the same cluster.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { type BenchServer, report, signIn, startBenchServer, startPostgres } from './harness.js';

const CONNECTIONS = 32;
const SECONDS = 5;

async function bareBaseline() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-bench-bare-'));
  const db = new SQLite(path.join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table notes (id integer primary key, body text not null, created_at text not null)');
  const insert = db.prepare('insert into notes (body, created_at) values (?, ?)');
  const app = Fastify();
  app.post('/notes', async (request, reply) => {
    insert.run(JSON.stringify(request.body), new Date().toISOString());
    return reply.code(201).send({ ok: true });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/notes`;
  try {
    return await autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'note', text: 'bench', marking: 'TLP:GREEN' }),
    });
  } finally {
    await app.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL twin of the baseline: bare Fastify, one durable insert per request on a pool like the platform's. */
async function barePostgresBaseline(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(
    'create table bare_notes (id bigserial primary key, body text not null, created_at text not null)',
  );
  const app = Fastify();
  app.post('/notes', async (request, reply) => {
    await pool.query('insert into bare_notes (body, created_at) values ($1, $2)', [
      JSON.stringify(request.body),
      new Date().toISOString(),
    ]);
    return reply.code(201).send({ ok: true });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  try {
    return await autocannon({
      url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/notes`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'note', text: 'bench', marking: 'TLP:GREEN' }),
    });
  } finally {
    await app.close();
    await pool.query('drop table bare_notes');
    await pool.end();
  }
}

/** Every write with its own Idempotency-Key, as the web sends them. */
function keyedRequests(): autocannon.Request[] {
  let n = 0;
  return [
    {
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, 'idempotency-key': `bench-${process.pid}-${++n}` },
      }),
    },
  ];
}

async function platformWrites(server: BenchServer, openStreams: number, keyed = false) {
  // Runs on PostgreSQL share one database: each has its own accounts.
  const run = `${openStreams}${keyed ? '-keyed' : ''}`;
  await server.user(`writer-${run}@bench.example`, 'FI', 'coordinator');
  await server.user(`watcher-${run}@bench.example`, 'DE', 'viewer');
  const cookie = await signIn(server.url, `writer-${run}@bench.example`);
  const watcher = await signIn(server.url, `watcher-${run}@bench.example`);
  const created = await fetch(`${server.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title: 'Bench: writes', reportedBy: 'FI', occurredAt: '2026-11-28T08:00:00Z' }),
  });
  const incident = (await created.json()) as { id: string };
  const streams: http.ClientRequest[] = [];
  for (let i = 0; i < openStreams; i++) {
    streams.push(
      http.get(`${server.url}/api/stream`, { headers: { cookie: watcher }, agent: false }, (res) =>
        res.resume(),
      ),
    );
  }
  if (openStreams > 0) await new Promise((r) => setTimeout(r, 1000));
  try {
    const result = await autocannon({
      url: `${server.url}/api/incidents/${incident.id}/entries`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        kind: 'note',
        text: 'bench note',
        marking: 'TLP:GREEN',
        audience: ['FI', 'DE'],
      }),
      ...(keyed ? { requests: keyedRequests() } : {}),
    });
    const failed = result.non2xx + result.errors;
    return { result, failed };
  } finally {
    for (const s of streams) s.destroy();
  }
}

export async function writes() {
  const bare = await bareBaseline();
  report(
    `P2 bare Fastify + durable SQLite insert, ${CONNECTIONS} connections (baseline)`,
    `${Math.round(bare.requests.average)}/s, p99 ${bare.latency.p99} ms`,
  );
  for (const [streams, keyed] of [
    [0, false],
    [500, false],
    [0, true],
  ] as const) {
    const server = await startBenchServer();
    try {
      const { result, failed } = await platformWrites(server, streams, keyed);
      report(
        `P2 POST entries on SQLite, ${CONNECTIONS} connections, ${keyed ? 'each with an Idempotency-Key' : `${streams} streams open`}`,
        `${Math.round(result.requests.average)}/s, p99 ${result.latency.p99} ms, ${failed} failed; ${(result.requests.average / bare.requests.average).toFixed(2)} of baseline`,
      );
    } finally {
      await server.close();
    }
  }
  const pg = await startPostgres();
  if (!pg) {
    report('P2 POST entries on PostgreSQL', 'skipped: no PostgreSQL binaries');
    return;
  }
  try {
    const barePg = await barePostgresBaseline(pg.url);
    report(
      `P2 bare Fastify + durable PostgreSQL insert, ${CONNECTIONS} connections (baseline)`,
      `${Math.round(barePg.requests.average)}/s, p99 ${barePg.latency.p99} ms`,
    );
    for (const keyed of [false, true]) {
      const server = await startBenchServer(pg.url);
      try {
        const { result, failed } = await platformWrites(server, 0, keyed);
        report(
          `P2 POST entries on PostgreSQL, ${CONNECTIONS} connections${keyed ? ', each with an Idempotency-Key' : ''}`,
          `${Math.round(result.requests.average)}/s, p99 ${result.latency.p99} ms, ${failed} failed; ${(result.requests.average / bare.requests.average).toFixed(2)} of the SQLite baseline, ${(result.requests.average / barePg.requests.average).toFixed(2)} of the PostgreSQL one`,
        );
      } finally {
        await server.close();
      }
    }
  } finally {
    pg.stop();
  }
}
