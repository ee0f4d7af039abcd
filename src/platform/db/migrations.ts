import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

// Written once for both engines with Kysely's schema builder; only portable column types are used.
const migrations: Record<string, Migration> = {
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
};

export const GENESIS_HASH = '0'.repeat(64);

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
