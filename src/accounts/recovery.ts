/**
 * Ways back into an account: an administrator lifting a sign-in lock, a one-time link to set a new password
 * (sent by an administrator or asked for on the sign-in page), the operator's `users reset-password`, one-time
 * recovery codes in place of a lost authenticator, and an administrator's reset of a second factor.
 */
import { uuidv7 } from 'uuidv7';
import { channelsOf } from '../outbox/channels.js';
import { enqueue } from '../outbox/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { organisationById } from '../registry/organisations.js';
import { userAbilities } from '../sharing/abilities.js';
import { assertAllowed } from '../sharing/policy.js';
import * as userPolicy from '../sharing/users.js';
import type { RecoveryCodes, Role, User } from './model.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import * as recoveryStore from './recovery-store.js';
import { type MailLanguage, mailLanguage, resetMail } from './reset-mail.js';
import { passwordProblem } from './rules.js';
import { hashPassword, newSecret, secretHash } from './secrets.js';
import * as attempts from './sign-in-attempts.js';
import * as store from './store.js';

const PLATFORM_ACTOR = { userId: null, organisation: null };

/** A self-service request sends at most one link per account in this interval; the answer is the same. */
const SELF_SERVICE_INTERVAL_MS = 60_000;

type Idempotency = Parameters<typeof inWrite>[1]['idempotency'];

const subjectOf = (row: store.UserRow) => ({
  id: row.id,
  organisation: row.organisation,
  role: row.role as Role,
});

/** A user as an administrator sees them, with what that administrator may do to help them back in. */
export function userFor(actor: Actor, row: store.UserRow): User {
  return { ...store.toUser(row), abilities: userAbilities(actor, subjectOf(row)) };
}

async function targetOrThrow(w: WriteContext, id: string): Promise<store.UserRow> {
  const target = await store.getUser(w.trx, id);
  if (!target) throw new NotFound(`no user ${id}`);
  return target;
}

/** Lifts a sign-in lock: the account's counter starts over, as after a correct password. */
export async function unlockUser(
  platform: Platform,
  actor: Actor,
  id: string,
  idempotency?: Idempotency,
): Promise<User> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const target = await targetOrThrow(w, id);
    assertAllowed(userPolicy.unlockUser, 'you may not unlock this account', actor, subjectOf(target));
    await recoveryStore.clearLock(w.trx, id);
    await attempts.forgetAccountCounter(w.trx, attempts.accountSubject(target.email));
    await w.audit({ action: 'user.unlocked', subjectType: 'user', subjectId: id });
    return userFor(actor, await store.getUserOrThrow(w.trx, id));
  });
}

function publicUrl(platform: Platform): string {
  const { config } = platform;
  return (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * Issues a reset link inside the caller's write: earlier open links stop working, only the token's hash is
 * stored, and the e-mail goes into the outbox, to be delivered once this write has committed.
 */
async function issueResetLink(
  platform: Platform,
  w: WriteContext,
  user: store.UserRow,
  options: { sentBy?: Actor; language: MailLanguage },
): Promise<{ expiresAt: string }> {
  const token = newSecret('bpr_');
  const minutes = platform.config.PASSWORD_RESET_MINUTES;
  const expiresAt = new Date(Date.parse(w.now) + minutes * 60_000).toISOString();
  await recoveryStore.deleteOpenPasswordResets(w.trx, user.id);
  await recoveryStore.insertPasswordReset(w.trx, {
    tokenHash: secretHash(token),
    userId: user.id,
    requestedBy: options.sentBy?.userId ?? null,
    at: w.now,
    expiresAt,
  });
  const sentBy = options.sentBy && {
    name: options.sentBy.displayName,
    organisation: organisationById(options.sentBy.organisation)?.name ?? options.sentBy.organisation,
  };
  // The token travels in the fragment: browsers send no fragment to servers, so it stays out of access logs.
  const link = `${publicUrl(platform)}/reset-password#token=${encodeURIComponent(token)}`;
  await enqueue(w, channelsOf(platform.config).email, {
    recipient: user.email,
    content: resetMail(options.language, {
      name: user.display_name,
      email: user.email,
      link,
      minutes,
      sentBy,
    }),
    cause: 'password-reset',
  });
  return { expiresAt };
}

/** An administrator sends a user a link to set a new password, to the account's own address. */
export async function sendPasswordReset(
  platform: Platform,
  actor: Actor,
  id: string,
  idempotency?: Idempotency,
): Promise<{ expiresAt: string }> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const target = await targetOrThrow(w, id);
    assertAllowed(
      userPolicy.sendPasswordReset,
      'you may not send this user a password-reset link',
      actor,
      subjectOf(target),
    );
    if (target.active !== 1) throw new Conflict('the account is deactivated: reactivate it first');
    const issued = await issueResetLink(platform, w, target, {
      sentBy: actor,
      language: mailLanguage(target.language),
    });
    await w.audit({
      action: 'user.password-reset-sent',
      subjectType: 'user',
      subjectId: id,
      details: { expiresAt: issued.expiresAt },
    });
    return issued;
  });
}

