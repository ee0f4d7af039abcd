import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct statement the platform sends (lists of ids vary in length), bounded all the same. */
const MAX_STATEMENTS = 1000;

/**
 * The SQLite connection as Kysely sees it, preparing each distinct SQL text once: Kysely asks for a new prepared
 * statement on every query, and compiling it again costs a write as much as running it. A statement still being
 * iterated (a streamed query) is busy, so a second user of the same text gets a statement of its own.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last, so the oldest is the one to drop.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = database.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}
