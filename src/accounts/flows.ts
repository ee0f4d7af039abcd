import QRCode from 'qrcode';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { inWrite } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound, TooMany, Unauthenticated } from '../platform/errors.js';
import { isLanguage, type Language } from '../platform/language.js';
import { organisationById } from '../registry/organisations.js';
import { meAbilities } from '../sharing/abilities.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import * as userPolicy from '../sharing/users.js';
import {
  type ApiToken,
  type CreatedDisplayToken,
  type CreatedToken,
  type CreateUserRequest,
  type DisplayToken,
  type Me,
  ROLES_REQUIRING_SECOND_FACTOR,
  type Role,
  type SecondFactorEnabled,
  type SecondFactorSetup,
  type UpdateUserRequest,
  type User,
} from './model.js';
import * as recovery from './recovery.js';
import { matchRecoveryCode } from './recovery-codes.js';
import * as recoveryStore from './recovery-store.js';
import { isSessionAlive, passwordProblem, sessionEndsAt, shouldTouchSession } from './rules.js';
import {
  decoyHash,
  hashPassword,
  newSecret,
  newTotpSecret,
  secretHash,
  totpStep,
  totpUri,
  verifyPassword,
} from './secrets.js';
import { sessionCache } from './session-cache.js';
import * as attempts from './sign-in-attempts.js';
import { limitsOf } from './sign-in-limits.js';
import * as store from './store.js';

type SessionRow = NonNullable<Awaited<ReturnType<typeof store.getSessionWithUser>>>;

// Here, not in model.ts: the web app imports model.ts and knows nothing of the server's HTTP layer.
declare module '../platform/http/app.js' {
  /** What the platform passes along as a request's caller is this module's `Me`. */
  interface CallerProfile extends Me {}
}

export const SESSION_COOKIE = 'bp_session';

function organisationSummary(id: string) {
  const org = organisationById(id);
  return { id, name: org?.name ?? id, kind: org?.kind ?? ('member-state' as const) };
}

export function toMe(row: store.UserRow, via: Actor['via']): Me {
  const role = row.role as Role;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role,
    organisation: organisationSummary(row.organisation),
    secondFactorEnabled: row.totp_enabled === 1,
    secondFactorEnrolmentRequired:
      (ROLES_REQUIRING_SECOND_FACTOR.includes(role) || row.second_factor_required === 1) &&
      row.totp_enabled !== 1,
    language: row.language,
    languageChosen: row.language_chosen === 1,
    timeZone: row.time_zone,
    viaToken: via === 'token',
    viaDisplay: false,
    abilities: meAbilities({ userId: row.id, organisation: row.organisation, role, via }),
  };
}

function actorOf(row: store.UserRow, via: Actor['via'], sessionIdHash?: string): Actor {
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: row.role as Role,
    via,
    ...(sessionIdHash ? { sessionIdHash } : {}),
    ...(row.language_chosen === 1 && isLanguage(row.language) ? { language: row.language } : {}),
  };
}

/** Creates a user; with no actor it is the platform itself (first administrator, CLI, demo). */
export async function createUser(
  platform: Platform,
  actor: Actor | null,
  input: CreateUserRequest,
): Promise<User> {
  const org = organisationById(input.organisation);
  if (!org) throw new Invalid(`organisation: unknown organisation "${input.organisation}"`, 'organisation');
  const organisation = org.id;
  if (actor) {
    assertAllowed(
      userPolicy.createUser,
      `you may not create ${input.role} users for ${organisation}`,
      actor,
      { organisation, role: input.role },
    );
  }
  const problem = passwordProblem(input.password, { email: input.email });
  if (problem) throw new Invalid(`password: ${problem}`, 'password');
  const passwordHash = await hashPassword(input.password);
  return inWrite(platform, { actor: actor ?? { userId: null, organisation: null } }, async (w) => {
    const existing = await store.getUserByEmail(w.trx, input.email);
    if (existing) throw new Conflict(`email: a user with ${input.email} already exists`, 'email');
    const id = uuidv7();
    await w.trx
      .insertInto('users')
      .values({
        id,
        email: input.email,
        display_name: input.displayName,
        organisation,
        role: input.role,
        password_hash: passwordHash,
        active: 1,
        on_duty: input.onDuty ? 1 : 0,
        totp_secret: null,
        totp_enabled: 0,
        totp_last_step: null,
        failed_logins: 0,
        locked_until: null,
        language: 'en',
        time_zone: 'Europe/Brussels',
        created_at: w.now,
        last_login_at: null,
      })
      .execute();
    await w.audit({
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      details: { email: input.email, organisation, role: input.role },
    });
    return store.toUser(await store.getUserOrThrow(w.trx, id));
  });
}

