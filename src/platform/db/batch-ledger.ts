import { type CompiledQuery, type Insertable, type Kysely, type RawBuilder, sql } from 'kysely';
import { type AuditHead, type AuditInput, type ChainedRecord, chainRecord } from '../audit/store.js';
import { EVENTS_CHANNEL, eventRow, type PlatformEvent } from '../realtime/events.js';
import type { StoredKey } from './idempotency.js';
import type { Engine } from './index.js';
import type { Database } from './schema.js';

/** Rows per multi-row insert: far below both engines' limits on bound parameters. */
const ROWS_PER_INSERT = 500;

/** Tables whose new rows may wait for the batch's end (or for its next statement), in the order they are written. */
export type OwedTable = 'entries' | 'entry_reach' | 'idempotency_keys';
type OwedRow = { [T in OwedTable]: { table: T; row: Insertable<Database[T]> } }[OwedTable];

type Actor = { userId: string | null; organisation: string | null };

/**
 * What a batch's transaction knows and owes while it holds the head's lock. It knows the chain's head and the last
 * entry sequence number (nobody else can move them meanwhile, so they are read once per batch). It owes what no
 * write of the batch reads back: the audit records, the live events and the incidents' last activity, which it
 * writes once at the batch's end, in the order the writes ran, before the commit (so they are durable exactly when
 * the writes are). A write that fails is put back as it found the ledger, as its savepoint undid its changes.
 */
