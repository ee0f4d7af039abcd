import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { migrationAuditKey, runWithAuditKey } from './migration-keys.js';
import { sealPlainWebhookSecrets } from './seal-webhook-secrets.js';

// Written once for both engines with Kysely's schema builder; only portable column types are used.
export const migrations: Record<string, Migration> = {
  '0001-foundation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('on_duty', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_last_step', 'bigint')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Brussels'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .execute();
      await db.schema.createIndex('users_organisation').on('users').column('organisation').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await db.schema
        .createTable('contact_points')
        .addColumn('organisation', 'text', (c) => c.primaryKey())
        .addColumn('mailbox', 'text')
        .addColumn('phone', 'text')
        .addColumn('notes', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_activity_at', 'text', (c) => c.notNull())
        .addColumn('exercise', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('releasable_to_nato', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assessment', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_activity').on('incidents').column('last_activity_at').execute();

      await db.schema
        .createTable('entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull().unique())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('author_org', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('releasable_to_nato', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('supersedes', 'text', (c) => c.references('entries.id'))
        .execute();
      await db.schema.createIndex('entries_incident').on('entries').columns(['incident_id', 'seq']).execute();

      await db.schema
        .createTable('entry_audience')
        .addColumn('entry_id', 'text', (c) => c.notNull().references('entries.id'))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entry_audience_pk', ['entry_id', 'organisation'])
        .execute();
      await db.schema
        .createIndex('entry_audience_org')
        .on('entry_audience')
        .columns(['organisation', 'entry_id'])
        .execute();

      await db.schema
        .createTable('audit_records')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_org', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash, locked_at) values (1, 0, ${GENESIS_HASH}, ${new Date(0).toISOString()})`.execute(
        db,
      );

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key_hash', 'text', (c) => c.primaryKey())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-sharing': {
    async up(db: Kysely<unknown>) {
      // The effective reach of each entry: the latest of its creation and its reach changes. Entries themselves
      // never change; this projection is what every read path filters on.
      await db.schema
        .createTable('entry_reach')
        .addColumn('entry_id', 'text', (c) => c.primaryKey().references('entries.id'))
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('sharing_group_id', 'text')
        .addColumn('releasable_to_nato', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by_entry', 'text')
        .execute();
      await db.schema
        .createTable('entry_recipients')
        .addColumn('entry_id', 'text', (c) => c.notNull().references('entries.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('entry_recipients_pk', ['entry_id', 'email'])
        .execute();
      await db.schema
        .createIndex('entry_recipients_email')
        .on('entry_recipients')
        .columns(['email', 'entry_id'])
        .execute();

      await db.schema
        .createTable('sharing_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('hidden_membership', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sharing_group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('sharing_groups.id'))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sharing_group_members_pk', ['group_id', 'organisation'])
        .execute();

      await db.schema
        .createTable('access_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('access_log_entry').on('access_log').columns(['entry_id', 'at']).execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entry_id', 'text', (c) => c.notNull().references('entries.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003-workflow': {
    async up(db: Kysely<unknown>) {
      // Projections of the log that lists filter on; the log stays the source of truth.
      await db.schema
        .alterTable('incidents')
        .addColumn('blueprint_state', 'text', (c) => c.notNull().defaultTo('inactive'))
        .execute();
      await db.schema.alterTable('incidents').addColumn('activated_at', 'text').execute();
      await db.schema
        .alterTable('incidents')
        .addColumn('sectors', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .alterTable('incidents')
        .addColumn('member_states', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.alterTable('incidents').addColumn('merged_into', 'text').execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.references('incidents.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .execute();
      await db.schema
        .createIndex('notifications_org')
        .on('notifications')
        .columns(['organisation', 'created_at'])
        .execute();

      await db.schema
        .createTable('report_drafts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0004-sitreps': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sitreps')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('number', 'integer')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('nato', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('minimum_marking', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('contributors', 'text', (c) => c.notNull())
        .addColumn('contributions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_org', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_org', 'text')
        .addColumn('published_at', 'text')
        .addColumn('corrects', 'text')
        .addColumn('entry_id', 'text')
        .execute();
      await db.schema
        .createIndex('sitreps_incident')
        .on('sitreps')
        .columns(['incident_id', 'number'])
        .execute();
    },
  },
  '0005-display-tokens': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('display_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
    },
  },
  '0010-jobs': {
    async up(db: Kysely<unknown>) {
      // Everything that happens at a time: run once across instances, by whoever holds the lease.
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text')
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
      // A key names one job that is still to run; once done or failed, the same key may be scheduled again.
      await db.schema
        .createIndex('jobs_open_key')
        .on('jobs')
        .column('key')
        .unique()
        .where(sql.ref('state'), 'in', ['pending', 'running'])
        .execute();
      // The last scheduled or command-line check of the audit chain, which the audit viewer shows.
      await db.schema
        .createTable('audit_checks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .addColumn('intact', 'integer', (c) => c.notNull())
        .addColumn('records', 'integer', (c) => c.notNull())
        .addColumn('broken_seq', 'integer')
        .addColumn('broken_reason', 'text')
        .execute();
    },
  },
  '0009-stream-events': {
    async up(db: Kysely<unknown>) {
      // Positions only grow: every write takes the audit head's lock first, so they are handed out in commit order.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('stream_events')
        .addColumn('position', postgres ? 'bigserial' : 'integer', (c) =>
          postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('entry_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0008-red-recipients': {
    async up(db: Kysely<unknown>) {
      // TLP:RED access follows the account an address named when the reach was written, never the address: an
      // account registered later with that address must not inherit the entry.
      await db.schema
        .alterTable('entry_recipients')
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .execute();
      await db.schema
        .createIndex('entry_recipients_user')
        .on('entry_recipients')
        .columns(['user_id', 'entry_id'])
        .execute();
      // Backfill: an address counts as the account that holds it now only if that account already existed when
      // the reach was written; an account created afterwards may be exactly the takeover this closes. Rows with
      // no such account keep user_id null and so give nobody access (the author still sees the entry).
      const accounts = await sql<{ id: string; email: string; created_at: string }>`
        select id, lower(email) as email, created_at from users`.execute(db);
      const byEmail = new Map(accounts.rows.map((u) => [u.email, u]));
      const heldThen = (email: string, at: string) => {
        const u = byEmail.get(email.toLowerCase());
        return u && u.created_at <= at ? u : undefined;
      };
      const reaches = await sql<{ entry_id: string; recipients: string; changed_at: string }>`
        select entry_id, recipients, changed_at from entry_reach where recipients <> '[]'`.execute(db);
      for (const r of reaches.rows) {
        const resolved = [];
        for (const email of JSON.parse(r.recipients) as string[]) {
          const u = heldThen(email, r.changed_at);
          if (!u) continue;
          resolved.push({ userId: u.id, email: email.toLowerCase() });
          await sql`update entry_recipients set user_id = ${u.id}
            where entry_id = ${r.entry_id} and email = ${email.toLowerCase()}`.execute(db);
        }
        await sql`update entry_reach set recipients = ${JSON.stringify(resolved)}
          where entry_id = ${r.entry_id}`.execute(db);
      }
      // Attachments keep their reach in their own JSON column; their RED recipients become accounts the same way.
      const attachments = await sql<{ id: string; audience: string; created_at: string }>`
        select id, audience, created_at from attachments`.execute(db);
      for (const a of attachments.rows) {
        const reach = JSON.parse(a.audience) as { recipients?: unknown[] };
        const listed = (reach.recipients ?? []).filter((x): x is string => typeof x === 'string');
        if (listed.length === 0) continue;
        const recipients = listed.flatMap((email) => {
          const u = heldThen(email, a.created_at);
          return u ? [{ userId: u.id, email: email.toLowerCase() }] : [];
        });
        await sql`update attachments set audience = ${JSON.stringify({ ...reach, recipients })}
          where id = ${a.id}`.execute(db);
      }
    },
  },
  '0006-idempotency': {
    async up(db: Kysely<unknown>) {
      // What a repeat needs beyond the first answer: whether that answer is the bytes sent or still the operation's
      // result, its type, and whether the call issued a secret (then no answer is kept at all).
      await db.schema
        .alterTable('idempotency_keys')
        .addColumn('secret', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('idempotency_keys')
        .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('idempotency_keys').addColumn('content_type', 'text').execute();
      await db.schema.alterTable('idempotency_keys').addColumn('method', 'text').execute();
      await db.schema.alterTable('idempotency_keys').addColumn('path', 'text').execute();
      // Earlier answers of token and second-factor set-up calls kept the secret in clear. They are recognised by
      // their shape (a token's prefix, the authenticator URI), emptied, and marked so a repeat is refused.
      await sql`update idempotency_keys set response = '', secret = 1
        where response like '%"token":"bpt_%' or response like '%"token":"bpd_%'
          or response like '%"otpauthUri":%'`.execute(db);
    },
  },
  '0007-sign-in-limits': {
    async up(db: Kysely<unknown>) {
      // Sign-in counters per account (a hash of the typed e-mail) and per client address, shared by every instance.
      await db.schema
        .createTable('sign_in_limits')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_failure_at', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sign_in_limits_pk', ['kind', 'subject'])
        .execute();
      await db.schema
        .createIndex('sign_in_limits_updated')
        .on('sign_in_limits')
        .column('updated_at')
        .execute();
    },
  },
  '0011-attachment-index': {
    async up(db: Kysely<unknown>) {
      // Every entry read looks up its attachments: without this index each lookup scans the whole table.
      await db.schema.createIndex('attachments_entry').on('attachments').column('entry_id').execute();
    },
  },
  '0015-outbox-and-resets': {
    async up(db: Kysely<unknown>) {
      // Messages to the outside world (e-mail now, other channels later), written in the transaction of their cause
      // and delivered after its commit by a job, so a slow or absent mail server never holds a write back.
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbox_state').on('outbox').columns(['state', 'created_at']).execute();
      // Password-reset links: only a hash of the token is kept; a token is used once and expires.
      await db.schema
        .createTable('password_resets')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();
      // One-time recovery codes in place of an authenticator code, hashed with argon2.
      await db.schema
        .createTable('recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();
      // After an administrator resets a second factor, the user enrols again before doing anything else.
      await db.schema
        .alterTable('users')
        .addColumn('second_factor_required', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0013-cepes-register': {
    async up(db: Kysely<unknown>) {
      // The CEPES register ERCC keeps: each entry has its own marking and audience, since lists of critical
      // entities are sensitive; the audience is also a table so lists and searches filter in SQL.
      await db.schema
        .createTable('cepes_register')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('search_name', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('established_in', 'text')
        .addColumn('member_states_served', 'text', (c) => c.notNull())
        .addColumn('sectors', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('releasable_to_nato', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('cepes_register_search')
        .on('cepes_register')
        .column('search_name')
        .execute();
      await db.schema
        .createTable('cepes_register_audience')
        .addColumn('cepes_id', 'text', (c) => c.notNull().references('cepes_register.id').onDelete('cascade'))
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cepes_register_audience_pk', ['cepes_id', 'organisation'])
        .execute();
      await db.schema
        .createIndex('cepes_register_audience_org')
        .on('cepes_register_audience')
        .columns(['organisation', 'cepes_id'])
        .execute();
      // Which incidents reference a register entry, so a change of verdict reassesses exactly those.
      await db.schema
        .createTable('cepes_references')
        .addColumn('cepes_id', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cepes_references_pk', ['cepes_id', 'incident_id'])
        .execute();
    },
  },
  '0014-presidency-calendar': {
    async up(db: Kysely<unknown>) {
      // The Council's calendar as data an administrator extends; seeded with Council Decision (EU) 2016/1316.
      // Terms start on 1 January and 1 July at 00:00 Brussels time, written here as the UTC instants.
      await db.schema
        .createTable('presidency_terms')
        .addColumn('term', 'text', (c) => c.primaryKey())
        .addColumn('member_state', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull().unique())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text')
        .execute();
      const seed = [
        ['2024-H1', 'BE', '2023-12-31T23:00:00.000Z', '2024-06-30T22:00:00.000Z'],
        ['2024-H2', 'HU', '2024-06-30T22:00:00.000Z', '2024-12-31T23:00:00.000Z'],
        ['2025-H1', 'PL', '2024-12-31T23:00:00.000Z', '2025-06-30T22:00:00.000Z'],
        ['2025-H2', 'DK', '2025-06-30T22:00:00.000Z', '2025-12-31T23:00:00.000Z'],
        ['2026-H1', 'CY', '2025-12-31T23:00:00.000Z', '2026-06-30T22:00:00.000Z'],
        ['2026-H2', 'IE', '2026-06-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z'],
        ['2027-H1', 'LT', '2026-12-31T23:00:00.000Z', '2027-06-30T22:00:00.000Z'],
        ['2027-H2', 'GR', '2027-06-30T22:00:00.000Z', '2027-12-31T23:00:00.000Z'],
        ['2028-H1', 'IT', '2027-12-31T23:00:00.000Z', '2028-06-30T22:00:00.000Z'],
        ['2028-H2', 'LV', '2028-06-30T22:00:00.000Z', '2028-12-31T23:00:00.000Z'],
        ['2029-H1', 'LU', '2028-12-31T23:00:00.000Z', '2029-06-30T22:00:00.000Z'],
        ['2029-H2', 'NL', '2029-06-30T22:00:00.000Z', '2029-12-31T23:00:00.000Z'],
        ['2030-H1', 'SK', '2029-12-31T23:00:00.000Z', '2030-06-30T22:00:00.000Z'],
        ['2030-H2', 'MT', '2030-06-30T22:00:00.000Z', '2030-12-31T23:00:00.000Z'],
      ];
      for (const [term, state, startsAt, endsAt] of seed)
        await sql`insert into presidency_terms (term, member_state, starts_at, ends_at, added_at, added_by)
          values (${term}, ${state}, ${startsAt}, ${endsAt}, ${new Date(0).toISOString()}, null)`.execute(db);
      // Who holds the Presidency for the platform: changed by the term-change job at each boundary, in the same
      // transaction as the handover and the live event, so every read path and stream follows one holder.
      await db.schema
        .createTable('presidency_office')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('term', 'text')
        .addColumn('member_state', 'text')
        .addColumn('since', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into presidency_office (id, term, member_state, since) values (1, null, null, ${new Date(0).toISOString()})`.execute(
        db,
      );
    },
  },
  '0016-search-index': {
    async up(db: Kysely<unknown>) {
      // Search reads an index of text folded in code (src/platform/text/fold.ts), never a scan of every body. The
      // folded text is a shadow column beside what it was made from; null until written, so start-up can fold the
      // entries written before this migration. Fields withheld from readers outside the author's organisation are
      // left out of it. Incident titles are few and always shared: their folded copy is matched with LIKE.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema.alterTable('entries').addColumn('search_text', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('search_title', 'text').execute();
      // Search also renders the newest status changes for each reader, and every view loads an incident's facts by
      // kind: both found through an index, not by walking a log of 100,000 notes.
      await db.schema.createIndex('entries_kind_seq').on('entries').columns(['kind', 'seq']).execute();
      await db.schema
        .createIndex('entries_incident_kind')
        .on('entries')
        .columns(['incident_id', 'kind', 'seq'])
        .execute();
      if (postgres) {
        await sql`alter table entries add column search_vector tsvector generated always as (to_tsvector('simple', coalesce(search_text, ''))) stored`.execute(
          db,
        );
        await sql`create index entries_search on entries using gin (search_vector)`.execute(db);
        return;
      }
      // An external-content FTS5 index keyed by the entry's sequence number (a rowid can change on VACUUM): the text
      // lives once, in entries, and triggers keep the index in step.
      await sql`create virtual table entries_fts using fts5(search_text, content='entries', content_rowid='seq', tokenize='unicode61 remove_diacritics 0')`.execute(
        db,
      );
      await sql`create trigger entries_fts_insert after insert on entries when new.search_text is not null begin insert into entries_fts(rowid, search_text) values (new.seq, new.search_text); end`.execute(
        db,
      );
      await sql`create trigger entries_fts_update after update of search_text on entries begin insert into entries_fts(entries_fts, rowid, search_text) select 'delete', old.seq, old.search_text where old.search_text is not null; insert into entries_fts(rowid, search_text) select new.seq, new.search_text where new.search_text is not null; end`.execute(
        db,
      );
      await sql`create trigger entries_fts_delete after delete on entries when old.search_text is not null begin insert into entries_fts(entries_fts, rowid, search_text) values ('delete', old.seq, old.search_text); end`.execute(
        db,
      );
    },
  },
  '0017-platform-settings': {
    async up(db: Kysely<unknown>) {
      // Choices an administrator makes for the whole platform (for example four eyes on sitreps): one row per setting
      // that differs from its default, its value as JSON, and who set it when.
      await db.schema
        .createTable('platform_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0018-account-language': {
    async up(db: Kysely<unknown>) {
      // Whether the account chose its language: until it does, generated text follows the browser's Accept-Language.
      await db.schema
        .alterTable('users')
        .addColumn('language_chosen', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0019-eu-ask-availability': {
    async up(db: Kysely<unknown>) {
      // A member state's availability for EU asks (src/response/availability-*): one current row per state, its
      // changes in the audit chain.
      await db.schema
        .createTable('eu_ask_availability')
        .addColumn('member_state', 'text', (c) => c.primaryKey())
        .addColumn('availability', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addColumn('set_by_user_id', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0020-public-pages': {
    async up(db: Kysely<unknown>) {
      // An incident's public page (src/comms/public-*): reached by an unguessable token, never the incident id, so
      // the page leads nowhere else; switching it off keeps the token, so links handed out start working again.
      await db.schema
        .createTable('public_pages')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('public_id', 'text', (c) => c.notNull().unique())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('changed_at', 'text', (c) => c.notNull())
        .addColumn('changed_by_user_id', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0027-imports': {
    async up(db: Kysely<unknown>) {
      // Runs of `blueprint import` (src/interchange/): one row per file content, importing user and target, so that
      // importing the same file again writes nothing and answers with the first run's report.
      await db.schema
        .createTable('import_runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('import_runs_once', ['format', 'content_sha256', 'user_id', 'target'])
        .execute();
    },
  },
  '0026-escalation-roll-call': {
    async up(db: Kysely<unknown>) {
      // How long an organisation has to acknowledge an important alert before it escalates, and how old its last
      // reached contact-point check may be: one row for the platform ('*') and one per organisation that overrides.
      await db.schema
        .createTable('alerting_timings')
        .addColumn('scope', 'text', (c) => c.primaryKey())
        .addColumn('acknowledge_within_minutes', 'integer')
        .addColumn('admins_after_minutes', 'integer')
        .addColumn('contact_point_stale_days', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by_user_id', 'text', (c) => c.notNull())
        .execute();
      // Where an alert that needs acknowledging stands in its escalation (src/alerting/escalation-*).
      await db.schema
        .createTable('alert_escalations')
        .addColumn('notification_id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('next_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Communication checks of the contact points (src/contact-checks/) and their outcome per organisation.
      await db.schema
        .createTable('contact_checks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisations', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('repeat_every_days', 'integer')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('scheduled_by_user_id', 'text', (c) => c.notNull())
        .addColumn('scheduled_by_organisation', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema
        .createTable('contact_check_targets')
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_by_user_id', 'text')
        .addColumn('channel', 'text')
        .addPrimaryKeyConstraint('contact_check_targets_pk', ['check_id', 'organisation'])
        .execute();
      await db.schema
        .createIndex('contact_check_targets_by_organisation')
        .on('contact_check_targets')
        .columns(['organisation', 'acknowledged_at'])
        .execute();
      // Who was alerted, when and through which channel: one row per message of an escalation step or a check.
      await db.schema
        .createTable('alert_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('notification_id', 'text')
        .addColumn('check_id', 'text')
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('recipient_user_id', 'text')
        .addColumn('outbox_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_deliveries_by_notification')
        .on('alert_deliveries')
        .column('notification_id')
        .execute();
      await db.schema
        .createIndex('alert_deliveries_by_check')
        .on('alert_deliveries')
        .column('check_id')
        .execute();
    },
  },
  '0025-alert-channels': {
    async up(db: Kysely<unknown>) {
      // A person's choice of channels per trigger (src/alerting/preferences-*): one row per choice that differs from
      // the default, so a default changed later reaches everyone who never chose.
      await db.schema
        .createTable('alert_preferences')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_preferences_pk', ['user_id', 'trigger', 'channel'])
        .execute();
      // Where a person is reached on a channel that is not their account's e-mail (a pager, an SMS gateway).
      await db.schema
        .createTable('alert_addresses')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_addresses_pk', ['user_id', 'channel'])
        .execute();
      // Alerts waiting for a person's next message on a channel: a burst becomes one message per window.
      await db.schema
        .createTable('alert_queue')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('notification_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('alert_queue_by_person')
        .on('alert_queue')
        .columns(['user_id', 'channel'])
        .execute();
      // When a person's last message on a channel left, which opens the window the next ones wait for.
      await db.schema
        .createTable('alert_windows')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('last_sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('alert_windows_pk', ['user_id', 'channel'])
        .execute();
      // An organisation's webhook targets for national systems (src/alerting/webhooks-*). The secret signs each
      // delivery, so it is kept as given; it is never shown again.
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('triggers', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by_user_id', 'text', (c) => c.notNull())
        .addColumn('consecutive_failures', 'integer', (c) => c.notNull())
        .addColumn('paused_at', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('webhooks_by_organisation').on('webhooks').column('organisation').execute();
      // A webhook's delivery log reads its messages from the outbox.
      await db.schema
        .createIndex('outbox_by_recipient')
        .on('outbox')
        .columns(['channel', 'recipient'])
        .execute();
    },
  },
  '0028-reach-projection-triggers': {
    async up(db: Kysely<unknown>) {
      // An entry's audience and recipient rows, which lists join on, are a projection of its reach row: kept by the
      // database in the same statement, they can never disagree with it, and a write spends no statement on them.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      if (postgres) {
        await sql`create function entry_reach_project() returns trigger language plpgsql as $$
          begin
            if tg_op = 'UPDATE' then
              delete from entry_audience where entry_id = old.entry_id;
              delete from entry_recipients where entry_id = old.entry_id;
            end if;
            insert into entry_audience (entry_id, organisation)
              select new.entry_id, a from jsonb_array_elements_text(new.audience::jsonb) as a;
            insert into entry_recipients (entry_id, email, user_id)
              select new.entry_id, r->>'email', r->>'userId' from jsonb_array_elements(new.recipients::jsonb) as r;
            return null;
          end $$`.execute(db);
        await sql`create trigger entry_reach_project after insert or update of marking, audience, recipients on entry_reach for each row execute function entry_reach_project()`.execute(
          db,
        );
        return;
      }
      const project = `insert into entry_audience (entry_id, organisation) select new.entry_id, value from json_each(new.audience);
        insert into entry_recipients (entry_id, email, user_id) select new.entry_id, json_extract(value, '$.email'), json_extract(value, '$.userId') from json_each(new.recipients);`;
      await sql
        .raw(`create trigger entry_reach_project_insert after insert on entry_reach begin ${project} end`)
        .execute(db);
      await sql
        .raw(
          `create trigger entry_reach_project_update after update of marking, audience, recipients on entry_reach begin
            delete from entry_audience where entry_id = old.entry_id;
            delete from entry_recipients where entry_id = old.entry_id;
            ${project} end`,
        )
        .execute(db);
      // SQLite has no data-modifying CTE: the chain's head follows the last record inserted, in the same statement
      // (PostgreSQL moves it in the statement that inserts the batch's records).
      await sql`create trigger audit_head_follows after insert on audit_records begin update audit_head set seq = new.seq, hash = new.hash where id = 1; end`.execute(
        db,
      );
    },
  },
  '0029-exercise-control': {
    async up(db: Kysely<unknown>) {
      // Exercise-control principals write an exercise's injects as their organisation: never able to sign in, never
      // activated, known as such wherever accounts are listed.
      await db.schema
        .alterTable('users')
        .addColumn('exercise_control', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0031-exercise-runs': {
    async up(db: Kysely<unknown>) {
      // Which scenario an exercise incident was played from, with the targets it set, so a run is measured against
      // them and compared with earlier runs of the same scenario.
      await db.schema
        .createTable('exercise_runs')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('scenario_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('speed', 'real', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('targets', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exercise_runs_by_scenario')
        .on('exercise_runs')
        .columns(['scenario_id', 'started_at'])
        .execute();
      // Exercises held outside the platform count for the Recommendation's periodic testing too.
      await db.schema
        .createTable('outside_exercises')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('report_name', 'text', (c) => c.notNull())
        .addColumn('report_type', 'text', (c) => c.notNull())
        .addColumn('report', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0030-after-action-reports': {
    async up(db: Kysely<unknown>) {
      // The post-incident report: compiled once for a chosen audience, then written by section, reviewed by CERG and
      // distributed. Its recommendations live beside it, so they can be followed up across incidents.
      await db.schema
        .createTable('after_action_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('nato', 'integer', (c) => c.notNull())
        .addColumn('marking', 'text', (c) => c.notNull())
        .addColumn('minimum_marking', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .addColumn('metrics', 'text', (c) => c.notNull())
        .addColumn('sources', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_org', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text')
        .addColumn('reviewed_at', 'text')
        .addColumn('distributed_by', 'text')
        .addColumn('distributed_at', 'text')
        .execute();
      await db.schema
        .createIndex('after_action_reports_incident')
        .on('after_action_reports')
        .column('incident_id')
        .execute();
      await db.schema
        .createTable('after_action_recommendations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('report_id', 'text', (c) => c.notNull().references('after_action_reports.id'))
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('owner_org', 'text', (c) => c.notNull())
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('after_action_recommendations_report')
        .on('after_action_recommendations')
        .column('report_id')
        .execute();
    },
  },
  '0032-exercise-sessions': {
    async up(db: Kysely<unknown>) {
      // An exercise a facilitator runs from the web: its scenario, its pace and how far it has played, so a
      // restarted server carries on where it was and never plays a step twice.
      await db.schema
        .createTable('exercise_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('scenario_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('scenario_yaml', 'text', (c) => c.notNull())
        .addColumn('principals', 'text', (c) => c.notNull())
        .addColumn('speed', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('generation', 'integer', (c) => c.notNull())
        .addColumn('steps_done', 'integer', (c) => c.notNull())
        .addColumn('steps_total', 'integer', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('anchor_at', 'text', (c) => c.notNull())
        .addColumn('anchor_scenario_ms', 'integer', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('started_by_user_id', 'text', (c) => c.notNull())
        .addColumn('started_by_organisation', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exercise_sessions_by_start')
        .on('exercise_sessions')
        .columns(['started_at'])
        .execute();
    },
  },
  '0033-exercise-presidency': {
    async up(db: Kysely<unknown>) {
      // The member state holding the Presidency in an exercise, from its scenario: every rule asking who holds the
      // Presidency for the incident reads it there (src/presidency/flows.ts `presidencyOf`). Null for a real
      // incident, whose holder is the calendar's.
      await db.schema.alterTable('incidents').addColumn('presidency', 'text').execute();
      // A web session's clock as it ran: each start, pause and resume with where scenario time stood, so what
      // players did on the platform's clock is measured in scenario time (src/exercises/sessions/time-rules.ts).
      await db.schema
        .alterTable('exercise_sessions')
        .addColumn('timeline', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0034-recommendation-follow-up': {
    async up(db: Kysely<unknown>) {
      // What an organisation did with a recommendation addressed to it: each follow-up it records, kept in order,
      // the latest being where the recommendation stands for it.
      await db.schema
        .createTable('after_action_follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('recommendation_id', 'text', (c) =>
          c.notNull().references('after_action_recommendations.id'),
        )
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('organisation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('after_action_follow_ups_recommendation')
        .on('after_action_follow_ups')
        .columns(['recommendation_id', 'recorded_at'])
        .execute();
    },
  },
  '0035-webhook-secrets-sealed': {
    async up(db: Kysely<unknown>) {
      // Webhook secrets were kept as given; from now on they are sealed with AES-256-GCM under a key derived from
      // the audit key (src/platform/sealed.ts), and the ones already stored are sealed here.
      await sealPlainWebhookSecrets(db, migrationAuditKey());
    },
  },
  '0036-exercise-run-timeline': {
    async up(db: Kysely<unknown>) {
      // A `blueprint exercise run`'s clock as it ran (the web session's timeline format), and the exercise-control
      // principals that stamp on it: what players do through a server meanwhile is stamped by the server's clock and
      // is read in scenario time through this record, what the principals wrote is in scenario time already
      // (src/exercises/run-clock.ts). Null for a run without waiting and for runs recorded before.
      await db.schema.alterTable('exercise_runs').addColumn('timeline', 'text').execute();
      await db.schema
        .alterTable('exercise_runs')
        .addColumn('principals', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  },
  '0037-exercise-clock-indexes': {
    async up(db: Kysely<unknown>) {
      // Every read of an exercise's log looks up the session that played it (src/exercises/scenario-clock.ts), so
      // that lookup is indexed. `exercise_runs` needs none: its incident_id is its primary key, indexed already.
      await db.schema
        .createIndex('exercise_sessions_by_incident')
        .on('exercise_sessions')
        .column('incident_id')
        .execute();
    },
  },
  '0038-idempotency-keys-by-age': {
    async up(db: Kysely<unknown>) {
      // Keys are forgotten by age (src/platform/db/idempotency-retention.ts), hourly: found by an index, not a scan.
      await db.schema
        .createIndex('idempotency_keys_by_created_at')
        .on('idempotency_keys')
        .column('created_at')
        .execute();
    },
  },
};

export const GENESIS_HASH = '0'.repeat(64);

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** Every migration, for tests that bring a database to an earlier version and check what a later one does. */
export function migrationProvider(): MigrationProvider {
  return new StaticProvider();
}

/** Brings the database up to date; the audit key lets the migrations that seal stored secrets do so. */
export async function migrateToLatest(db: Kysely<unknown>, auditKey?: Buffer): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await runWithAuditKey(auditKey, () => migrator.migrateToLatest());
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
