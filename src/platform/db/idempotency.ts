import { AsyncLocalStorage } from 'node:async_hooks';
import { type Kysely, sql } from 'kysely';
import { Conflict } from '../errors.js';
import type { Database, IdempotencyKeysTable } from './schema.js';

/**
 * An idempotent request's identity. The HTTP layer makes one per keyed write request (src/platform/http/idempotency.ts);
 * the first transaction of that request checks it under the audit head's lock and stores it with its effects, so
 * that repeats, even simultaneous ones on several instances, find it and change nothing.
 */
export interface IdempotencyScope {
  /** Hash of the caller, the method, the concrete path and the key. */
  readonly keyHash: string;
  /** Hash of what the request asks for: its query string and its raw body. */
  readonly bodyHash: string;
  /** The status the route declares for success, if it declares one. */
  readonly declaredStatus: number | undefined;
  readonly method: string;
  readonly path: string;
  /** The route hands out a secret: the key is kept without the response, and any repeat is refused. */
  readonly issuesSecret: boolean;
  /** `open` until a transaction takes it; `stored` once that transaction committed; back to `open` on rollback. */
  state: 'open' | 'taken' | 'stored';
}

/** A repeat of a request already answered: its first status and body, exactly as they were sent when known. */
export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    /** The body as a value (for senders that serialise it again). */
    readonly response: unknown,
    /** The bytes sent the first time with their type; absent while only the operation's result is stored. */
    readonly sent?: { payload: string; contentType: string | null },
  ) {
    super('idempotent replay');
  }
}

export class IdempotencyMismatch extends Conflict {
  constructor() {
    super(
      'this Idempotency-Key was already used with a different body',
      'Idempotency-Key',
      'idempotency-key-reused',
    );
  }
}

export class IdempotencySecretRepeat extends Conflict {
  constructor() {
    super(
      'this Idempotency-Key was used for a call that issued a secret; secrets are never shown twice, use a new key',
      'Idempotency-Key',
      'idempotency-secret',
    );
  }
}

// The request's scope travels with its asynchronous work, so every flow is covered without passing it along.
const ambient = new AsyncLocalStorage<IdempotencyScope>();
let running = 0;

export async function runWithIdempotency<T>(scope: IdempotencyScope, fn: () => Promise<T> | T): Promise<T> {
  running++;
  try {
    return await ambient.run(scope, fn);
  } finally {
    // While any scope is entered, every promise of the process pays for tracking it: with none, it is off. A run
    // switches it on again; work begun outside every scope finds none, as before.
    if (--running === 0) ambient.disable();
  }
}

/**
 * The scope a starting transaction must check and store: the one passed explicitly, else the request's. Only one
 * transaction of a request takes it (the first); later ones, and writes started from after-commit callbacks, run
 * without it.
 */
export function takeIdempotency(given?: IdempotencyScope): IdempotencyScope | undefined {
  const scope = given ?? ambient.getStore();
  if (scope?.state !== 'open') return undefined;
  scope.state = 'taken';
  return scope;
}

/** After the transaction: committed, the key is spent for this request; rolled back, the next transaction may take it. */
export function settleIdempotency(scope: IdempotencyScope, committed: boolean): void {
  scope.state = committed ? 'stored' : 'open';
}

export type StoredKey = Pick<
  IdempotencyKeysTable,
  'key_hash' | 'body_hash' | 'status_code' | 'response' | 'secret' | 'sent' | 'content_type'
>;

/** What a repeat gets for a stored key: the first answer, or the 409 that says why it cannot have it. */
export function answerFor(row: StoredKey, bodyHash: string): Error {
  if (row.secret === 1) return new IdempotencySecretRepeat();
  if (row.body_hash !== bodyHash) return new IdempotencyMismatch();
  const value = parsedOrText(row.response);
  return new IdempotentReplay(
    row.status_code,
    value,
    row.sent === 1 ? { payload: row.response, contentType: row.content_type } : undefined,
  );
}

