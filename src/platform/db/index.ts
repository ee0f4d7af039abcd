import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type KyselyPlugin,
  type LogEvent,
  PostgresDialect,
  type QueryId,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { loadAuditKey } from '../audit/key.js';
import type { Config } from '../config.js';
import { deferringDialect, IDENTIFY } from './deferring.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type { Database } from './schema.js';
export type Engine = 'sqlite' | 'postgres';

// int8 columns (sequence positions) fit comfortably in a double; parse them as numbers like SQLite does.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly engine: Engine;
  /**
   * SQLite: makes every committed transaction durable, by syncing the write-ahead log from Node's thread pool
   * rather than inside the commit, which would hold the only thread for the whole fsync. PostgreSQL makes a
   * commit durable before it answers, so it has none.
   */
  readonly durable?: () => Promise<void>;
  /** For PostgreSQL: the connection string, so the realtime bus can open its own LISTEN connection. */
  readonly url?: string;
  /**
   * Queries sent so far, for query-count tests and benchmarks (a read path must not query once per item); with
   * `trace` set, each query's SQL is added to it, to see which queries a path sends.
   */
  readonly queries: {
    count: number;
    trace?: string[];
    /** Statements that may have changed something (anything but a successful select). */
    changes: number;
    /** Statements that may have changed an account or a session, counted again when their batch commits. */
    accountChanges: number;
  };
  close(): Promise<void>;
}

/** Queries sent through `inBackground`, by their id: the counts leave them out. */
const uncounted = new WeakSet<QueryId>();
const uncountedPlugin: KyselyPlugin = {
  transformQuery: (args) => {
    uncounted.add(args.queryId);
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/**
 * The database for reads no request asked for (the event feed tailing the log), which the query counts leave out:
 * they come at their own pace, and would otherwise land in whatever a test or a benchmark is counting. Marked by
 * the query, not by an asynchronous context: tracking one would cost every promise of the process.
 */
export function inBackground(db: Kysely<Database>): Kysely<Database> {
  let marked = backgroundOf.get(db);
  if (!marked) {
    marked = db.withPlugin(uncountedPlugin);
    backgroundOf.set(db, marked);
  }
  return marked;
}
const backgroundOf = new WeakMap<Kysely<Database>, Kysely<Database>>();

function queryCounter() {
  const queries: Db['queries'] = { count: 0, changes: 0, accountChanges: 0 };
  const log = (event: LogEvent) => {
    if (event.query === IDENTIFY || uncounted.has(event.query.queryId)) return;
    queries.count++;
    // Anything but a successful select may have changed the transaction (or, on PostgreSQL, aborted it): a batch
    // then rolls back a failed write's changes (group-commit.ts). Counting too much only costs that rollback.
    if (event.level === 'error' || event.query.query.kind !== 'SelectQueryNode') {
      queries.changes++;
      if (event.level === 'query' && changesAccounts(event.query.sql)) queries.accountChanges++;
    }
    queries.trace?.push(event.query.sql);
  };
  return { queries, log };
}

const NAMES_ACCOUNTS = /(^|[^a-z0-9_])"?(users|sessions)"?([^a-z0-9_]|$)/i;
/** What leaves every account as it was: a new session, or a session's last activity moved. */
const LEAVES_ACCOUNTS =
  /^(insert into "sessions" |update "sessions" set "last_seen_at" = (\?|\$1) where "id_hash" = (\?|\$2)$)/;

/**
 * Whether a statement that is not a select may have changed an account or a session, which remembered sessions
 * must then not outlive (src/accounts/session-cache.ts). Read from the SQL text, so that raw statements count
 * too; naming the tables anywhere is enough, as counting too often only costs a read.
 */
export function changesAccounts(statement: string): boolean {
  return NAMES_ACCOUNTS.test(statement) && !LEAVES_ACCOUNTS.test(statement);
}

export function sqliteFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'blueprint.db');
}

/** Opens and migrates the configured database; the audit key seals what migrations find stored in plain text. */
export async function openDb(config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'AUDIT_KEY'>): Promise<Db> {
  const auditKey = loadAuditKey(config);
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, 10, auditKey);
  fs.mkdirSync(config.dataDir, { recursive: true });
  return openSqlite(sqliteFile(config), auditKey);
}

export async function openSqlite(file: string, auditKey?: Buffer): Promise<Db> {
  const database = new SQLite(file);
  // WAL lets the CLI and the server share the file. A commit writes the log without syncing it (NORMAL): the
  // batch that committed syncs it itself (`durable`) before anyone is told, so an acknowledged commit still
  // survives power loss, and the thread serves other requests meanwhile. Checkpoints sync as they always do.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  const { queries, log } = queryCounter();
  const kysely = new Kysely<Database>({
    dialect: deferringDialect(new SqliteDialect({ database: withStatementCache(database) })),
    log,
  });
  await migrateToLatest(kysely as Kysely<unknown>, auditKey);
  return { kysely, engine: 'sqlite', queries, durable: syncLog(file), close: () => kysely.destroy() };
}

/**
 * Syncs the database's write-ahead log to disk: everything committed before the call is then durable. No log
 * file means everything was checkpointed into the database file, which a checkpoint syncs itself.
 */
function syncLog(file: string): () => Promise<void> {
  const log = `${file}-wal`;
  return async () => {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(log, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  };
}

export async function openPostgres(url: string, poolSize = 10, auditKey?: Buffer): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const { queries, log } = queryCounter();
  const kysely = new Kysely<Database>({ dialect: deferringDialect(new PostgresDialect({ pool })), log });
  await migrateToLatest(kysely as Kysely<unknown>, auditKey);
  return { kysely, engine: 'postgres', url, queries, close: () => kysely.destroy() };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch {
    return false;
  }
}
