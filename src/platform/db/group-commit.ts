import { CompiledQuery, type Kysely } from 'kysely';
import { attachDeferred, type Deferred } from './deferring.js';
import type { Db } from './index.js';
import type { Database } from './schema.js';

/** One write waiting for its batch: run inside the batch's transaction, settled only once the batch is durable. */
interface Queued {
  run(trx: Kysely<Database>): Promise<unknown>;
  /** The Idempotency-Key (its hash) the write checks and stores, if any: the batch looks them all up at once. */
  keyHash: string | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * What a batch remembers in memory while it holds the lock (the chain's head, the last sequence number, what it
 * writes at its end, rows it owes): `save` returns how to put it back when a write fails (false when the write's
 * owed rows were sent and not rolled back: the batch must then run again); `flush` sends the owed rows, which the
 * batch's connection does before any other statement; `settle` writes everything owed, last before the commit.
 */
export interface BatchMemory extends Deferred {
  save(): (rolledBack: boolean) => boolean;
  /** Statements `flush` has sent: they are not a failing write's changes. */
  readonly statementsSent: number;
  settle(): Promise<void>;
}

// The batch's own statements, the same every time: compiled once.
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
const SAVEPOINT = CompiledQuery.raw('savepoint one_write');
const RELEASE = CompiledQuery.raw('release savepoint one_write');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint one_write');
const RELEASE_AND_SAVEPOINT = CompiledQuery.raw('release savepoint one_write; savepoint one_write');

/** Enough to amortise one fsync over a burst, few enough that one batch never holds the lock for long. */
const MAX_BATCH = 64;

/** Log syncs a batch may start behind: with one, a batch commits while the previous one's sync runs. */
const MAX_SYNCING = 1;

export interface BatchStats {
  batches: number;
  operations: number;
  /** Batches abandoned and run again in savepoints because a write failed after changing something. */
  restarts: number;
}

/**
 * Group commit: writes that arrive while a batch is committing queue for the next one, which runs them in one
 * transaction (one head lock, one fsync) in arrival order, each inside its own savepoint so that a failing write
 * rolls back alone. Nobody is told "done" before the whole batch is durable, so an acknowledged write survives a
 * crash and nothing of an unacknowledged batch is half-present. The first write of a quiet moment starts as soon as
 * the requests that arrived with it have been read: batching costs no waiting, it only forms under load.
 */
export class GroupCommit {
  readonly stats: BatchStats;
  #queue: Queued[] = [];
  /** Log syncs still running for batches committed but not yet answered. */
  readonly #syncing = new Set<Promise<void>>();
  #draining = false;
  /** BEGIN IMMEDIATE takes SQLite's write lock up front, so a CLI process and the server queue, not fail. */
  readonly #begin: CompiledQuery;

  constructor(
    private readonly db: Db,
    /** What every batch does first, under its transaction: lock the audit chain's head. */
    private readonly begin: (
      trx: Kysely<Database>,
      keyHashes: readonly string[],
    ) => Promise<BatchMemory | undefined>,
  ) {
    this.stats = batchStatsOf(db);
    this.#begin = CompiledQuery.raw(db.engine === 'sqlite' ? 'begin immediate' : 'begin');
  }