function parsedOrText(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const STORED_KEY_COLUMNS = [
  'key_hash',
  'body_hash',
  'status_code',
  'response',
  'secret',
  'sent',
  'content_type',
] as const;

export async function findStoredKey(db: Kysely<Database>, keyHash: string): Promise<StoredKey | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(STORED_KEY_COLUMNS)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** The keys of a batch's writes already stored, in one read under the head's lock, by their hash. */
export async function findStoredKeys(
  db: Kysely<Database>,
  keyHashes: readonly string[],
): Promise<Map<string, StoredKey>> {
  if (keyHashes.length === 0) return new Map();
  const rows = await db
    .selectFrom('idempotency_keys')
    .select(STORED_KEY_COLUMNS)
    .where('key_hash', 'in', [...new Set(keyHashes)])
    .execute();
  return new Map(rows.map((r) => [r.key_hash, r]));
}

/**
 * Inside the transaction, under the audit head's lock: a key already stored ends the operation before it starts.
 * `stored` is what the batch knows: the keys it read when it took the lock, and those its earlier writes stored.
 */
export function refuseRepeat(stored: StoredKey | undefined, scope: IdempotencyScope): void {
  if (stored) throw answerFor(stored, scope.bodyHash);
}

/**
 * The key's row, with the operation's result as the provisional answer (what the route sends, before
 * serialisation): written in the transaction with the effects, so the key and the effects commit or vanish
 * together. The HTTP layer replaces it with the bytes actually sent (`recordSentResponse`). A secret-issuing route
 * stores no answer at all.
 */
export function firstResponseRow(
  scope: IdempotencyScope,
  result: unknown,
  now: string,
): IdempotencyKeysTable {
  const empty = result === undefined || scope.issuesSecret;
  return {
    key_hash: scope.keyHash,
    body_hash: scope.bodyHash,
    // Routes without a declared status answer 200 with a body, or 204 when the operation returns nothing.
    status_code: scope.declaredStatus ?? (result === undefined ? 204 : 200),
    response: empty ? '' : JSON.stringify(result),
    created_at: now,
    method: scope.method,
    path: scope.path,
    secret: scope.issuesSecret ? 1 : 0,
    sent: 0,
    content_type: null,
  };
}

type Sent = { status: number; payload: string; contentType: string | null };

/** Answers sent at about the same moment are recorded together: one statement, not one per request. */
const ANSWERS_PER_STATEMENT = 200;
const sentAnswers = new WeakMap<Kysely<Database>, SentAnswers>();

class SentAnswers {
  #pending: Array<{ keyHash: string; sent: Sent; done: () => void; failed: (e: unknown) => void }> = [];
  #scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  record(keyHash: string, sent: Sent): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.#pending.push({ keyHash, sent, done, failed });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // After this turn's I/O, so that the answers of one batch of writes go in one statement.
      setImmediate(() => void this.#write());
    });
  }

  async #write(): Promise<void> {
    const part = this.#pending.splice(0, ANSWERS_PER_STATEMENT);
    if (this.#pending.length > 0) setImmediate(() => void this.#write());
    else this.#scheduled = false;
    const answered = sql.join(
      part.map(
        ({ keyHash, sent }) => sql`(${keyHash}, ${sent.status}, ${sent.payload}, ${sent.contentType})`,
      ),
    );
    try {
      // UPDATE … FROM, which both engines know: each key takes its own answer.
      await sql`with answered (key_hash, status_code, response, content_type) as (values ${answered})
        update idempotency_keys set status_code = cast(answered.status_code as integer),
          response = answered.response, content_type = answered.content_type, sent = 1
        from answered
        where idempotency_keys.key_hash = answered.key_hash
          and idempotency_keys.secret = 0 and idempotency_keys.sent = 0`.execute(this.db);
      for (const p of part) p.done();
    } catch (e) {
      for (const p of part) p.failed(e);
    }
  }
}

/**
 * After sending: the stored answer becomes exactly what the client received (never for a secret). The answers of
 * requests finishing together are written in one statement; each request waits for its own.
 */
export function recordSentResponse(db: Kysely<Database>, scope: IdempotencyScope, sent: Sent): Promise<void> {
  let answers = sentAnswers.get(db);
  if (!answers) {
    answers = new SentAnswers(db);
    sentAnswers.set(db, answers);
  }
  return answers.record(scope.keyHash, sent);
}

/**
 * For a request whose route never opened a transaction: it changed nothing through `inWrite`, so there is no
 * effect to pair the key with; its answer is kept so that repeats get the same one. A concurrent repeat that
 * stored first wins, and this one is dropped.
 */
export async function recordUnpairedResponse(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  sent: { status: number; payload: string; contentType: string | null },
  now: string,
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      key_hash: scope.keyHash,
      body_hash: scope.bodyHash,
      status_code: sent.status,
      response: scope.issuesSecret ? '' : sent.payload,
      created_at: now,
      method: scope.method,
      path: scope.path,
      secret: scope.issuesSecret ? 1 : 0,
      sent: scope.issuesSecret ? 0 : 1,
      content_type: scope.issuesSecret ? null : sent.contentType,
    })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .execute();
}