export async function listUsers(platform: Platform, actor: Actor, organisation?: string): Promise<User[]> {
  const org = organisation ?? (actor.role === 'admin' ? undefined : actor.organisation);
  if (org === undefined) {
    assertAllowed(userPolicy.listUsers, 'only platform admins list every user', actor, '*');
  } else {
    assertAllowed(userPolicy.listUsers, `you may not list the users of ${org}`, actor, org);
  }
  return (await store.getAllUsers(platform.db.kysely, org)).map((row) => recovery.userFor(actor, row));
}

export async function updateUser(
  platform: Platform,
  actor: Actor,
  id: string,
  change: UpdateUserRequest,
  idempotency?: Parameters<typeof inWrite>[1]['idempotency'],
): Promise<User> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const target = await store.getUser(w.trx, id);
    const subject = target && { id: target.id, organisation: target.organisation, role: target.role as Role };
    if (!target || !subject) throw new NotFound(`no user ${id}`);
    const onlyDuty = Object.keys(change).every((k) => k === 'onDuty');
    if (onlyDuty) {
      assertAllowed(userPolicy.setOnDuty, 'you may not change this duty roster', actor, subject);
    } else {
      assertAllowed(
        userPolicy.manageUser,
        target.id === actor.userId
          ? 'you may not change your own role or access'
          : 'you may not manage this user',
        actor,
        subject,
        change.role,
      );
    }
    // An exercise's principals exist only to write its injects: no change makes them an account anyone uses.
    if (target.exercise_control === 1)
      throw new Conflict('this is an exercise-control principal: it cannot be changed or activated');
    const set: Partial<store.UserRow> = {};
    if (change.displayName !== undefined) set.display_name = change.displayName;
    if (change.role !== undefined) set.role = change.role;
    if (change.active !== undefined) set.active = change.active ? 1 : 0;
    if (change.onDuty !== undefined) set.on_duty = change.onDuty ? 1 : 0;
    if (change.active === true) {
      // Reactivating also lifts a sign-in lock.
      set.failed_logins = 0;
      set.locked_until = null;
      await attempts.forgetAccountCounter(w.trx, attempts.accountSubject(target.email));
    }
    if (Object.keys(set).length > 0) await w.trx.updateTable('users').set(set).where('id', '=', id).execute();
    if (change.resetSecondFactor) await recovery.resetSecondFactorIn(w, actor, target);
    // Losing access or a second factor ends every open session and token use at once.
    if (change.active === false || change.role !== undefined || change.resetSecondFactor) {
      await w.trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    if (change.active === false) {
      await w.trx
        .updateTable('api_tokens')
        .set({ revoked_at: w.now })
        .where('user_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await w.audit({ action: 'user.updated', subjectType: 'user', subjectId: id, details: { ...change } });
    // Open streams re-check who they serve: a deactivated account or a new role must not keep receiving.
    if (!onlyDuty) await w.emit({ type: 'principal-changed', userId: id });
    return recovery.userFor(actor, await store.getUserOrThrow(w.trx, id));
  });
}

export interface SignIn {
  sessionSecret: string;
  me: Me;
}

const PLATFORM_ACTOR = { userId: null, organisation: null };

