import QRCode from 'qrcode';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { inWrite } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound, TooMany, Unauthenticated } from '../platform/errors.js';
import { organisationById } from '../registry/organisations.js';
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
  type SecondFactorSetup,
  type UpdateUserRequest,
  type User,
} from './model.js';
import { afterFailedLogin, isLocked, isSessionAlive, passwordProblem, shouldTouchSession } from './rules.js';
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
import * as store from './store.js';

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
    secondFactorEnrolmentRequired: ROLES_REQUIRING_SECOND_FACTOR.includes(role) && row.totp_enabled !== 1,
    language: row.language,
    timeZone: row.time_zone,
    viaToken: via === 'token',
    viaDisplay: false,
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
  return (await store.getAllUsers(platform.db.kysely, org)).map(store.toUser);
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
    const set: Partial<store.UserRow> = {};
    if (change.displayName !== undefined) set.display_name = change.displayName;
    if (change.role !== undefined) set.role = change.role;
    if (change.active !== undefined) set.active = change.active ? 1 : 0;
    if (change.onDuty !== undefined) set.on_duty = change.onDuty ? 1 : 0;
    if (change.resetSecondFactor) {
      set.totp_enabled = 0;
      set.totp_secret = null;
      set.totp_last_step = null;
    }
    if (change.active === true) {
      set.failed_logins = 0;
      set.locked_until = null;
    }
    if (Object.keys(set).length > 0) await w.trx.updateTable('users').set(set).where('id', '=', id).execute();
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
    return store.toUser(await store.getUserOrThrow(w.trx, id));
  });
}

/** Failed sign-ins per client address in the last minute, per instance. */
const failuresByAddress = new Map<string, number[]>();

function recentFailures(address: string, now: number): number[] {
  const list = (failuresByAddress.get(address) ?? []).filter((t) => now - t < 60_000);
  failuresByAddress.set(address, list);
  return list;
}

export interface SignIn {
  sessionSecret: string;
  me: Me;
}

export async function signIn(
  platform: Platform,
  input: {
    email: string;
    password: string;
    totp?: string | undefined;
    address: string;
    userAgent?: string | undefined;
  },
): Promise<SignIn> {
  const now = new Date();
  const { config } = platform;
  if (recentFailures(input.address, now.getTime()).length >= config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
    throw new TooMany('too many failed sign-ins from this address; wait a minute');
  }
  const user = await store.getUserByEmail(platform.db.kysely, input.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);

  const fail = async (error: Unauthenticated, countAgainstAccount: boolean) => {
    recentFailures(input.address, now.getTime()).push(now.getTime());
    if (user && countAgainstAccount) {
      await inWrite(platform, { actor: { userId: null, organisation: null } }, async (w) => {
        const fresh = await store.getUserOrThrow(w.trx, user.id);
        const next = afterFailedLogin(
          { failedLogins: fresh.failed_logins, lockedUntil: fresh.locked_until },
          now,
          { maxFailures: config.LOGIN_MAX_FAILURES, lockMinutes: config.LOGIN_LOCK_MINUTES },
        );
        await w.trx
          .updateTable('users')
          .set({ failed_logins: next.failedLogins, locked_until: next.lockedUntil })
          .where('id', '=', user.id)
          .execute();
        await w.audit({
          action: next.lockedUntil !== fresh.locked_until ? 'user.locked' : 'user.sign-in-failed',
          subjectType: 'user',
          subjectId: user.id,
          details: { address: input.address, reason: error.code },
        });
      });
    }
    throw error;
  };

  if (user?.active !== 1)
    return fail(new Unauthenticated('wrong e-mail address or password', 'invalid-credentials'), false);
  if (isLocked({ failedLogins: user.failed_logins, lockedUntil: user.locked_until }, now)) {
    throw new Unauthenticated(
      `this account is locked after repeated failed sign-ins until ${user.locked_until}; ask your organisation's administrator`,
      'account-locked',
    );
  }
  if (!passwordOk)
    return fail(new Unauthenticated('wrong e-mail address or password', 'invalid-credentials'), true);
  let step: number | undefined;
  if (user.totp_enabled === 1 && user.totp_secret) {
    if (!input.totp) {
      throw new Unauthenticated(
        'enter the six-digit code from your authenticator app',
        'second-factor-required',
      );
    }
    step = totpStep(user.totp_secret, input.totp, now.getTime());
    if (step === undefined || (user.totp_last_step !== null && step <= user.totp_last_step)) {
      return fail(
        new Unauthenticated('that code is not valid; enter the current one', 'second-factor-required'),
        true,
      );
    }
  }
  const sessionSecret = newSecret('bps_');
  const idHash = secretHash(sessionSecret);
  const at = now.toISOString();
  const me = await inWrite(
    platform,
    { actor: { userId: user.id, organisation: user.organisation } },
    async (w) => {
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
        .set({
          failed_logins: 0,
          locked_until: null,
          last_login_at: at,
          ...(step !== undefined ? { totp_last_step: step } : {}),
        })
        .where('id', '=', user.id)
        .execute();
      await w.audit({
        action: 'user.signed-in',
        subjectType: 'user',
        subjectId: user.id,
        details: { address: input.address },
      });
      return toMe(await store.getUserOrThrow(w.trx, user.id), 'session');
    },
  );
  return { sessionSecret, me };
}

