import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';

/** A person's choices, keyed `trigger|channel`. */
export async function choicesOf(db: Kysely<Database>, userId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('alert_preferences')
    .select(['trigger', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .execute();
  return new Map(rows.map((r) => [`${r.trigger}|${r.channel}`, Number(r.enabled) === 1]));
}

/** Choices of many people at once, for fanning a notification out. */
export async function choicesOfMany(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, Map<string, boolean>>> {
  const byUser = new Map<string, Map<string, boolean>>();
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('alert_preferences')
      .select(['user_id', 'trigger', 'channel', 'enabled'])
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      const m = byUser.get(r.user_id) ?? new Map<string, boolean>();
      byUser.set(r.user_id, m);
      m.set(`${r.trigger}|${r.channel}`, Number(r.enabled) === 1);
    }
  }
  return byUser;
}

export async function setChoice(
  db: Kysely<Database>,
  c: { userId: string; trigger: string; channel: string; enabled: boolean; at: string },
): Promise<void> {
  await db
    .insertInto('alert_preferences')
    .values({
      user_id: c.userId,
      trigger: c.trigger,
      channel: c.channel,
      enabled: c.enabled ? 1 : 0,
      updated_at: c.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'trigger', 'channel'])
        .doUpdateSet({ enabled: c.enabled ? 1 : 0, updated_at: c.at }),
    )
    .execute();
}

export async function addressesOf(db: Kysely<Database>, userIds: readonly string[]) {
  const byUser = new Map<string, Record<string, string>>();
  if (userIds.length === 0) return byUser;
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('alert_addresses')
      .select(['user_id', 'channel', 'address'])
      .where('user_id', 'in', userIds.slice(i, i + 500))
      .execute();
    for (const r of rows) byUser.set(r.user_id, { ...byUser.get(r.user_id), [r.channel]: r.address });
  }
  return byUser;
}

export async function setAddress(
  db: Kysely<Database>,
  a: { userId: string; channel: string; address: string; at: string },
): Promise<void> {
  if (a.address === '') {
    await db
      .deleteFrom('alert_addresses')
      .where('user_id', '=', a.userId)
      .where('channel', '=', a.channel)
      .execute();
    return;
  }
  await db
    .insertInto('alert_addresses')
    .values({ user_id: a.userId, channel: a.channel, address: a.address, updated_at: a.at })
    .onConflict((oc) =>
      oc.columns(['user_id', 'channel']).doUpdateSet({ address: a.address, updated_at: a.at }),
    )
    .execute();
}