/** The answer to an attempt the limits refuse before verifying it: the same whether the address has an account. */
function refusal(refused: { reason: 'locked' | 'slowed'; until: Date }, now: Date): Unauthenticated {
  const seconds = Math.max(1, Math.ceil((refused.until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new Unauthenticated(
    refused.reason === 'locked'
      ? `too many failed sign-ins: sign-in is locked for ${wait}; try again then, or ask your organisation's administrator`
      : `too many failed sign-ins: try again in ${wait}`,
    'locked',
  );
}

const wrongCredentials = () => new Unauthenticated('wrong e-mail address or password', 'invalid-credentials');
const codeRefused = () =>
  new Unauthenticated('that code is not valid; enter the current one', 'second-factor-required');
const recoveryCodeRefused = () =>
  new Unauthenticated(
    'that recovery code is not valid or was used already; each code works once',
    'second-factor-required',
  );

/**
 * Signs in under the limits of sign-in-limits.ts. The attempt is counted in a transaction of its own before the
 * password is verified (the hash must not run while the write lock is held), and its outcome is written after.
 */
export async function signIn(
  platform: Platform,
  input: {
    email: string;
    password: string;
    totp?: string | undefined;
    recoveryCode?: string | undefined;
    address: string;
    userAgent?: string | undefined;
  },
): Promise<SignIn> {
  const now = platform.clock.now();
  const { config } = platform;
  const limits = limitsOf(config);
  const engine = platform.db.engine;
  const subjects = attempts.attemptSubjects(input.email, input.address);
  const { decision, user } = await inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
    const reserved = await attempts.reserve(w.trx, engine, subjects, now, limits);
    const found = await store.getUserByEmail(w.trx, input.email);
    // Administrators see the lock on the account (the decision itself rests on the counters).
    if (reserved.allowed && reserved.locksAccount && found) {
      await w.trx
        .updateTable('users')
        .set({ locked_until: reserved.account.lockedUntil })
        .where('id', '=', found.id)
        .execute();
    }
    return { decision: reserved, user: found };
  });
  if (!decision.allowed) throw refusal(decision, now);

  const fail = async (error: Unauthenticated): Promise<never> => {
    await inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
      await attempts.recordFailure(w.trx, engine, subjects, now, limits);
      if (user) {
        await w.audit({
          action: decision.locksAccount ? 'user.locked' : 'user.sign-in-failed',
          subjectType: 'user',
          subjectId: user.id,
          details: { address: input.address, reason: error.code },
        });
      }
    });
    throw error;
  };

  // No account: a decoy hash is verified all the same, so the work and the answers match; an inactive account
  // is answered like a wrong password.
  const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
  if (user?.active !== 1 || !passwordOk) return fail(wrongCredentials());
  let step: number | undefined;
  let recoveryCodeId: string | undefined;
  if (user.totp_enabled === 1 && user.totp_secret) {
    if (!input.totp && !input.recoveryCode) {
      // The password was right: this attempt is no failure, and the code's own attempts are counted as usual.
      await inWrite(platform, { actor: PLATFORM_ACTOR }, async (w) => {
        await attempts.releaseBoth(w.trx, engine, subjects, now, limits);
        if (decision.locksAccount) {
          await w.trx.updateTable('users').set({ locked_until: null }).where('id', '=', user.id).execute();
        }
      });
      throw new Unauthenticated(
        'enter the six-digit code from your authenticator app',
        'second-factor-required',
      );
    }
    if (input.totp) {
      step = totpStep(user.totp_secret, input.totp, now.getTime());
      if (step === undefined) return fail(codeRefused());
    } else if (input.recoveryCode) {
      // A recovery code stands in for the authenticator, once; its failures count like a wrong code's.
      const unused = await recoveryStore.getUnusedRecoveryCodes(platform.db.kysely, user.id);
      recoveryCodeId = await matchRecoveryCode(unused, input.recoveryCode);
      if (recoveryCodeId === undefined) return fail(recoveryCodeRefused());
    }
  }
  const codeStep = step;
  const spentCode = recoveryCodeId;
  const sessionSecret = newSecret('bps_');
  const idHash = secretHash(sessionSecret);
  const at = now.toISOString();
  let me: Me;
  try {
    me = await inWrite(
      platform,
      { actor: { userId: user.id, organisation: user.organisation } },
      async (w) => {
        const current = await store.getUser(w.trx, user.id);
        // Deactivated, or given a new password, while the hash was being checked: the verified password is stale.
        if (current?.active !== 1 || current.password_hash !== user.password_hash) throw wrongCredentials();
        if (codeStep !== undefined) {
          // Spending the time step is the check: of parallel sign-ins with one code, exactly one changes the row.
          const spent = await w.trx
            .updateTable('users')
            .set({ totp_last_step: codeStep })
            .where('id', '=', user.id)
            .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', codeStep)]))
            .executeTakeFirst();
          if (Number(spent.numUpdatedRows) === 0) throw codeRefused();
        }
        if (spentCode !== undefined) {
          // Spending it is the check: of parallel sign-ins with one recovery code, exactly one gets in.
          if (!(await recoveryStore.spendRecoveryCode(w.trx, spentCode, at))) throw recoveryCodeRefused();
          await w.audit({
            action: 'user.recovery-code-used',
            subjectType: 'user',
            subjectId: user.id,
            details: { remaining: await recoveryStore.countUnusedRecoveryCodes(w.trx, user.id) },
          });
        }
        await w.trx
          .insertInto('sessions')
          .values({
            id_hash: idHash,
            user_id: user.id,
            created_at: at,
            last_seen_at: at,
            expires_at: new Date(now.getTime() + config.SESSION_MAX_HOURS * 3_600_000).toISOString(),
            address: input.address,
            user_agent: input.userAgent?.slice(0, 300) ?? null,
          })
          .execute();
        await w.trx
          .updateTable('users')
          .set({ failed_logins: 0, locked_until: null, last_login_at: at })
          .where('id', '=', user.id)
          .execute();
        await attempts.recordSuccess(w.trx, engine, subjects, now, limits);
        await w.audit({
          action: 'user.signed-in',
          subjectType: 'user',
          subjectId: user.id,
          details: { address: input.address },
        });
        return toMe(await store.getUserOrThrow(w.trx, user.id), 'session');
      },
    );
  } catch (error) {
    if (error instanceof Unauthenticated) return fail(error);
    throw error;
  }
  return { sessionSecret, me };
}

