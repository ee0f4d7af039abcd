import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { WriteContext } from '../platform/db/write.js';
import { inWrite } from '../platform/db/write.js';
import { Forbidden, NotFound } from '../platform/errors.js';
import {
  type NotifiedSubject,
  PLATFORM_ADMINISTRATORS,
  receiveNotification,
  sendNotificationTo,
} from '../sharing/notifications.js';
import { isAllowed } from '../sharing/policy.js';
import { queueFanOut } from './dispatch.js';
import { requireAcknowledgement } from './escalation-flows.js';
import type { Notification, NotificationKind } from './model.js';
import { hidesInApp, kindsHiddenInApp } from './preferences-flows.js';

/**
 * Notifies organisations inside the write that caused it, so a notification exists exactly when its cause does.
 * Notifications only point at incidents; content stays in the log. Who of those addressed may be sent it is the
 * sharing rules' (`sendNotificationTo`), on the incident as this transaction reads it: the NATO liaison only of an
 * incident released to NATO, and only when `releasedToNato` says the thing notified is released to it too.
 * Returns the notifications' ids, one per organisation.
 */
export async function notify(
  w: WriteContext,
  input: {
    organisations: readonly string[];
    kind: NotificationKind;
    incidentId: string | null;
    body: Record<string, unknown>;
    /** Whether what is notified (a report, a sitrep, the incident's release, a shared fact) is released to NATO. */
    releasedToNato?: boolean;
    /** About no incident, only the addressed organisation's own standing (its webhook): sent to NATO as to anyone. */
    ownAffair?: boolean;
  },
): Promise<string[]> {
  const subject: NotifiedSubject = {
    incidentReleasedToNato: await incidentReleasedToNato(w, input.incidentId),
    releasedToNato: input.releasedToNato === true,
    ownAffair: input.ownAffair === true,
  };
  const organisations = [...new Set(input.organisations)].filter((o) =>
    isAllowed(sendNotificationTo, o, subject),
  );
  if (organisations.length === 0) return [];
  const rows = organisations.map((organisation) => ({
    id: uuidv7(),
    organisation,
    kind: input.kind,
    incident_id: input.incidentId,
    body: JSON.stringify(input.body),
    created_at: w.now,
    acknowledged_at: null,
    acknowledged_by: null,
  }));
  await w.trx.insertInto('notifications').values(rows).execute();
  await requireAcknowledgement(w, rows);
  await queueFanOut(w, rows);
  for (const r of rows)
    await w.emit({ type: 'notification', organisation: r.organisation, notificationId: r.id });
  return rows.map((r) => r.id);
}

/** The incident's release to NATO as this write reads it; null for a notification about no incident. */
async function incidentReleasedToNato(w: WriteContext, incidentId: string | null): Promise<boolean | null> {
  if (incidentId === null) return null;
  const row = await w.trx
    .selectFrom('incidents')
    .select('releasable_to_nato')
    .where('id', '=', incidentId)
    .executeTakeFirst();
  // An incident named but not found is kept from NATO, not mistaken for no incident.
  return row ? Number(row.releasable_to_nato) === 1 : false;
}

