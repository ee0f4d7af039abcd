import type { Kysely } from 'kysely';
import type { Engine } from '../platform/db/index.js';
import type { Database } from '../platform/db/schema.js';
import { type AlertingTimings, DEFAULT_TIMINGS, type EscalationStage } from './escalation-model.js';

export const PLATFORM_SCOPE = '*';

/** The platform's times and, when given, one organisation's overrides laid over them. */
export async function timingsFor(db: Kysely<Database>, organisation?: string) {
  const scopes = organisation ? [PLATFORM_SCOPE, organisation] : [PLATFORM_SCOPE];
  const rows = await db.selectFrom('alerting_timings').selectAll().where('scope', 'in', scopes).execute();
  const platformRow = rows.find((r) => r.scope === PLATFORM_SCOPE);
  const own = organisation ? rows.find((r) => r.scope === organisation) : undefined;
  const platform: AlertingTimings = {
    acknowledgeWithinMinutes:
      platformRow?.acknowledge_within_minutes ?? DEFAULT_TIMINGS.acknowledgeWithinMinutes,
    adminsAfterMinutes: platformRow?.admins_after_minutes ?? DEFAULT_TIMINGS.adminsAfterMinutes,
    contactPointStaleDays: platformRow?.contact_point_stale_days ?? DEFAULT_TIMINGS.contactPointStaleDays,
  };
  return {
    platform,
    acknowledgeWithinMinutes: own?.acknowledge_within_minutes ?? platform.acknowledgeWithinMinutes,
    adminsAfterMinutes: own?.admins_after_minutes ?? platform.adminsAfterMinutes,
    ownAcknowledgeWithin: own?.acknowledge_within_minutes != null,
    ownAdminsAfter: own?.admins_after_minutes != null,
  };
}

export async function storeTimings(
  db: Kysely<Database>,
  row: {
    scope: string;
    acknowledgeWithinMinutes: number | null;
    adminsAfterMinutes: number | null;
    contactPointStaleDays: number | null;
    at: string;
    by: string;
  },
): Promise<void> {
  const values = {
    acknowledge_within_minutes: row.acknowledgeWithinMinutes,
    admins_after_minutes: row.adminsAfterMinutes,
    contact_point_stale_days: row.contactPointStaleDays,
    updated_at: row.at,
    updated_by_user_id: row.by,
  };
  await db
    .insertInto('alerting_timings')
    .values({ scope: row.scope, ...values })
    .onConflict((oc) => oc.column('scope').doUpdateSet(values))
    .execute();
}

export async function storedTimingsRow(db: Kysely<Database>, scope: string) {
  return db.selectFrom('alerting_timings').selectAll().where('scope', '=', scope).executeTakeFirst();
}

export async function insertEscalations(
  db: Kysely<Database>,
  rows: ReadonlyArray<{
    notificationId: string;
    organisation: string;
    incidentId: string | null;
    nextAt: string;
  }>,
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('alert_escalations')
    .values(
      rows.map((r) => ({
        notification_id: r.notificationId,
        organisation: r.organisation,
        incident_id: r.incidentId,
        stage: 'awaiting',
        next_at: r.nextAt,
        updated_at: at,
      })),
    )
    .execute();
}

/**
 * The alert and its escalation as the deciding write sees them; on PostgreSQL the notification row is locked, so
 * an acknowledgement committing at the same moment is either seen here or waits for this decision.
 */
export async function escalationForDecision(db: Kysely<Database>, engine: Engine, notificationId: string) {
  let q = db
    .selectFrom('notifications')
    .select(['id', 'organisation', 'kind', 'incident_id', 'acknowledged_at'])
    .where('id', '=', notificationId);
  if (engine === 'postgres') q = q.forUpdate();
  const notification = await q.executeTakeFirst();
  if (!notification) return undefined;
  const escalation = await db
    .selectFrom('alert_escalations')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .executeTakeFirst();
  return escalation && { notification, escalation };
}

export async function setStage(
  db: Kysely<Database>,
  notificationId: string,
  change: { stage: EscalationStage; nextAt: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('alert_escalations')
    .set({ stage: change.stage, next_at: change.nextAt, updated_at: change.at })
    .where('notification_id', '=', notificationId)
    .execute();
}

/** The people an escalation step reaches: active accounts of the organisation, on duty or its org-admins. */
export async function peopleToAlert(
  db: Kysely<Database>,
  organisation: string,
  who: 'on-duty' | 'org-admins',
) {
  let q = db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'language'])
    .where('organisation', '=', organisation)
    .where('active', '=', 1)
    .where('role', '!=', 'admin');
  q = who === 'on-duty' ? q.where('on_duty', '=', 1) : q.where('role', '=', 'org-admin');
  return q.orderBy('display_name').execute();
}

export async function contactPointMailbox(
  db: Kysely<Database>,
  organisation: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('contact_points')
    .select('mailbox')
    .where('organisation', '=', organisation)
    .executeTakeFirst();
  return row?.mailbox ?? null;
}

export interface DeliveryRow {
  id: string;
  notificationId: string | null;
  checkId: string | null;
  organisation: string;
  step: string;
  channel: string;
  recipient: string;
  recipientUserId: string | null;
  outboxId: string | null;
  at: string;
}

export async function insertDeliveries(db: Kysely<Database>, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('alert_deliveries')
    .values(
      rows.map((r) => ({
        id: r.id,
        notification_id: r.notificationId,
        check_id: r.checkId,
        organisation: r.organisation,
        step: r.step,
        channel: r.channel,
        recipient: r.recipient,
        recipient_user_id: r.recipientUserId,
        outbox_id: r.outboxId,
        at: r.at,
      })),
    )
    .execute();
}

/** Deliveries with their outbox state (pending, sent, failed), for the roll call and the check reports. */
export async function deliveriesOf(
  db: Kysely<Database>,
  by: { notificationIds?: readonly string[]; checkIds?: readonly string[] },
) {
  const notificationIds = by.notificationIds ?? [];
  const checkIds = by.checkIds ?? [];
  if (notificationIds.length === 0 && checkIds.length === 0) return [];
  return db
    .selectFrom('alert_deliveries as d')
    .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
    .select([
      'd.id',
      'd.notification_id',
      'd.check_id',
      'd.organisation',
      'd.step',
      'd.channel',
      'd.recipient',
      'd.recipient_user_id',
      'd.at',
      'o.state as outbox_state',
      'o.sent_at as outbox_sent_at',
    ])
    .where((eb) =>
      eb.or([
        ...(notificationIds.length ? [eb('d.notification_id', 'in', [...notificationIds])] : []),
        ...(checkIds.length ? [eb('d.check_id', 'in', [...checkIds])] : []),
      ]),
    )
    .orderBy('d.at')
    .orderBy('d.id')
    .execute();
}
