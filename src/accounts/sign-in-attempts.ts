import type { Kysely } from 'kysely';
import type { Engine } from '../platform/db/index.js';
import type { Database, SignInLimitsTable } from '../platform/db/schema.js';
import { secretHash } from './secrets.js';
import {
  afterFailure,
  currentCounter,
  type LimitCounter,
  type Reservation,
  releaseAttempt,
  reserveAttempt,
  type SignInLimits,
} from './sign-in-limits.js';

/**
 * The sign-in counters in the database, shared by every instance. Each function runs inside the caller's write
 * transaction and locks the rows it decides on (`for update` on PostgreSQL; SQLite's write lock is already held),
 * always the account's row before the address's, so concurrent attempts queue instead of all passing.
 */

export interface AttemptSubjects {
  /** A hash of the e-mail address typed: addresses with and without an account are counted alike. */
  account: string;
  address: string;
}

export function attemptSubjects(email: string, address: string): AttemptSubjects {
  // The typed address is hashed: people sometimes type a password into the e-mail field.
  return { account: accountSubject(email), address };
}

export function accountSubject(email: string): string {
  return secretHash(`sign-in:${email.trim().toLowerCase()}`);
}

type Kind = 'account' | 'address';

async function lockCounter(
  trx: Kysely<Database>,
  engine: Engine,
  kind: Kind,
  subject: string,
  now: string,
): Promise<LimitCounter> {
  await trx
    .insertInto('sign_in_limits')
    .values({ kind, subject, failures: 0, last_failure_at: null, locked_until: null, updated_at: now })
    .onConflict((oc) => oc.columns(['kind', 'subject']).doNothing())
    .execute();
  let query = trx
    .selectFrom('sign_in_limits')
    .selectAll()
    .where('kind', '=', kind)
    .where('subject', '=', subject);
  if (engine === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return toCounter(row);
}

function toCounter(row: SignInLimitsTable): LimitCounter {
  return {
    failures: row.failures,
    lastFailureAt: row.last_failure_at,
    lockedUntil: row.locked_until,
    updatedAt: row.updated_at,
  };
}

async function storeCounter(trx: Kysely<Database>, kind: Kind, subject: string, c: LimitCounter) {
  await trx
    .updateTable('sign_in_limits')
    .set({
      failures: c.failures,
      last_failure_at: c.lastFailureAt,
      locked_until: c.lockedUntil,
      updated_at: c.updatedAt,
    })
    .where('kind', '=', kind)
    .where('subject', '=', subject)
    .execute();
}

async function lockBoth(trx: Kysely<Database>, engine: Engine, s: AttemptSubjects, now: Date) {
  const at = now.toISOString();
  const account = await lockCounter(trx, engine, 'account', s.account, at);
  const address = await lockCounter(trx, engine, 'address', s.address, at);
  return { account, address };
}

/** Counts the attempt before its password is verified, or refuses it; nothing is written on a refusal. */
export async function reserve(
  trx: Kysely<Database>,
  engine: Engine,
  s: AttemptSubjects,
  now: Date,
  limits: SignInLimits,
): Promise<Reservation> {
  const { account, address } = await lockBoth(trx, engine, s, now);
  const decision = reserveAttempt(account, address, now, limits);
  if (decision.allowed) {
    await storeCounter(trx, 'account', s.account, decision.account);
    await storeCounter(trx, 'address', s.address, decision.address);
  }
  return decision;
}

/** The password (or code) was wrong: the reserved failure stays, and the slow-down runs from now. */
export async function recordFailure(
  trx: Kysely<Database>,
  engine: Engine,
  s: AttemptSubjects,
  now: Date,
  limits: SignInLimits,
): Promise<void> {
  const { account, address } = await lockBoth(trx, engine, s, now);
  await storeCounter(trx, 'account', s.account, afterFailure(currentCounter(account, now, limits), now));
  await storeCounter(trx, 'address', s.address, afterFailure(currentCounter(address, now, limits), now));
}

/** The password was right and the second factor is still to come: this attempt was no failure. */
export async function releaseBoth(
  trx: Kysely<Database>,
  engine: Engine,
  s: AttemptSubjects,
  now: Date,
  limits: SignInLimits,
): Promise<void> {
  const { account, address } = await lockBoth(trx, engine, s, now);
  await storeCounter(
    trx,
    'account',
    s.account,
    releaseAttempt(currentCounter(account, now, limits), now, limits),
  );
  await storeCounter(
    trx,
    'address',
    s.address,
    releaseAttempt(currentCounter(address, now, limits), now, limits),
  );
}

/**
 * Signed in: the account starts over, the address gets this attempt back (not more: a colleague's success
 * must not hand a guesser on the same network a fresh allowance), and long-quiet counters are cleared away.
 */
export async function recordSuccess(
  trx: Kysely<Database>,
  engine: Engine,
  s: AttemptSubjects,
  now: Date,
  limits: SignInLimits,
): Promise<void> {
  const { address } = await lockBoth(trx, engine, s, now);
  await forgetAccountCounter(trx, s.account);
  await storeCounter(
    trx,
    'address',
    s.address,
    releaseAttempt(currentCounter(address, now, limits), now, limits),
  );
  const at = now.toISOString();
  const quietSince = new Date(now.getTime() - limits.lockMinutes * 60_000).toISOString();
  await trx
    .deleteFrom('sign_in_limits')
    .where('updated_at', '<', quietSince)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .execute();
}

/** An administrator reactivating an account also lifts its sign-in lock. */
export async function forgetAccountCounter(trx: Kysely<Database>, subject: string): Promise<void> {
  await trx
    .deleteFrom('sign_in_limits')
    .where('kind', '=', 'account')
    .where('subject', '=', subject)
    .execute();
}