/** Whether an organisation already has an open (unacknowledged) notification of this kind for this incident. */
export async function hasOpenNotification(
  w: WriteContext,
  organisation: string,
  kind: NotificationKind,
  incidentId: string,
): Promise<boolean> {
  const row = await w.trx
    .selectFrom('notifications')
    .select('id')
    .where('organisation', '=', organisation)
    .where('kind', '=', kind)
    .where('incident_id', '=', incidentId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

function toNotification(r: {
  id: string;
  organisation: string;
  kind: string;
  incident_id: string | null;
  body: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  title: string | null;
  escalation_stage: string | null;
  escalated_at: string | null;
}): Notification {
  return {
    id: r.id,
    organisation: r.organisation,
    kind: r.kind as NotificationKind,
    incidentId: r.incident_id,
    incidentTitle: r.title,
    body: JSON.parse(r.body) as Record<string, unknown>,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    escalation: escalationOf(r),
  };
}

/** The step an alert reached, from its escalation's stage and when that stage was set; no text is stored. */
function escalationOf(r: {
  created_at: string;
  acknowledged_at: string | null;
  escalation_stage: string | null;
  escalated_at: string | null;
}): Notification['escalation'] {
  const step = r.escalation_stage;
  // Acknowledged, the alert no longer waits, whichever step its escalation had reached.
  if (r.acknowledged_at || (step !== 'duty-contacts' && step !== 'org-admins') || !r.escalated_at)
    return null;
  const minutesWaiting = Math.max(
    0,
    Math.round((Date.parse(r.escalated_at) - Date.parse(r.created_at)) / 60_000),
  );
  return { step, minutesWaiting };
}

function query(platform: Platform) {
  return platform.db.kysely
    .selectFrom('notifications as n')
    .leftJoin('incidents as i', 'i.id', 'n.incident_id')
    .leftJoin('alert_escalations as e', 'e.notification_id', 'n.id')
    .select([
      'n.id',
      'n.organisation',
      'n.kind',
      'n.incident_id',
      'n.body',
      'n.created_at',
      'n.acknowledged_at',
      'n.acknowledged_by',
      'i.title',
      'e.stage as escalation_stage',
      'e.updated_at as escalated_at',
    ]);
}

/**
 * Whose notifications a reader sees: their organisation's, or for a platform admin (who reads no content) only
 * those addressed to the administrators (`receiveNotification`).
 */
function addresseeOf(actor: Actor): string {
  return actor.role === 'admin' ? PLATFORM_ADMINISTRATORS : actor.organisation;
}

/** The caller's organisation's notifications, newest first; a platform admin's organisation gets none of content. */
export async function listNotifications(
  platform: Platform,
  actor: Actor,
  options: { open?: boolean | undefined } = {},
): Promise<Notification[]> {
  let q = query(platform).where('n.organisation', '=', addresseeOf(actor));
  if (options.open) q = q.where('n.acknowledged_at', 'is', null);
  // What the person switched off in the bell (or never switched on) stays for the roll call, out of their list.
  const hidden = await kindsHiddenInApp(platform.db.kysely, actor.userId);
  if (hidden.length > 0) q = q.where('n.kind', 'not in', hidden);
  return (await q.orderBy('n.created_at', 'desc').limit(200).execute()).map(toNotification);
}

/**
 * A notification for the open streams of its organisation: read once, then kept from each reader who chose not to
 * have its kind in the bell (each person's own choice, not the first reader's).
 */
export async function notificationForStreams(
  platform: Platform,
  actors: readonly Actor[],
  id: string,
): Promise<{ notification: Notification; hiddenFrom: Set<string> } | undefined> {
  if (actors.length === 0) return undefined;
  const row = await query(platform)
    .where('n.id', '=', id)
    .where('n.organisation', '=', addresseeOf(actors[0]!))
    .executeTakeFirst();
  if (!row) return undefined;
  const userIds = actors.map((a) => a.userId);
  return {
    notification: toNotification(row),
    hiddenFrom: await hidesInApp(platform.db.kysely, userIds, row.kind),
  };
}

export async function notificationForStream(
  platform: Platform,
  actor: Actor,
  id: string,
): Promise<Notification | undefined> {
  const row = await query(platform)
    .where('n.id', '=', id)
    .where('n.organisation', '=', addresseeOf(actor))
    .executeTakeFirst();
  if (row && (await kindsHiddenInApp(platform.db.kysely, actor.userId)).includes(row.kind)) return undefined;
  return row && toNotification(row);
}

export async function acknowledge(platform: Platform, actor: Actor, id: string): Promise<Notification> {
  await inWrite(platform, { actor }, async (w) => {
    const row = await w.trx.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !isAllowed(receiveNotification, actor, row.organisation))
      throw new NotFound(`no notification ${id}`);
    if (actor.via === 'display') throw new Forbidden('a wall screen only displays');
    if (row.acknowledged_at) return;
    await w.trx
      .updateTable('notifications')
      .set({ acknowledged_at: w.now, acknowledged_by: actor.displayName })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'notification.acknowledged', subjectType: 'notification', subjectId: id });
  });
  const found = await query(platform).where('n.id', '=', id).executeTakeFirstOrThrow();
  return toNotification(found);
}
