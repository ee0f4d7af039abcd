import type { Kysely } from 'kysely';
import type { Engine } from '../platform/db/index.js';
import type { Database } from '../platform/db/schema.js';

export async function insertCheck(
  db: Kysely<Database>,
  check: {
    id: string;
    organisations: readonly string[];
    runAt: string;
    repeatEveryDays: number | null;
    note: string;
    byUserId: string;
    byOrganisation: string;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('contact_checks')
    .values({
      id: check.id,
      organisations: JSON.stringify(check.organisations),
      run_at: check.runAt,
      repeat_every_days: check.repeatEveryDays,
      note: check.note,
      scheduled_by_user_id: check.byUserId,
      scheduled_by_organisation: check.byOrganisation,
      created_at: check.at,
      sent_at: null,
    })
    .execute();
  await db
    .insertInto('contact_check_targets')
    .values(
      check.organisations.map((organisation) => ({
        check_id: check.id,
        organisation,
        sent_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledged_by_user_id: null,
        channel: null,
      })),
    )
    .execute();
}

export async function getCheckRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('contact_checks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markSent(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('contact_checks').set({ sent_at: at }).where('id', '=', id).execute();
  await db.updateTable('contact_check_targets').set({ sent_at: at }).where('check_id', '=', id).execute();
}

/** One organisation's part of a check, as the deciding write reads it (locked on PostgreSQL). */
export async function targetForDecision(
  db: Kysely<Database>,
  engine: Engine,
  id: string,
  organisation: string,
) {
  let q = db
    .selectFrom('contact_check_targets')
    .selectAll()
    .where('check_id', '=', id)
    .where('organisation', '=', organisation);
  if (engine === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function recordAnswer(
  db: Kysely<Database>,
  answer: { id: string; organisation: string; at: string; by: string; byUserId: string; channel: string },
): Promise<void> {
  await db
    .updateTable('contact_check_targets')
    .set({
      acknowledged_at: answer.at,
      acknowledged_by: answer.by,
      acknowledged_by_user_id: answer.byUserId,
      channel: answer.channel,
    })
    .where('check_id', '=', answer.id)
    .where('organisation', '=', answer.organisation)
    .where('acknowledged_at', 'is', null)
    .execute();
}

/** Checks newest first, with the targets of the given organisations (all when `organisations` is 'all'). */
export async function listChecks(
  db: Kysely<Database>,
  scope: { organisations: 'all' | readonly string[]; open?: boolean; checkId?: string; limit?: number },
) {
  let tq = db.selectFrom('contact_check_targets').selectAll();
  if (scope.organisations !== 'all') {
    if (scope.organisations.length === 0) return [];
    tq = tq.where('organisation', 'in', [...scope.organisations]);
  }
  if (scope.open) tq = tq.where('acknowledged_at', 'is', null).where('sent_at', 'is not', null);
  if (scope.checkId) tq = tq.where('check_id', '=', scope.checkId);
  const targets = await tq.execute();
  const ids = [...new Set(targets.map((t) => t.check_id))];
  if (ids.length === 0) return [];
  const checks = await db
    .selectFrom('contact_checks')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('run_at', 'desc')
    .orderBy('id', 'desc')
    .limit(scope.limit ?? 100)
    .execute();
  return checks.map((c) => ({
    check: c,
    targets: targets
      .filter((t) => t.check_id === c.id)
      .sort((a, b) => a.organisation.localeCompare(b.organisation)),
  }));
}

/** Each organisation's latest answered check. */
export async function lastAnswers(db: Kysely<Database>) {
  return db
    .selectFrom('contact_check_targets')
    .select(['organisation', (eb) => eb.fn.max('acknowledged_at').as('last')])
    .where('acknowledged_at', 'is not', null)
    .groupBy('organisation')
    .execute();
}

/** Organisations with something to check: a mailbox or someone on duty. */
export async function organisationsWithContactPoint(db: Kysely<Database>): Promise<Set<string>> {
  const [mailboxes, duty] = await Promise.all([
    db.selectFrom('contact_points').select('organisation').where('mailbox', 'is not', null).execute(),
    db
      .selectFrom('users')
      .select('organisation')
      .where('on_duty', '=', 1)
      .where('active', '=', 1)
      .where('role', '!=', 'admin')
      .execute(),
  ]);
  return new Set([...mailboxes, ...duty].map((r) => r.organisation));
}

export async function deliveryOf(db: Kysely<Database>, id: string) {
  return db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who a check reaches in an organisation: the people on duty, and the contact point's mailbox. */
export async function checkRecipients(db: Kysely<Database>, organisation: string) {
  const [people, point] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'organisation', 'role', 'language', 'language_chosen'])
      .where('organisation', '=', organisation)
      .where('on_duty', '=', 1)
      .where('active', '=', 1)
      .where('role', '!=', 'admin')
      .orderBy('display_name')
      .execute(),
    db
      .selectFrom('contact_points')
      .select('mailbox')
      .where('organisation', '=', organisation)
      .executeTakeFirst(),
  ]);
  return { people, mailbox: point?.mailbox ?? null };
}

export async function insertCheckDeliveries(
  db: Kysely<Database>,
  rows: ReadonlyArray<{
    id: string;
    checkId: string;
    organisation: string;
    channel: string;
    recipient: string;
    recipientUserId: string | null;
    outboxId: string | null;
    at: string;
  }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('alert_deliveries')
    .values(
      rows.map((r) => ({
        id: r.id,
        notification_id: null,
        check_id: r.checkId,
        organisation: r.organisation,
        step: 'check',
        channel: r.channel,
        recipient: r.recipient,
        recipient_user_id: r.recipientUserId,
        outbox_id: r.outboxId,
        at: r.at,
      })),
    )
    .execute();
}

export async function checkDeliveries(db: Kysely<Database>, checkIds: readonly string[]) {
  if (checkIds.length === 0) return [];
  return db
    .selectFrom('alert_deliveries as d')
    .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select([
      'd.id',
      'd.check_id',
      'd.organisation',
      'd.channel',
      'd.recipient',
      'd.at',
      'o.state as outbox_state',
    ])
    .where('d.check_id', 'in', [...checkIds])
    .orderBy('d.at')
    .orderBy('d.id')
    .execute();
}
