import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
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

type StoredKey = Pick<
  IdempotencyKeysTable,
  'body_hash' | 'status_code' | 'response' | 'secret' | 'sent' | 'content_type'
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

export async function findStoredKey(db: Kysely<Database>, keyHash: string): Promise<StoredKey | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['body_hash', 'status_code', 'response', 'secret', 'sent', 'content_type'])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

/** Inside the transaction, after the audit head's lock: a key already stored ends the operation before it starts. */
export async function refuseRepeat(trx: Kysely<Database>, scope: IdempotencyScope): Promise<void> {
  const row = await findStoredKey(trx, scope.keyHash);
  if (row) throw answerFor(row, scope.bodyHash);
}

/**
 * Inside the transaction, with the effects: the operation's result as the provisional answer (what the route
 * sends, before serialisation), so the key and the effects commit or vanish together. The HTTP layer replaces it
 * with the bytes actually sent (`recordSentResponse`). A secret-issuing route stores no answer at all.
 */
export async function recordFirstResponse(
  trx: Kysely<Database>,
  scope: IdempotencyScope,
  result: unknown,
  now: string,
): Promise<void> {
  const empty = result === undefined || scope.issuesSecret;
  await trx
    .insertInto('idempotency_keys')
    .values({
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
    })
    .execute();
}

/** After sending: the stored answer becomes exactly what the client received (never for a secret). */
export async function recordSentResponse(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  sent: { status: number; payload: string; contentType: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: sent.status, response: sent.payload, content_type: sent.contentType, sent: 1 })
    .where('key_hash', '=', scope.keyHash)
    .where('secret', '=', 0)
    .where('sent', '=', 0)
    .execute();
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