/**
 * Someone on the sign-in page asks for a link. Whether the address has an account, is deactivated, locked or
 * was sent a link a moment ago, the work is one write with no network call and no password hash, and the
 * answer is the same sentence; a link goes out only to an active account.
 */
export async function requestPasswordReset(
  platform: Platform,
  input: { email: string; language?: MailLanguage | undefined; address: string },
): Promise<{ message: string }> {
  await inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
    const user = await store.getUserByEmail(w.trx, input.email);
    if (user?.active !== 1) return;
    const since = new Date(Date.parse(w.now) - SELF_SERVICE_INTERVAL_MS).toISOString();
    if (await recoveryStore.getRecentPasswordReset(w.trx, user.id, since)) return;
    const issued = await issueResetLink(platform, w, user, {
      language: input.language ?? mailLanguage(user.language),
    });
    await w.audit({
      action: 'user.password-reset-requested',
      subjectType: 'user',
      subjectId: user.id,
      details: { address: input.address, expiresAt: issued.expiresAt },
    });
  });
  return {
    message: `If an account has this address, a link to set a new password is on its way to it; it is valid for ${platform.config.PASSWORD_RESET_MINUTES} minutes.`,
  };
}

const invalidLink = () =>
  new Invalid(
    'token: this link is not valid: it was used already, has expired or was replaced by a newer one; ask for a new link',
    'token',
    'invalid-token',
  );

/**
 * Sets a new password with a link's token: the token is spent (once, even when used twice at once), the sign-in
 * lock lifted, and every session and API token of the user ended.
 */
export async function completePasswordReset(
  platform: Platform,
  input: { token: string; newPassword: string },
): Promise<void> {
  const early = passwordProblem(input.newPassword);
  if (early) throw new Invalid(`newPassword: ${early}`, 'newPassword');
  // Hashed before the write: argon2 must not run while the write lock is held.
  const passwordHash = await hashPassword(input.newPassword);
  const tokenHash = secretHash(input.token);
  await inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
    const reset = await recoveryStore.getPasswordReset(w.trx, tokenHash);
    if (!reset || reset.used_at !== null || reset.expires_at <= w.now) throw invalidLink();
    const user = await store.getUser(w.trx, reset.user_id);
    if (user?.active !== 1) throw invalidLink();
    const problem = passwordProblem(input.newPassword, { email: user.email });
    if (problem) throw new Invalid(`newPassword: ${problem}`, 'newPassword');
    if (!(await recoveryStore.spendPasswordReset(w.trx, tokenHash, w.now))) throw invalidLink();
    await recoveryStore.deleteOpenPasswordResets(w.trx, user.id);
    await recoveryStore.setPassword(w.trx, user.id, passwordHash);
    await attempts.forgetAccountCounter(w.trx, attempts.accountSubject(user.email));
    await recoveryStore.endSessionsAndTokens(w.trx, user.id, w.now);
    await w.audit({
      action: 'user.password-reset',
      subjectType: 'user',
      subjectId: user.id,
      details: { via: reset.requested_by ? 'administrator-link' : 'self-service-link' },
    });
    await w.emit({ type: 'principal-changed', userId: user.id });
  });
}

/**
 * The operator's reset (`blueprint users reset-password`): a new password, the lock lifted, every session and
 * token ended; with `secondFactor` the enrolled factor is removed too and the user enrols again at sign-in.
 */