  submit<T>(run: (trx: Kysely<Database>) => Promise<T>, keyHash?: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, keyHash, resolve: resolve as (v: unknown) => void, reject });
      if (this.#draining) return;
      this.#draining = true;
      // better-sqlite3 answers synchronously, so a batch started at once would run to its fsync before the
      // requests that arrived with this one were even parsed: starting after this turn's I/O lets them join it.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // One batch commits while the last one's log sync runs; the next waits for that sync, and gathers the
        // writes arriving meanwhile, so that batches stay large under load.
        while (this.#syncing.size > MAX_SYNCING) await Promise.race(this.#syncing);
        await this.#commit(this.#queue.splice(0, MAX_BATCH));
      }
    } finally {
      this.#draining = false;
    }
  }

  async #commit(batch: Queued[]): Promise<void> {
    let outcomes: Outcome[] | undefined;
    const accountChanges = this.db.queries.accountChanges;
    try {
      await this.db.kysely.connection().execute(async (conn) => {
        outcomes = await this.#transaction(conn, batch, 'trusting');
        // A write failed after changing something: the batch starts again, this time each write in its savepoint.
        if (!outcomes) outcomes = await this.#transaction(conn, batch, 'savepoints');
      });
    } catch (error) {
      // The batch as a whole did not commit: none of its writes happened.
      for (const item of batch) item.reject(error);
      return;
    }
    // A session read while the batch ran saw its accounts as they were before: counted again, it is not used.
    if (this.db.queries.accountChanges !== accountChanges) this.db.queries.accountChanges++;
    this.stats.batches++;
    this.stats.operations += batch.length;
    const answer = () =>
      batch.forEach((item, i) => {
        const outcome = outcomes![i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    if (!this.db.durable) return answer();
    // The next batch runs while the log is synced: this one is answered once a sync begun after its commit ends.
    const synced: Promise<void> = this.db.durable().then(answer, (error: unknown) => {
      for (const item of batch) item.reject(error);
    });
    this.#syncing.add(synced);
    void synced.finally(() => this.#syncing.delete(synced));
  }

  /** One transaction for the batch; `undefined` when it was rolled back so that it runs again with savepoints. */
  async #transaction(
    conn: Kysely<Database>,
    batch: readonly Queued[],
    how: 'trusting' | 'savepoints',
  ): Promise<Outcome[] | undefined> {
    await conn.executeQuery(this.#begin);
    let detach: (() => void) | undefined;
    // A rollback must not first send what the batch owed: the connection forgets it before any rollback.
    const rollback = () => {
      detach?.();
      return conn.executeQuery(ROLLBACK);
    };
    try {
      const memory = await this.begin(
        conn,
        batch.flatMap((item) => (item.keyHash === undefined ? [] : [item.keyHash])),
      );
      if (memory) detach = await attachDeferred(conn, memory);
      let outcomes: Outcome[] | undefined;
      // A batch of one needs no savepoint: its failure rolls the whole transaction back anyway.
      if (batch.length === 1) outcomes = [await this.#alone(conn, batch[0]!, memory)];
      else if (how === 'trusting') outcomes = await this.#trusting(conn, batch, memory);
      else outcomes = await this.#inSavepoints(conn, batch, memory);
      if (outcomes && how === 'trusting' && batch.length > 1) {
        // What the writes owed goes now: if a row of it fails, nobody knows whose, and each write must try alone.
        const settled = await memory?.settle().then(
          () => true,
          () => false,
        );
        if (settled === false) outcomes = undefined;
      } else if (outcomes) await memory?.settle();
      if (!outcomes) {
        await rollback();
        this.stats.restarts++;
        return undefined;
      }
      await conn.executeQuery(COMMIT);
      return outcomes;
    } catch (e) {
      await rollback().catch(() => undefined);
      throw e;
    } finally {
      detach?.();
    }
  }

  /**
   * Every write straight into the transaction, without a savepoint each, which on PostgreSQL would cost each write
   * a round trip under the lock. Most failures are refusals decided on what was read, before anything was written:
   * such a write leaves the transaction as it found it and fails alone. A write that fails after sending anything
   * but a select (or a statement that failed) may have left changes behind: the batch is then abandoned
   * (`undefined`) and run again in savepoints. Each write's body must therefore be safe to run twice, which holds
   * because everything it does outside the transaction waits for the commit (`afterCommit`).
   */
  async #trusting(
    conn: Kysely<Database>,
    batch: readonly Queued[],
    memory: BatchMemory | undefined,
  ): Promise<Outcome[] | undefined> {
    const outcomes: Outcome[] = [];
    for (const item of batch) {
      const restore = memory?.save();
      const changesBefore = this.db.queries.changes;
      const flushedBefore = memory?.statementsSent ?? 0;
      try {
        outcomes.push({ ok: true, value: await item.run(conn) });
      } catch (error) {
        // Sending earlier writes' owed rows is not this write's change; anything else it sent may be.
        const flushed = (memory?.statementsSent ?? 0) - flushedBefore;
        if (this.db.queries.changes - changesBefore !== flushed) return undefined;
        if (restore && !restore(false)) return undefined;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  async #alone(conn: Kysely<Database>, item: Queued, memory: BatchMemory | undefined): Promise<Outcome> {
    const restore = memory?.save();
    try {
      return { ok: true, value: await item.run(conn) };
    } catch (error) {
      // Nothing is left to commit: the transaction ends here, and what the write owed is forgotten with it
      // (first, so that the rollback does not send it).
      restore?.(true);
      await conn.executeQuery(ROLLBACK);
      await conn.executeQuery(this.#begin);
      return { ok: false, error };
    }
  }

  /**
   * Each write in its own savepoint, one after the other. A savepoint rolled back to stays, so the next write starts
   * from it as it is; on PostgreSQL releasing one write's savepoint and opening the next one's are one round trip.
   */
  async #inSavepoints(
    conn: Kysely<Database>,
    batch: readonly Queued[],
    memory: BatchMemory | undefined,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    await conn.executeQuery(SAVEPOINT);
    for (const [i, item] of batch.entries()) {
      const restore = memory?.save();
      let outcome: Outcome;
      try {
        const value = await item.run(conn);
        // The write's owed rows go inside its savepoint: a row that fails fails this write alone.
        if (memory?.owed()) await memory.flush();
        outcome = { ok: true, value };
      } catch (error) {
        // Forgotten before the rollback, which would otherwise send them first.
        restore?.(true);
        await conn.executeQuery(ROLLBACK_TO_SAVEPOINT);
        outcome = { ok: false, error };
      }
      outcomes.push(outcome);
      if (i === batch.length - 1) await conn.executeQuery(RELEASE);
      else if (!outcome.ok) continue;
      else if (this.db.engine === 'postgres')
        // Without parameters this goes as one simple query, two statements in one round trip.
        await conn.executeQuery(RELEASE_AND_SAVEPOINT);
      else {
        await conn.executeQuery(RELEASE);
        await conn.executeQuery(SAVEPOINT);
      }
    }
    return outcomes;
  }
}

const perDb = new WeakMap<Db, GroupCommit>();
const statsPerDb = new WeakMap<Db, BatchStats>();

/** How many batches and operations this process has committed on a database (for tests and benchmarks). */
export function batchStatsOf(db: Db): BatchStats {
  let stats = statsPerDb.get(db);
  if (!stats) {
    stats = { batches: 0, operations: 0, restarts: 0 };
    statsPerDb.set(db, stats);
  }
  return stats;
}

/** The one queue of writes of this process for a database. */
export function groupCommitFor(
  db: Db,
  begin: (trx: Kysely<Database>, keyHashes: readonly string[]) => Promise<BatchMemory | undefined>,
): GroupCommit {
  let group = perDb.get(db);
  if (!group) {
    group = new GroupCommit(db, begin);
    perDb.set(db, group);
  }
  return group;
}
