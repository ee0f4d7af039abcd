import { AsyncLocalStorage } from 'node:async_hooks';
import type { Insertable, Kysely } from 'kysely';
import type { AuditInput } from '../audit/store.js';
import type { Clock } from '../clock.js';
import type { PlatformEvent } from '../realtime/events.js';
import { readUnderLock } from './after-lock.js';
import { BatchLedger, type OwedTable } from './batch-ledger.js';
import { type BatchMemory, groupCommitFor } from './group-commit.js';
import {
  findStoredKeys,
  firstResponseRow,
  type IdempotencyScope,
  refuseRepeat,
  settleIdempotency,
  takeIdempotency,
} from './idempotency.js';
import type { Db, Engine } from './index.js';
import type { Database } from './schema.js';

export { IdempotencyMismatch, type IdempotencyScope, IdempotentReplay } from './idempotency.js';

export interface WriteContext {
  readonly trx: Kysely<Database>;
  /** Row locks (`for update`) exist on PostgreSQL only; SQLite's write lock already covers the whole file. */
  readonly engine: Engine;
  /** One instant for everything the operation writes. */
  readonly now: string;
  audit(input: AuditInput): Promise<number>;
  /** Runs after a successful commit: live events must never announce a write that was rolled back. */
  afterCommit(fn: () => void | Promise<void>): void;
  /** Stores a live event in this transaction; it reaches open streams (every instance's) after the commit. */
  emit(event: PlatformEvent): Promise<void>;
  /** The incident had activity now: its last activity moves, written once for the whole batch. */
  incidentActive(incidentId: string): void;
  /** This write itself set the incident's last activity to now, so the batch need not write it again. */
  activityWritten(incidentId: string): void;
  nextEntrySeq(): Promise<number>;
  /**
   * A new row nobody reads back in this write: it goes with the batch's others, in one statement, before the next
   * statement anyone sends in the batch or at its end (`batch-ledger.ts`).
   */
  owe<T extends OwedTable>(table: T, row: Insertable<Database[T]>): void;
}

export interface WriteDeps {
  db: Db;
  auditKey: Buffer;
  clock: Clock;
  /** This process's event feed, told after a commit that emitted events so they go out without a poll's delay. */
  events?: { wake(): void };
}

export interface WriteOptions {
  actor: { userId: string | null; organisation: string | null };
  idempotency?: IdempotencyScope | undefined;
}

/**
 * The audit chain's head, locked first in every transaction, so that writes on every instance are totally ordered;
 * the last entry sequence number comes with it, read under the same lock.
 */
async function lockHead(
  trx: Kysely<Database>,
  clock: Clock,
  engine: Engine,
  keyHashes: readonly string[],
): Promise<BatchMemory> {
  const lock = trx
    .updateTable('audit_head')
    .set({ locked_at: clock.now().toISOString() })
    .where('id', '=', 1);
  // SQLite's lock is the whole file, taken before the statement: the entry sequence can come with it.
  const head =
    engine === 'postgres'
      ? { ...(await lock.returning(['seq', 'hash']).executeTakeFirstOrThrow()), entry_seq: null }
      : await lock
          .returning((eb) => [
            'seq',
            'hash',
            eb
              .selectFrom('entries')
              .select((e) => e.fn.max('seq').as('max'))
              .as('entry_seq'),
          ])
          .executeTakeFirstOrThrow();
  // The Idempotency-Keys of the batch's writes, read once under the lock: a repeat is refused without a query of
  // its own, and a key another instance stored before the lock was taken is seen. On PostgreSQL the entry sequence
  // comes with them, as the lock's statement may have read it before waiting for another instance (`after-lock.ts`).
  const { entrySeq, storedKeys } =
    engine === 'postgres'
      ? await readUnderLock(trx, keyHashes)
      : { entrySeq: Number(head.entry_seq ?? 0), storedKeys: await findStoredKeys(trx, keyHashes) };
  const ledger = new BatchLedger(
    trx,
    engine,
    { seq: Number(head.seq), hash: head.hash },
    entrySeq,
    storedKeys,
  );
  ledgers.set(trx, ledger);
  return ledger;
}

/** Each batch's ledger, by the transaction it belongs to. */
const ledgers = new WeakMap<Kysely<Database>, BatchLedger>();

/**
 * Set while an operation runs, so that a nested `inWrite` is refused rather than waiting forever. A nested write is
 * a programming error the tests find; the check needs an asynchronous context, which costs every promise of the
 * process while any is entered, so it is made only under the test runner.
 */
const insideWrite = process.env.VITEST ? new AsyncLocalStorage<true>() : undefined;

/**
 * The one way to change data: inside a transaction that first locks the audit chain's head, so that every write on
 * every instance is totally ordered, the audit record lands with its change, and an idempotency key is checked and
 * stored under the same lock. Concurrent writes share a transaction (group commit, `group-commit.ts`), each in
 * its own savepoint, and each is answered only once its batch is durable.
 */
export async function inWrite<T>(
  deps: WriteDeps,
  options: WriteOptions,
  operation: (w: WriteContext) => Promise<T>,
): Promise<T> {
  // A write inside a write would queue behind the very batch that waits for it: refuse it loudly instead.
  if (insideWrite?.getStore())
    throw new Error('inWrite was called inside another write; pass its WriteContext instead');
  const pending: Array<() => void | Promise<void>> = [];
  const wakeFeed = () => deps.events?.wake();
  // The request's key (given, or carried by the request's context): only its first transaction takes it.
  const idem = takeIdempotency(options.idempotency);
  const body = async (trx: Kysely<Database>): Promise<T> => {
    // A batch may run this again after rolling back (group-commit.ts): what the abandoned run left is forgotten.
    pending.length = 0;
    // The write's instant is taken when it runs, under the lock, so times follow the chain's order.
    const now = deps.clock.now().toISOString();
    const ledger = ledgers.get(trx);
    if (!ledger) throw new Error('a write runs only inside a batch holding the head lock');
    if (idem) refuseRepeat(ledger.storedKey(idem.keyHash), idem);
    const ctx: WriteContext = {
      trx,
      engine: deps.db.engine,
      now,
      audit: async (input) => ledger.audit(deps.auditKey, options.actor, now, input),
      afterCommit: (fn) => pending.push(fn),
      emit: async (event) => {
        ledger.event(now, event);
        if (!pending.includes(wakeFeed)) pending.push(wakeFeed);
      },
      incidentActive: (incidentId) => ledger.incidentActive(incidentId, now),
      activityWritten: (incidentId) => ledger.activityWritten(incidentId, now),
      nextEntrySeq: async () => ledger.nextEntrySeq(),
      owe: (table, row) => ledger.owe(table, row),
    };
    const result = insideWrite ? await insideWrite.run(true, () => operation(ctx)) : await operation(ctx);
    // The key's row is owed like a new entry's: it goes with the batch's other rows, before anyone reads it.
    if (idem) ledger.owe('idempotency_keys', firstResponseRow(idem, result, now));
    return result;
  };

  let result: T;
  try {
    // The batch locks the chain's head once for all its writes; each write runs in its own savepoint.
    result = await groupCommitFor(deps.db, (trx, keyHashes) =>
      lockHead(trx, deps.clock, deps.db.engine, keyHashes),
    ).submit(body, idem?.keyHash);
  } catch (e) {
    if (idem) settleIdempotency(idem, false);
    throw e;
  }
  if (idem) settleIdempotency(idem, true);
  for (const fn of pending) {
    try {
      await fn();
    } catch {
      // A failed notification must not turn a committed write into an error for its author.
    }
  }
  return result;
}
