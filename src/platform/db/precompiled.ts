import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.js';

/** Where a call's value goes in a query compiled once: a slot Kysely binds like any value. */
class Slot {
  constructor(readonly name: string) {}
}

type Slots<P> = { readonly [K in keyof P]: P[K] };

/**
 * A query on the write path built and compiled by Kysely once per dialect instead of on every call: building the
 * operation tree and compiling it cost a hot write about as much as SQLite running it. The query is built with
 * slots for the call's values (`p.name`), so its SQL is Kysely's own, per engine; each call binds its values
 * in their places. Only for queries whose shape never depends on the values (no lists of varying length).
 */
export function precompiled<P extends Record<string, unknown>, O>(
  build: (db: Kysely<Database>, p: Slots<P>) => Compilable<O>,
): (db: Kysely<Database>, params: P) => Promise<QueryResult<O>> {
  const slots = new Proxy({} as Slots<P>, { get: (_, name) => new Slot(String(name)) });
  // One per dialect: the adapter is what decides how the SQL names its parameters and quotes names.
  const byAdapter = new WeakMap<object, CompiledQuery<O>>();
  return (db, params) => {
    const executor = db.getExecutor();
    const adapter = executor.adapter.constructor;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      compiled = build(db, slots).compile();
      byAdapter.set(adapter, compiled);
    }
    const parameters = compiled.parameters.map((v) => (v instanceof Slot ? params[v.name] : v));
    return db.executeQuery<O>({ ...compiled, parameters });
  };
}