export async function signOut(platform: Platform, actor: Actor): Promise<void> {
  // A wall screen signs out by forgetting its cookie; its token stays valid until revoked.
  if (!actor.sessionIdHash) return;
  const idHash = actor.sessionIdHash;
  await inWrite(platform, { actor }, async (w) => {
    await w.trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    await w.audit({ action: 'user.signed-out', subjectType: 'user', subjectId: actor.userId });
    await w.emit({ type: 'principal-changed', userId: actor.userId, sessionIdHash: idHash });
  });
}

/** Resolves a session cookie or a bearer token to an actor, or undefined when neither is valid. */
export async function authenticate(
  platform: Platform,
  credentials: { sessionSecret?: string | undefined; bearer?: string | undefined },
  /** `touch: false` checks without counting as activity (an open stream re-checking its caller). */
  options: { touch?: boolean } = {},
): Promise<{ actor: Actor; me: Me; sessionEnds?: string } | undefined> {
  const now = platform.clock.now();
  const touch = options.touch !== false;
  const db = platform.db.kysely;
  if (credentials.bearer?.startsWith(DISPLAY_PREFIX)) {
    return authenticateDisplay(platform, credentials.bearer, now, touch);
  }
  if (credentials.bearer) {
    const row = await store.getTokenWithUser(db, secretHash(credentials.bearer));
    if (!row || row.revoked_at !== null || row.active !== 1) return undefined;
    if (touch && (!row.token_last_used_at || shouldTouchSession(row.token_last_used_at, now))) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.token_id)
        .execute();
    }
    return { actor: actorOf(row, 'token'), me: toMe(row, 'token') };
  }
  if (credentials.sessionSecret) {
    const idHash = secretHash(credentials.sessionSecret);
    const sessions = sessionCache<SessionRow>(platform.db);
    const alive = (row: SessionRow) =>
      isSessionAlive(
        { createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at },
        now,
        platform.config.SESSION_IDLE_MINUTES,
      );
    // An ordinary request may use the session as this process last read it; a re-check (an open stream asking
    // whether its caller may still read) and a session that looks ended always read it again: another instance
    // may have moved its last activity.
    const remembered = touch ? sessions.get(idHash) : undefined;
    let row = remembered && alive(remembered) ? remembered : undefined;
    if (!row) {
      const ticket = sessions.ticket();
      const read = await store.getSessionWithUser(db, idHash);
      if (read?.active !== 1) return undefined;
      if (!alive(read)) {
        sessions.forget(idHash);
        await store.deleteSession(db, idHash);
        return undefined;
      }
      sessions.remember(idHash, read, ticket);
      row = read;
    }
    const touched = touch && shouldTouchSession(row.last_seen_at, now);
    if (touched) {
      await store.touchSession(db, idHash, now.toISOString());
      sessions.touched(idHash, now.toISOString());
    }
    const sessionEnds = sessionEndsAt(
      { lastSeenAt: touched ? now.toISOString() : row.last_seen_at, expiresAt: row.expires_at },
      platform.config.SESSION_IDLE_MINUTES,
    );
    return { actor: actorOf(row, 'session', idHash), me: toMe(row, 'session'), sessionEnds };
  }
  return undefined;
}