export async function signOut(platform: Platform, actor: Actor): Promise<void> {
  // A wall screen signs out by forgetting its cookie; its token stays valid until revoked.
  if (!actor.sessionIdHash) return;
  const idHash = actor.sessionIdHash;
  await inWrite(platform, { actor }, async (w) => {
    await w.trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    await w.audit({ action: 'user.signed-out', subjectType: 'user', subjectId: actor.userId });
  });
}

/** Resolves a session cookie or a bearer token to an actor, or undefined when neither is valid. */
export async function authenticate(
  platform: Platform,
  credentials: { sessionSecret?: string | undefined; bearer?: string | undefined },
): Promise<{ actor: Actor; me: Me } | undefined> {
  const now = new Date();
  const db = platform.db.kysely;
  if (credentials.bearer?.startsWith(DISPLAY_PREFIX)) {
    return authenticateDisplay(platform, credentials.bearer, now);
  }
  if (credentials.bearer) {
    const row = await store.getTokenWithUser(db, secretHash(credentials.bearer));
    if (!row || row.revoked_at !== null || row.active !== 1) return undefined;
    if (!row.token_last_used_at || shouldTouchSession(row.token_last_used_at, now)) {
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
    const row = await store.getSessionWithUser(db, idHash);
    if (row?.active !== 1) return undefined;
    const alive = isSessionAlive(
      { createdAt: row.session_created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at },
      now,
      platform.config.SESSION_IDLE_MINUTES,
    );
    if (!alive) {
      await store.deleteSession(db, idHash);
      return undefined;
    }
    if (shouldTouchSession(row.last_seen_at, now)) await store.touchSession(db, idHash, now.toISOString());
    return { actor: actorOf(row, 'session', idHash), me: toMe(row, 'session') };
  }
  return undefined;
}

export async function getMe(platform: Platform, actor: Actor, me?: Me | null): Promise<Me> {
  // A wall screen is no user: it is described by its display token, as authentication found it.
  if (actor.via === 'display' && me) return me;
  return toMe(await store.getUserOrThrow(platform.db.kysely, actor.userId), actor.via);
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

export async function confirmSecondFactor(platform: Platform, actor: Actor, code: string): Promise<Me> {
  return inWrite(platform, { actor }, async (w) => {
    const user = await store.getUserOrThrow(w.trx, actor.userId);
    if (user.totp_enabled === 1) throw new Conflict('a second factor is already enabled');
    if (!user.totp_secret) throw new Conflict('start the set-up first');
    const step = totpStep(user.totp_secret, code);
    if (step === undefined) throw new Invalid('code: that code is not valid; enter the current one', 'code');
    await w.trx
      .updateTable('users')
      .set({ totp_enabled: 1, totp_last_step: step })
      .where('id', '=', actor.userId)
      .execute();
    await w.audit({ action: 'user.second-factor-enabled', subjectType: 'user', subjectId: actor.userId });
    return toMe(await store.getUserOrThrow(w.trx, actor.userId), actor.via);
  });
}

export async function changePassword(
  platform: Platform,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await store.getUserOrThrow(platform.db.kysely, actor.userId);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new Invalid('currentPassword: the current password is wrong', 'currentPassword');
  }
  const problem = passwordProblem(input.newPassword, { email: user.email });
  if (problem) throw new Invalid(`newPassword: ${problem}`, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await inWrite(platform, { actor }, async (w) => {
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
  actor: Pick<Actor, 'userId' | 'organisation'>,
  name: string,
  idempotency?: Parameters<typeof inWrite>[1]['idempotency'],
): Promise<CreatedToken> {
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

/** A wall screen: the read rights of its organisation (as a viewer), never an author, never timed out for idling. */
async function authenticateDisplay(
  platform: Platform,
  token: string,
  now: Date,
): Promise<{ actor: Actor; me: Me } | undefined> {
  const db = platform.db.kysely;
  const row = await db
    .selectFrom('display_tokens')
    .selectAll()
    .where('token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  if (!row.last_used_at || shouldTouchSession(row.last_used_at, now)) {
    await db
      .updateTable('display_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  const actor: Actor = {
    userId: `display:${row.id}`,
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
    timeZone: 'Europe/Brussels',
    viaToken: false,
    viaDisplay: true,
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
  });
}

/** Checks a display token before a wall screen stores it in its cookie. */
export async function checkDisplayToken(platform: Platform, token: string): Promise<Me> {
  const who = token.startsWith(DISPLAY_PREFIX)
    ? await authenticateDisplay(platform, token, new Date())
    : undefined;
  if (!who) throw new Unauthenticated('this display token is not valid or has been revoked', 'invalid-token');
  return who.me;
}
