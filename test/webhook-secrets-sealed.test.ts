import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook } from '../src/alerting/webhooks-model.js';
import type { Incident } from '../src/incidents/model.js';
import { createJobs } from '../src/jobs.js';
import { verifyWebhookSignature } from '../src/outbox/webhook.js';
import { migrateToLatest, migrationProvider, migrations } from '../src/platform/db/migrations.js';
import { engines, freshDatabase } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';

const SECRET = 'ee-national-system-shared-secret-0123456789';
const AUDIT_KEY = 'audit-key-of-this-test-0123456789abcdef';
const SEALING = '0035-webhook-secrets-sealed';
/** The migration just before the sealing one, whatever it is named. */
const BEFORE_SEALING = Object.keys(migrations)
  .sort()
  .filter((name) => name < SEALING)
  .at(-1)!;

async function startReceiver() {
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/blueprint-events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function rawDatabase(database: { dataDir: string; databaseUrl?: string }): Kysely<unknown> {
  return database.databaseUrl
    ? new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.databaseUrl }) }),
      })
    : new Kysely<unknown>({
        dialect: new SqliteDialect({ database: new SQLite(path.join(database.dataDir, 'blueprint.db')) }),
      });
}

const signedWith = (secret: string, delivered: { headers: http.IncomingHttpHeaders; body: string }) =>
  verifyWebhookSignature(
    secret,
    String(delivered.headers['blueprint-timestamp']),
    delivered.body,
    String(delivered.headers['blueprint-signature']),
  );

describe.each(engines())('webhook secrets at rest on %s', (engine) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver?.close());

  const people = async (server: TestServer) => {
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    return fi;
  };
  const report = async (fi: ApiClient, title: string) => {
    const created = await fi.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    expect(created.status).toBe(201);
  };

  it('keeps a registered secret sealed in its row, and still signs deliveries with it', async () => {
    const server = await startTestServer({ engine, env: { ALERT_BATCH_SECONDS: '0' } });
    try {
      const fi = await people(server);
      await server.createUser({
        email: 'ee-admin@example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'org-admin',
      });
      const eeAdmin = await signInEnrolled(server, 'ee-admin@example.eu');
      const created = await eeAdmin.post<Webhook>('/api/webhooks', { url: receiver.url, secret: SECRET });
      expect(created.status).toBe(201);

      const row = await server.platform.db.kysely
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(SECRET);
      expect(row.secret).toMatch(/^aes-256-gcm:/);

      const before = receiver.received.length;
      await report(fi, 'Estlink cable fault');
      await createJobs(server.platform).runDue();
      expect(receiver.received).toHaveLength(before + 1);
      expect(signedWith(SECRET, receiver.received.at(-1)!)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it(`${SEALING} seals the secrets stored before it, which go on signing deliveries`, async () => {
    const database = await freshDatabase(engine);
    const raw = rawDatabase(database);
    try {
      const before = await new Migrator({ db: raw, provider: migrationProvider() }).migrateTo(BEFORE_SEALING);
      expect(before.error).toBeUndefined();
      await sql`insert into webhooks (id, organisation, url, secret, triggers, created_at, created_by_user_id,
          consecutive_failures)
        values ('w1', 'EE', ${receiver.url}, ${SECRET}, '["incident-reported"]', '2026-11-30T08:00:00Z', 'u1', 0)`.execute(
        raw,
      );
      // Without the audit key the plain secrets cannot be sealed: the migration refuses rather than leave them.
      await expect(migrateToLatest(raw)).rejects.toThrow(SEALING);
      const stillPlain = await sql<{ secret: string }>`select secret from webhooks where id = 'w1'`.execute(
        raw,
      );
      expect(stillPlain.rows[0]!.secret).toBe(SECRET);
    } finally {
      await raw.destroy();
    }

    const server = await startTestServer({
      engine,
      sharing: database,
      env: { AUDIT_KEY, ALERT_BATCH_SECONDS: '0' },
    });
    try {
      const sealed = await server.platform.db.kysely
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', 'w1')
        .executeTakeFirstOrThrow();
      expect(sealed.secret).not.toContain(SECRET);
      expect(sealed.secret).toMatch(/^aes-256-gcm:/);

      const fi = await people(server);
      const delivered = receiver.received.length;
      await report(fi, 'Gas compressor trip');
      await createJobs(server.platform).runDue();
      expect(receiver.received).toHaveLength(delivered + 1);
      expect(signedWith(SECRET, receiver.received.at(-1)!)).toBe(true);
    } finally {
      await server.close();
      fs.rmSync(database.dataDir, { recursive: true, force: true });
    }
  });
});