export async function getMe(platform: Platform, actor: Actor, me?: Me | null): Promise<Me> {
  // A wall screen is no user: it is described by its display token, as authentication found it.
  if (actor.via === 'display' && me) return me;
  return toMe(await store.getUserOrThrow(platform.db.kysely, actor.userId), actor.via);
}

/** The user chooses the language generated text is written in for them, on every read path and stream. */
export async function setLanguage(platform: Platform, actor: Actor, language: Language): Promise<Me> {
  return inWrite(platform, { actor }, async (w) => {
    const before = await store.getUserOrThrow(w.trx, actor.userId);
    await w.trx
      .updateTable('users')
      .set({ language, language_chosen: 1 })
      .where('id', '=', actor.userId)
      .execute();
    await w.audit({
      action: 'user.language-set',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { from: before.language_chosen === 1 ? before.language : null, to: language },
    });
    return toMe(await store.getUserOrThrow(w.trx, actor.userId), actor.via);
  });
}

export async function startSecondFactorSetup(platform: Platform, actor: Actor): Promise<SecondFactorSetup> {
  const secret = newTotpSecret();
  const uri = totpUri(secret, actor.email);
  await inWrite(platform, { actor }, async (w) => {
    const user = await store.getUserOrThrow(w.trx, actor.userId);
    if (user.totp_enabled === 1)
      throw new Conflict('a second factor is already enabled; ask an administrator to reset it');
    await w.trx.updateTable('users').set({ totp_secret: secret }).where('id', '=', actor.userId).execute();
    await w.audit({
      action: 'user.second-factor-setup-started',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri: uri, qrSvg };
}

export async function confirmSecondFactor(
  platform: Platform,
  actor: Actor,
  code: string,
): Promise<SecondFactorEnabled> {
  // The recovery codes are made and hashed before the write (argon2 stays out of it) and shown this once.
  const { codes, hashed } = await recovery.prepareRecoveryCodes();
  return inWrite(platform, { actor }, async (w) => {
    const user = await store.getUserOrThrow(w.trx, actor.userId);
    if (user.totp_enabled === 1) throw new Conflict('a second factor is already enabled');
    if (!user.totp_secret) throw new Conflict('start the set-up first');
    const step = totpStep(user.totp_secret, code, platform.clock.now().getTime());
    if (step === undefined) throw new Invalid('code: that code is not valid; enter the current one', 'code');
    // Conditional, like sign-in: of two confirmations at once only one enables the factor and spends the step.
    const enabled = await w.trx
      .updateTable('users')
      .set({ totp_enabled: 1, totp_last_step: step })
      .where('id', '=', actor.userId)
      .where('totp_enabled', '=', 0)
      .executeTakeFirst();
    if (Number(enabled.numUpdatedRows) === 0) throw new Conflict('a second factor is already enabled');
    await w.trx
      .updateTable('users')
      .set({ second_factor_required: 0 })
      .where('id', '=', actor.userId)
      .execute();
    await recoveryStore.replaceRecoveryCodes(w.trx, actor.userId, hashed, w.now);
    await w.audit({
      action: 'user.second-factor-enabled',
      subjectType: 'user',
      subjectId: actor.userId,
      details: { recoveryCodes: codes.length },
    });
    return { ...toMe(await store.getUserOrThrow(w.trx, actor.userId), actor.via), recoveryCodes: codes };
  });
}

export async function changePassword(
  platform: Platform,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; address: string },
): Promise<void> {
  const now = platform.clock.now();
  const limits = limitsOf(platform.config);
  const engine = platform.db.engine;
  const user = await store.getUserOrThrow(platform.db.kysely, actor.userId);
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw new Invalid(`newPassword: ${problem}`, 'newPassword');
  // Checking the current password is a sign-in attempt: counted under the same limits before the hash runs, so
  // whoever holds a session cannot guess the password behind it faster than the sign-in page allows.
  const subjects = attempts.attemptSubjects(user.email, input.address);
  const decision = await inWrite(platform, { actor }, (w) =>
    attempts.reserve(w.trx, engine, subjects, now, limits),
  );
  if (!decision.allowed) throw new TooMany(refusal(decision, now).message);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await inWrite(platform, { actor }, (w) => attempts.recordFailure(w.trx, engine, subjects, now, limits));
    throw new Invalid('currentPassword: the current password is wrong', 'currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inWrite(platform, { actor }, async (w) => {
    await attempts.releaseBoth(w.trx, engine, subjects, now, limits);
    // Changed meanwhile (a parallel change with the same current password): the verified password is stale.
    const current = await store.getUser(w.trx, actor.userId);
    if (current?.password_hash !== user.password_hash)
      throw new Invalid('currentPassword: the current password is wrong', 'currentPassword');
    await w.trx
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', actor.userId)
      .execute();
    // Other sessions end: whoever knew the old password is signed out everywhere else.
    let others = w.trx.deleteFrom('sessions').where('user_id', '=', actor.userId);
    if (actor.sessionIdHash) others = others.where('id_hash', '!=', actor.sessionIdHash);
    await others.execute();
    await w.audit({ action: 'user.password-changed', subjectType: 'user', subjectId: actor.userId });
    await w.emit({ type: 'principal-changed', userId: actor.userId });
  });
}

function toToken(row: Awaited<ReturnType<typeof store.getAllTokensOfUser>>[number]): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listTokens(platform: Platform, actor: Actor): Promise<ApiToken[]> {
  return (await store.getAllTokensOfUser(platform.db.kysely, actor.userId)).map(toToken);
}

/** A token acts as its user, with that user's organisation and role; the secret is shown once. */
export async function createToken(
  platform: Platform,
  actor: Pick<Actor, 'userId' | 'organisation'> & { via?: Actor['via'] },
  name: string,
  idempotency?: Parameters<typeof inWrite>[1]['idempotency'],
): Promise<CreatedToken> {
  assertAllowed(userPolicy.createApiToken, 'a wall screen cannot create API tokens', actor);
  const token = newSecret('bpt_');
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const id = uuidv7();
    await w.trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: actor.userId,
        name,
        token_hash: secretHash(token),
        created_at: w.now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await w.audit({
      action: 'token.created',
      subjectType: 'api-token',
      subjectId: id,
      details: { name, userId: actor.userId },
    });
    return { id, name, userId: actor.userId, createdAt: w.now, lastUsedAt: null, revokedAt: null, token };
  });
}