export async function resetPasswordAsOperator(
  platform: Platform,
  input: { email: string; newPassword: string; secondFactor: boolean },
): Promise<User> {
  const early = passwordProblem(input.newPassword);
  if (early) throw new Invalid(`password: ${early}`, 'password');
  const passwordHash = await hashPassword(input.newPassword);
  return inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
    const user = await store.getUserByEmail(w.trx, input.email);
    if (!user) throw new NotFound(`no user "${input.email}"`);
    const problem = passwordProblem(input.newPassword, { email: user.email });
    if (problem) throw new Invalid(`password: ${problem}`, 'password');
    await recoveryStore.setPassword(w.trx, user.id, passwordHash);
    await recoveryStore.deleteOpenPasswordResets(w.trx, user.id);
    await attempts.forgetAccountCounter(w.trx, attempts.accountSubject(user.email));
    await recoveryStore.endSessionsAndTokens(w.trx, user.id, w.now);
    if (input.secondFactor) await recoveryStore.removeSecondFactor(w.trx, user.id, true);
    await w.audit({
      action: 'user.password-reset',
      subjectType: 'user',
      subjectId: user.id,
      details: { via: 'command-line', secondFactorRemoved: input.secondFactor },
    });
    await w.emit({ type: 'principal-changed', userId: user.id });
    return store.toUser(await store.getUserOrThrow(w.trx, user.id));
  });
}

/**
 * An administrator removes a lost second factor and its recovery codes; the user's sessions end and the user
 * enrols a new factor at the next sign-in before doing anything else.
 */
export async function resetSecondFactor(
  platform: Platform,
  actor: Actor,
  id: string,
  idempotency?: Idempotency,
): Promise<User> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const target = await targetOrThrow(w, id);
    await resetSecondFactorIn(w, actor, target);
    return userFor(actor, await store.getUserOrThrow(w.trx, id));
  });
}

/** The reset inside a write the caller already holds (the user-change route offers it too). */
export async function resetSecondFactorIn(
  w: WriteContext,
  actor: Actor,
  target: store.UserRow,
): Promise<void> {
  assertAllowed(
    userPolicy.resetSecondFactor,
    target.id === actor.userId
      ? 'you may not reset your own second factor; ask another administrator'
      : 'you may not reset the second factor of this user',
    actor,
    subjectOf(target),
  );
  await recoveryStore.removeSecondFactor(w.trx, target.id, true);
  await recoveryStore.endSessions(w.trx, target.id);
  await w.audit({
    action: 'user.second-factor-reset',
    subjectType: 'user',
    subjectId: target.id,
    details: { hadSecondFactor: target.totp_enabled === 1 },
  });
  await w.emit({ type: 'principal-changed', userId: target.id });
}

/** Fresh recovery codes and their hashes, made before the write that stores them (argon2 stays out of it). */
export async function prepareRecoveryCodes(): Promise<{
  codes: string[];
  hashed: Array<{ id: string; codeHash: string }>;
}> {
  const codes = newRecoveryCodes();
  const hashed = await Promise.all(
    codes.map(async (code) => ({ id: uuidv7(), codeHash: await hashRecoveryCode(code) })),
  );
  return { codes, hashed };
}

/** Replaces one's recovery codes (the old ones stop working); only with a second factor enrolled. */
export async function regenerateRecoveryCodes(
  platform: Platform,
  actor: Actor,
  idempotency?: Idempotency,
): Promise<RecoveryCodes> {
  const { codes, hashed } = await prepareRecoveryCodes();
  await inWrite(platform, { actor, idempotency }, async (w) => {
    const user = await store.getUserOrThrow(w.trx, actor.userId);
    if (user.totp_enabled !== 1)
      throw new Conflict(
        'enrol a second factor first: recovery codes stand in for it',
        undefined,
        'no-second-factor',
      );
    await recoveryStore.replaceRecoveryCodes(w.trx, actor.userId, hashed, w.now);
    await w.audit({
      action: 'user.recovery-codes-regenerated',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { count: codes.length },
    });
  });
  return { recoveryCodes: codes };
}