export class BatchLedger {
  readonly #records: ChainedRecord[] = [];
  readonly #events: Array<ReturnType<typeof eventRow>> = [];
  #activity = new Map<string, string>();
  /** New rows not yet sent, and how many of them (from the first) have been. */
  readonly #owed: OwedRow[] = [];
  #sentUpTo = 0;
  /** Statements this ledger sent for its owed rows. */
  statementsSent = 0;

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly engine: Engine,
    private head: AuditHead,
    private entrySeq: number,
    /** The Idempotency-Keys of the batch's writes that were stored when it took the lock. */
    private readonly storedKeys: ReadonlyMap<string, StoredKey> = new Map(),
  ) {}

  /** A key as the batch knows it: stored before the batch, or by one of its writes that still stands. */
  storedKey(keyHash: string): StoredKey | undefined {
    for (let i = this.#owed.length - 1; i >= 0; i--) {
      const owed = this.#owed[i]!;
      if (owed.table === 'idempotency_keys' && owed.row.key_hash === keyHash) return owed.row as StoredKey;
    }
    return this.storedKeys.get(keyHash);
  }

  /**
   * A new row the batch will insert before anything reads it: at its end, with the others, or before the next
   * statement anyone sends in the batch (`deferring.ts`), whichever comes first. A write whose rows nobody reads
   * back (a new entry and its reach) thus sends no statement of its own.
   */
  owe<T extends OwedTable>(table: T, row: Insertable<Database[T]>): void {
    this.#owed.push({ table, row } as OwedRow);
  }

  /** False while the rows are being sent: the statements that send them must not send them again. */
  owed(): boolean {
    return !this.#flushing && this.#sentUpTo < this.#owed.length;
  }
  #flushing = false;

  /**
   * Sends the owed rows, a multi-row insert per table, tables in the order first owed (an entry before its reach).
   * Through the batch's Kysely, so they are logged and counted, unless `send` is given.
   */
  async flush(send?: (query: CompiledQuery) => Promise<unknown>): Promise<void> {
    const rows = this.#owed.slice(this.#sentUpTo);
    this.#flushing = true;
    try {
      for (const [table, list] of owedByTable(rows))
        for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
          const insert = owedInsert(this.trx, table, list.slice(i, i + ROWS_PER_INSERT));
          if (send) await send(insert.compile());
          else {
            await insert.execute();
            this.statementsSent++;
          }
        }
    } finally {
      this.#flushing = false;
    }
    this.#sentUpTo += rows.length;
  }

  /** Chains an audit record after the head; returns its sequence number. */
  audit(key: Buffer, actor: Actor, at: string, input: AuditInput): number {
    const record = chainRecord(key, this.head, actor, at, input);
    this.#records.push(record);
    return record.seq;
  }

  event(at: string, event: PlatformEvent): void {
    this.#events.push(eventRow(at, event));
  }

  /** The incident had activity at `at` (later activity of the batch wins). */
  incidentActive(incidentId: string, at: string): void {
    const known = this.#activity.get(incidentId);
    if (known === undefined || at > known) this.#activity.set(incidentId, at);
  }

  /** A write set the incident's last activity to `at` itself: nothing earlier is left to write. */
  activityWritten(incidentId: string, at: string): void {
    const known = this.#activity.get(incidentId);
    if (known !== undefined && known <= at) this.#activity.delete(incidentId);
  }

  nextEntrySeq(): number {
    return ++this.entrySeq;
  }

  /**
   * How to put the ledger back as it is now, for a write that failed. `rolledBack` says the write's statements were
   * undone (its savepoint, or the whole transaction); otherwise rows it owed may already have been sent, and then it
   * cannot be put back (false): the batch must run again.
   */
  save(): (rolledBack: boolean) => boolean {
    const head = { ...this.head };
    const entrySeq = this.entrySeq;
    const records = this.#records.length;
    const events = this.#events.length;
    const activity = new Map(this.#activity);
    const owed = this.#owed.length;
    const sentUpTo = this.#sentUpTo;
    return (rolledBack) => {
      if (!rolledBack && this.#sentUpTo > owed) return false;
      Object.assign(this.head, head);
      this.entrySeq = entrySeq;
      this.#records.length = records;
      this.#events.length = events;
      this.#activity = activity;
      this.#owed.length = owed;
      this.#sentUpTo = rolledBack ? Math.min(this.#sentUpTo, sentUpTo) : this.#sentUpTo;
      return true;
    };
  }

  /** Writes what the batch owes, in as few statements as the engine allows. */
  async settle(): Promise<void> {
    const trx = this.trx;
    const engine = this.engine;
    if (engine === 'postgres' && this.#fitsOneStatement()) return this.#settleAtOnce(trx);
    await this.flush();
    for (let i = 0; i < this.#records.length; i += ROWS_PER_INSERT) {
      const rows = this.#records.slice(i, i + ROWS_PER_INSERT);
      if (engine === 'postgres' && i + ROWS_PER_INSERT >= this.#records.length) {
        // The last records and the head's move in one statement: a data-modifying CTE runs whether read or not.
        await trx
          .with('chained', (db) => db.insertInto('audit_records').values(rows))
          .updateTable('audit_head')
          .set({ seq: this.head.seq, hash: this.head.hash })
          .where('id', '=', 1)
          .execute();
      } else {
        // On SQLite the head follows each inserted record by trigger (migration 0028).
        await trx.insertInto('audit_records').values(rows).execute();
      }
    }
    for (let i = 0; i < this.#events.length; i += ROWS_PER_INSERT) {
      const rows = this.#events.slice(i, i + ROWS_PER_INSERT);
      if (engine === 'postgres' && i + ROWS_PER_INSERT >= this.#events.length) {
        // One notification per batch: listeners read every event after their position, whatever it names.
        await trx
          .with('stored', (db) => db.insertInto('stream_events').values(rows).returning('position'))
          .selectFrom('stored')
          .select(sql<string>`pg_notify(${EVENTS_CHANNEL}, max(position)::text)`.as('notified'))
          .execute();
      } else {
        await trx.insertInto('stream_events').values(rows).execute();
      }
    }
    const activity = [...this.#activity];
    for (let i = 0; i < activity.length; i += ROWS_PER_INSERT)
      await activityUpdate(trx, activity.slice(i, i + ROWS_PER_INSERT)).execute();
  }

  #fitsOneStatement(): boolean {
    return (
      this.#owed.length - this.#sentUpTo <= ROWS_PER_INSERT &&
      this.#records.length <= ROWS_PER_INSERT &&
      this.#events.length <= ROWS_PER_INSERT &&
      this.#activity.size <= ROWS_PER_INSERT
    );
  }

  /**
   * PostgreSQL: what the batch owes in one statement, one round trip under the lock instead of three. Each part is
   * a data-modifying CTE, which runs whether read or not; the head's move, or a select, ends it.
   */
  async #settleAtOnce(trx: Kysely<Database>): Promise<void> {
    const parts: RawBuilder<unknown>[] = [];
    // Owed rows first: an entry's reach and its audit record's subject exist by the statement's end, when the
    // foreign keys are checked.
    for (const [i, [table, rows]] of [...owedByTable(this.#owed.slice(this.#sentUpTo))].entries())
      parts.push(sql`${sql.raw(`owed_${i}`)} as (${owedInsert(trx, table, rows)})`);
    this.#sentUpTo = this.#owed.length;
    if (this.#records.length > 0)
      parts.push(sql`chained as (${trx.insertInto('audit_records').values(this.#records)})`);
    if (this.#events.length > 0)
      parts.push(
        sql`stored as (${trx.insertInto('stream_events').values(this.#events).returning('position')})`,
      );
    if (this.#activity.size > 0) parts.push(sql`active as (${activityUpdate(trx, [...this.#activity])})`);
    if (parts.length === 0) return;
    // One notification per batch: listeners read every event after their position, whatever it names.
    const notify =
      this.#events.length > 0
        ? sql`(select pg_notify(${EVENTS_CHANNEL}, max(position)::text) from stored)`
        : sql`null`;
    const last =
      this.#records.length > 0
        ? sql`update audit_head set seq = ${this.head.seq}, hash = ${this.head.hash} where id = 1 returning ${notify}`
        : sql`select ${notify}`;
    await sql`with ${sql.join(parts, sql`, `)} ${last}`.execute(trx);
  }
}

/**
 * The insert of owed rows. A key's row goes without the lock's protection from the moment it is owed to the moment
 * it is sent: a request that wrote nothing may store the same key meanwhile (`recordUnpairedResponse`). That one
 * then stored first; the write stands, and its repeats are answered from that row, never with a database error.
 */
function owedInsert(trx: Kysely<Database>, table: OwedTable, rows: ReadonlyArray<OwedRow['row']>) {
  const insert = trx.insertInto(table).values(rows as never);
  return table === 'idempotency_keys' ? insert.onConflict((oc) => oc.column('key_hash').doNothing()) : insert;
}

/** Owed rows by table, tables in the order of their first row. */
function owedByTable(rows: readonly OwedRow[]): Map<OwedTable, Array<OwedRow['row']>> {
  const out = new Map<OwedTable, Array<OwedRow['row']>>();
  for (const { table, row } of rows) {
    const list = out.get(table);
    if (list) list.push(row);
    else out.set(table, [row]);
  }
  return out;
}

/** The incidents' last activity, each its own instant, in one update. */
function activityUpdate(trx: Kysely<Database>, part: ReadonlyArray<readonly [string, string]>) {
  return trx
    .updateTable('incidents')
    .set({
      last_activity_at:
        part.length === 1
          ? part[0]![1]
          : sql<string>`case id ${sql.join(
              part.map(([id, at]) => sql`when ${id} then ${at}`),
              sql` `,
            )} end`,
    })
    .where(
      'id',
      'in',
      part.map(([id]) => id),
    );
}