export async function revokeToken(platform: Platform, actor: Actor, id: string): Promise<void> {
  await inWrite(platform, { actor }, async (w) => {
    const row = await w.trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFound(`no token ${id}`);
    const owner = await store.getUserOrThrow(w.trx, row.user_id);
    const own = row.user_id === actor.userId;
    const managed = isAllowed(userPolicy.manageUser, actor, {
      id: owner.id,
      organisation: owner.organisation,
      role: owner.role as Role,
    });
    if (!own && !managed) throw new NotFound(`no token ${id}`);
    if (row.revoked_at) return;
    await w.trx.updateTable('api_tokens').set({ revoked_at: w.now }).where('id', '=', id).execute();
    await w.audit({ action: 'token.revoked', subjectType: 'api-token', subjectId: id });
    await w.emit({ type: 'principal-changed', userId: row.user_id });
  });
}

export function assertSecondFactorSatisfied(me: Me): void {
  if (me.secondFactorEnrolmentRequired) {
    throw new Forbidden(
      'administrators must enable a second factor before doing anything else',
      undefined,
      'second-factor-enrolment-required',
    );
  }
}

const DISPLAY_PREFIX = 'bpd_';

/** A wall screen acts under an id of its own, never a user's. */
const displayUserId = (tokenId: string) => `display:${tokenId}`;

