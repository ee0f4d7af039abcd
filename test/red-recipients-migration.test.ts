// Migration '0008-red-recipients' on a database written before it: TLP:RED recipients stored as addresses become
// the accounts that held them when the reach was written; an address with no such account gives nobody access.
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { getVisibleEntryIds } from '../src/entries/store.js';
import { migrateToLatest, migrations } from '../src/platform/db/migrations.js';
import type { Database } from '../src/platform/db/schema.js';
import { engines, freshDatabase } from './support/engines.js';

const BEFORE = '0008-red-recipients';

describe.each(engines())('migrating TLP:RED recipients to accounts on %s', (engine) => {
  let db: Kysely<Database> | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it('keeps access for accounts that existed when the reach was written, and for nobody else', async () => {
    const fresh = await freshDatabase(engine);
    db = new Kysely<Database>({
      dialect: fresh.databaseUrl
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.databaseUrl, max: 2 }) })
        : new SqliteDialect({ database: new SQLite(path.join(fresh.dataDir, 'blueprint.db')) }),
    });
    // The schema as it was before the migration.
    const earlier: Record<string, Migration> = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name < BEFORE),
    );
    const { error } = await new Migrator({
      db: db as Kysely<unknown>,
      provider: { getMigrations: async () => earlier },
    }).migrateToLatest();
    expect(error).toBeUndefined();

    const user = (id: string, email: string, createdAt: string, organisation = 'DE') => ({
      id,
      email,
      display_name: id,
      organisation,
      role: 'coordinator',
      password_hash: 'not-a-hash',
      active: 1,
      on_duty: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      failed_logins: 0,
      locked_until: null,
      language: 'en',
      time_zone: 'Europe/Brussels',
      created_at: createdAt,
      last_login_at: null,
    });
    await db
      .insertInto('users')
      .values([
        user('author', 'author@fi.example.eu', '2026-01-01T00:00:00.000Z', 'FI'),
        user('named', 'named@de.example.eu', '2026-01-01T00:00:00.000Z'),
        // Registered after the entry named the address: exactly the takeover the migration must not cement.
        user('late', 'late@de.example.eu', '2026-06-01T00:00:00.000Z'),
      ])
      .execute();
    const at = '2026-03-01T00:00:00.000Z';
    await db
      .insertInto('incidents')
      .values({
        id: 'inc',
        title: 'Cable cut',
        reported_by: 'FI',
        occurred_at: at,
        created_at: at,
        last_activity_at: at,
        exercise: 0,
        releasable_to_nato: 0,
        status: 'below-threshold',
        assessment: '{}',
      })
      .execute();
    const addresses = ['named@de.example.eu', 'late@de.example.eu', 'nobody@de.example.eu'];
    await db
      .insertInto('entries')
      .values({
        id: 'red',
        seq: 1,
        incident_id: 'inc',
        kind: 'note',
        author_user_id: 'author',
        author_org: 'FI',
        created_at: at,
        marking: 'TLP:RED',
        audience: '[]',
        recipients: JSON.stringify(addresses),
        releasable_to_nato: 0,
        body: '{"text":"vessel"}',
        supersedes: null,
      })
      .execute();
    await db
      .insertInto('entry_reach')
      .values({
        entry_id: 'red',
        marking: 'TLP:RED',
        audience: '[]',
        recipients: JSON.stringify(addresses),
        sharing_group_id: null,
        releasable_to_nato: 0,
        changed_at: at,
        changed_by_entry: null,
      })
      .execute();
    // The rows as they were: an address, no account.
    await (db as unknown as Kysely<{ entry_recipients: { entry_id: string; email: string } }>)
      .insertInto('entry_recipients')
      .values(addresses.map((email) => ({ entry_id: 'red', email })))
      .execute();
    await db
      .insertInto('attachments')
      .values({
        id: 'file',
        entry_id: 'red',
        file_name: 'track.txt',
        content_type: 'text/plain',
        size: 5,
        sha256: '0'.repeat(64),
        marking: 'TLP:RED',
        audience: JSON.stringify({
          audience: [],
          recipients: ['named@de.example.eu', 'late@de.example.eu'],
          releasableToNato: false,
        }),
        content: 'dHJhY2s=',
        created_at: at,
      })
      .execute();

    await migrateToLatest(db as Kysely<unknown>);

    const rows = await db
      .selectFrom('entry_recipients')
      .select(['email', 'user_id'])
      .orderBy('email')
      .execute();
    expect(rows).toEqual([
      { email: 'late@de.example.eu', user_id: null },
      { email: 'named@de.example.eu', user_id: 'named' },
      { email: 'nobody@de.example.eu', user_id: null },
    ]);
    const reach = await db.selectFrom('entry_reach').select('recipients').executeTakeFirstOrThrow();
    expect(JSON.parse(reach.recipients)).toEqual([{ userId: 'named', email: 'named@de.example.eu' }]);
    const file = await db.selectFrom('attachments').select('audience').executeTakeFirstOrThrow();
    expect(JSON.parse(file.audience)).toEqual({
      audience: [],
      recipients: [{ userId: 'named', email: 'named@de.example.eu' }],
      releasableToNato: false,
    });
    // The entry as the read paths filter it.
    const reader = (userId: string) => ({ userId, organisation: 'DE', role: 'coordinator' as const });
    expect(await getVisibleEntryIds(db, reader('named'))).toEqual(['red']);
    expect(await getVisibleEntryIds(db, reader('late'))).toEqual([]);
  });
});
