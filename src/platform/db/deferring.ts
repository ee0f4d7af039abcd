import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Rows a batch has promised to insert but not yet sent: `owed()` says whether there are any, `flush()` sends them
 * (through the batch's own Kysely, so they are logged and counted like any statement).
 */
export interface Deferred {
  owed(): boolean;
  /** `send` replaces the batch's Kysely where that cannot be used (a streamed read holds the connection). */
  flush(send?: (query: CompiledQuery) => Promise<unknown>): Promise<void>;
}

/** Asks a connection for itself: answered by the wrapper below, never sent to the database. */
export const IDENTIFY = CompiledQuery.raw('-- blueprint: which connection');

/**
 * A connection that sends a batch's owed rows before any other statement. Rows nobody has read yet can wait for the
 * batch's end and go in one statement; but a statement the batch sends meanwhile (a read of the log, a row that
 * refers to an entry, a trigger that looks) must find them, so whatever it is, the owed rows go first.
 */
class DeferringConnection implements DatabaseConnection {
  deferred: Deferred | undefined;
  #flushing = false;

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (query === IDENTIFY) return Promise.resolve({ rows: [this as unknown as R] });
    const deferred = this.deferred;
    if (deferred && !this.#flushing && deferred.owed()) return this.#flushThen(deferred, query);
    return this.inner.executeQuery<R>(query);
  }

  async #flushThen<R>(deferred: Deferred, query: CompiledQuery): Promise<QueryResult<R>> {
    await this.#send(deferred);
    return this.inner.executeQuery<R>(query);
  }

  /** Sends the owed rows; their own statements come back through here and go straight on. */
  async #send(deferred: Deferred): Promise<void> {
    this.#flushing = true;
    try {
      await deferred.flush();
    } finally {
      this.#flushing = false;
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    // A streamed read holds the batch's connection until it ends: the owed rows go straight to the engine.
    const deferred = this.deferred;
    if (deferred && !this.#flushing && deferred.owed())
      await deferred.flush((q) => this.inner.executeQuery(q));
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

class DeferringDriver implements Driver {
  /** One wrapper per connection, so a pooled connection keeps its wrapper (and Kysely its logging) across uses. */
  readonly #wrappers = new WeakMap<DatabaseConnection, DeferringConnection>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapper = this.#wrappers.get(connection);
    if (!wrapper) {
      wrapper = new DeferringConnection(connection);
      this.#wrappers.set(connection, wrapper);
    }
    return wrapper;
  }

  // Transactions and savepoints go through the wrapper, so their statements are logged and flush what is owed.
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint: Driver['savepoint'] = (c, name, compile) => this.inner.savepoint!(c, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (c, name, compile) =>
    this.inner.rollbackToSavepoint!(c, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (c, name, compile) =>
    this.inner.releaseSavepoint!(c, name, compile);

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The engine's own driver releases its own connection (a pooled client, the SQLite mutex).
    return this.inner.releaseConnection((connection as DeferringConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** The engine's dialect, with connections that can hold a batch's owed rows back until they are needed. */
export function deferringDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new DeferringDriver(inner.createDriver()),
  };
}

/**
 * Gives the connection a batch holds (`conn`, from `kysely.connection()`) what the batch owes: from then on, until
 * detached, any statement on it sends the owed rows first. Returns the detach.
 */
export async function attachDeferred<DB>(conn: Kysely<DB>, deferred: Deferred): Promise<() => void> {
  const { rows } = await conn.executeQuery(IDENTIFY);
  const connection = rows[0];
  if (!(connection instanceof DeferringConnection))
    throw new Error('the database was opened without deferring connections');
  connection.deferred = deferred;
  return () => {
    if (connection.deferred === deferred) connection.deferred = undefined;
  };
}
