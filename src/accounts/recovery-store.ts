import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** All SQL of account recovery: reset links, recovery codes, and ending what a reset must end. */

export async function insertPasswordReset(
  trx: Kysely<Database>,
  r: { tokenHash: string; userId: string; requestedBy: string | null; at: string; expiresAt: string },
): Promise<void> {
  await trx
    .insertInto('password_resets')
    .values({
      token_hash: r.tokenHash,
      user_id: r.userId,
      requested_by: r.requestedBy,
      created_at: r.at,
      expires_at: r.expiresAt,
      used_at: null,
    })
    .execute();
}

/** One link at a time: a new link, a completed reset or a new password makes the earlier ones worthless. */
export async function deleteOpenPasswordResets(trx: Kysely<Database>, userId: string): Promise<void> {
  await trx
    .deleteFrom('password_resets')
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function getPasswordReset(trx: Kysely<Database>, tokenHash: string) {
  return trx.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The latest link asked for since `since`, if any: self-service requests send at most one per interval. */
export async function getRecentPasswordReset(trx: Kysely<Database>, userId: string, since: string) {
  return trx
    .selectFrom('password_resets')
    .select('created_at')
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirst();
}

/** Spends a link; false when it was spent already (of two uses at once, exactly one changes the row). */
export async function spendPasswordReset(trx: Kysely<Database>, tokenHash: string, at: string) {
  const spent = await trx
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

/** A new password, with the sign-in lock lifted. */
export async function setPassword(trx: Kysely<Database>, userId: string, passwordHash: string) {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function clearLock(trx: Kysely<Database>, userId: string) {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function endSessions(trx: Kysely<Database>, userId: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Ends every session of the user and revokes every API token: whoever held the old password is out. */
export async function endSessionsAndTokens(trx: Kysely<Database>, userId: string, at: string) {
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Removes the enrolled factor and its recovery codes; `required` makes the user enrol again first thing. */
export async function removeSecondFactor(trx: Kysely<Database>, userId: string, required: boolean) {
  await trx
    .updateTable('users')
    .set({
      totp_enabled: 0,
      totp_secret: null,
      totp_last_step: null,
      ...(required ? { second_factor_required: 1 } : {}),
    })
    .where('id', '=', userId)
    .execute();
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/** Replaces the user's recovery codes with these hashes. */
export async function replaceRecoveryCodes(
  trx: Kysely<Database>,
  userId: string,
  codes: ReadonlyArray<{ id: string; codeHash: string }>,
  at: string,
): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length === 0) return;
  await trx
    .insertInto('recovery_codes')
    .values(
      codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.codeHash, created_at: at, used_at: null })),
    )
    .execute();
}

export async function getUnusedRecoveryCodes(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('recovery_codes')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, codeHash: r.code_hash }));
}

/** Spends a code; false when it was spent meanwhile (a parallel sign-in with the same code). */
export async function spendRecoveryCode(trx: Kysely<Database>, id: string, at: string): Promise<boolean> {
  const spent = await trx
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(trx: Kysely<Database>, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