/** A wall screen: the read rights of its organisation (as a viewer), never an author, never timed out for idling. */
async function authenticateDisplay(
  platform: Platform,
  token: string,
  now: Date,
  touch = true,
): Promise<{ actor: Actor; me: Me } | undefined> {
  const db = platform.db.kysely;
  const row = await db
    .selectFrom('display_tokens')
    .selectAll()
    .where('token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  if (touch && (!row.last_used_at || shouldTouchSession(row.last_used_at, now))) {
    await db
      .updateTable('display_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  const actor: Actor = {
    userId: displayUserId(row.id),
    email: '',
    displayName: row.name,
    organisation: row.organisation,
    role: 'viewer',
    via: 'display',
  };
  const me: Me = {
    id: actor.userId,
    email: '',
    displayName: row.name,
    role: 'viewer',
    organisation: organisationSummary(row.organisation),
    secondFactorEnabled: false,
    secondFactorEnrolmentRequired: false,
    language: 'en',
    languageChosen: false,
    timeZone: 'Europe/Brussels',
    viaToken: false,
    viaDisplay: true,
    abilities: meAbilities(actor),
  };
  return { actor, me };
}

function toDisplayToken(row: {
  id: string;
  name: string;
  organisation: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): DisplayToken {
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function listDisplayTokens(platform: Platform, actor: Actor): Promise<DisplayToken[]> {
  assertAllowed(
    userPolicy.manageDisplays,
    'only coordinators and org-admins manage wall screens',
    actor,
    actor.organisation,
  );
  const rows = await platform.db.kysely
    .selectFrom('display_tokens')
    .selectAll()
    .where('organisation', '=', actor.organisation)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toDisplayToken);
}

export async function createDisplayToken(
  platform: Platform,
  actor: Actor,
  name: string,
  idempotency?: Parameters<typeof inWrite>[1]['idempotency'],
): Promise<CreatedDisplayToken> {
  assertAllowed(
    userPolicy.manageDisplays,
    'only coordinators and org-admins manage wall screens',
    actor,
    actor.organisation,
  );
  const token = newSecret(DISPLAY_PREFIX);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const id = uuidv7();
    const row = {
      id,
      organisation: actor.organisation,
      name,
      token_hash: secretHash(token),
      created_by: actor.userId,
      created_at: w.now,
      last_used_at: null,
      revoked_at: null,
    };
    await w.trx.insertInto('display_tokens').values(row).execute();
    await w.audit({
      action: 'display-token.created',
      subjectType: 'display-token',
      subjectId: id,
      details: { name },
    });
    return { ...toDisplayToken(row), token };
  });
}

export async function revokeDisplayToken(platform: Platform, actor: Actor, id: string): Promise<void> {
  await inWrite(platform, { actor }, async (w) => {
    const row = await w.trx.selectFrom('display_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !isAllowed(userPolicy.manageDisplays, actor, row.organisation))
      throw new NotFound(`no display token ${id}`);
    if (row.revoked_at) return;
    await w.trx.updateTable('display_tokens').set({ revoked_at: w.now }).where('id', '=', id).execute();
    await w.audit({ action: 'display-token.revoked', subjectType: 'display-token', subjectId: id });
    await w.emit({ type: 'principal-changed', userId: displayUserId(id) });
  });
}

/** Checks a display token before a wall screen stores it in its cookie. */
export async function checkDisplayToken(platform: Platform, token: string): Promise<Me> {
  const who = token.startsWith(DISPLAY_PREFIX)
    ? await authenticateDisplay(platform, token, platform.clock.now())
    : undefined;
  if (!who) throw new Unauthenticated('this display token is not valid or has been revoked', 'invalid-token');
  return who.me;
}
