import type { Kysely, Selectable } from 'kysely';
import { precompiled } from '../platform/db/precompiled.js';
import type { Database, UsersTable } from '../platform/db/schema.js';
import { NotFound } from '../platform/errors.js';
import type { Role, User } from './model.js';

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: row.role as Role,
    active: row.active === 1,
    onDuty: row.on_duty === 1,
    secondFactorEnabled: row.totp_enabled === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getUserOrThrow(db: Kysely<Database>, id: string): Promise<UserRow> {
  const row = await getUser(db, id);
  if (!row) throw new NotFound(`no user ${id}`);
  return row;
}

export async function getUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** The accounts people use: an exercise's control principals are not among them (they live in the audit log). */
export async function getAllUsers(db: Kysely<Database>, organisation?: string): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().where('exercise_control', '=', 0);
  if (organisation) q = q.where('organisation', '=', organisation);
  return q.orderBy('organisation').orderBy('display_name').execute();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getSessionWithUser(db: Kysely<Database>, idHash: string) {
  const [row] = (await sessionWithUser(db, { idHash })).rows;
  return row;
}

/** Every signed-in request asks it first, so compiled once. */
const sessionWithUser = precompiled((db, p: { idHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id_hash',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
    ])
    .where('sessions.id_hash', '=', p.idHash),
);

export async function touchSession(db: Kysely<Database>, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function getTokenWithUser(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at as token_last_used_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function getAllTokensOfUser(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Active accounts of these organisations whose name or address contains `needle` (lower case), by name. */
export async function findPeople(
  db: Kysely<Database>,
  filter: { organisations: readonly string[]; needle: string; limit: number },
): Promise<UserRow[]> {
  // LIKE escapes differ between engines; a single-character wildcard keeps the match a superset.
  const like = `%${filter.needle.replace(/[\\%_]/g, '_')}%`;
  return db
    .selectFrom('users')
    .selectAll()
    .where('active', '=', 1)
    .where('organisation', 'in', [...filter.organisations])
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['display_name']), 'like', like),
        eb(eb.fn('lower', ['email']), 'like', like),
      ]),
    )
    .orderBy('display_name')
    .orderBy('email')
    .limit(filter.limit)
    .execute();
}
