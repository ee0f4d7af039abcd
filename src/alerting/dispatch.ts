import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../platform/db/schema.js';
import type { WriteContext } from '../platform/db/write.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule, scheduleMany } from '../platform/jobs/store.js';
import { PLATFORM_ADMINISTRATORS } from '../sharing/notifications.js';
import { alertChannels } from './channels/registry.js';
import { recipientOf } from './compose.js';
import { chosen } from './preferences-rules.js';
import * as preferences from './preferences-store.js';
import { triggerOf } from './triggers.js';
import { queueWebhookDeliveries } from './webhooks-flows.js';

export const ALERT_BATCH_JOB = 'alert.send-batch';
export const ALERT_FAN_OUT_JOB = 'alert.fan-out';

export interface BatchPayload {
  userId: string;
  channel: string;
  /** Set for alerts sent at once to named people (an escalation step): these notifications, no window. */
  now?: { notificationIds: string[]; step: string; checkId: string | null };
}

/** The notification rows `notify` wrote, as the fan-out needs them. */
export interface NotifiedRow {
  id: string;
  organisation: string;
  kind: string;
  incident_id: string | null;
  body: string;
  created_at: string;
}

/** The active accounts an organisation's notifications reach (administrators only those addressed to them). */
async function addressees(db: Kysely<Database>, organisations: readonly string[]) {
  const orgs = organisations.filter((o) => o !== PLATFORM_ADMINISTRATORS);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'organisation', 'role', 'language', 'language_chosen'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        ...(orgs.length > 0 ? [eb.and([eb('organisation', 'in', orgs), eb('role', '!=', 'admin')])] : []),
        ...(organisations.includes(PLATFORM_ADMINISTRATORS) ? [eb('role', '=', 'admin')] : []),
        eb.lit(false),
      ]),
    )
    .execute();
  return rows;
}

/**
 * Fans notifications out, in the fan-out job's write: to each person of the addressed organisation on every
 * channel they want for its trigger (queued, so a burst becomes one message per person and window), and to the
 * organisation's webhooks. Nothing here waits on a mail server or a target: delivery runs in jobs after the commit.
 */
export async function dispatchNotifications(w: WriteContext, rows: readonly NotifiedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const channels = alertChannels();
  const people = await addressees(w.trx, [...new Set(rows.map((r) => r.organisation))]);
  const ids = people.map((p) => p.id);
  const choices = await preferences.choicesOfMany(w.trx, ids);
  const addresses = await preferences.addressesOf(w.trx, ids);
  const queue: {
    id: string;
    user_id: string;
    channel: string;
    notification_id: string;
    created_at: string;
  }[] = [];
  const jobs = new Map<string, BatchPayload>();
  for (const r of rows) {
    const trigger = triggerOf(r.kind);
    const reached = people.filter((p) =>
      r.organisation === PLATFORM_ADMINISTRATORS ? p.role === 'admin' : p.organisation === r.organisation,
    );
    for (const p of reached) {
      const { person } = recipientOf(p, addresses.get(p.id) ?? {});
      for (const channel of channels) {
        if (!chosen(choices.get(p.id) ?? new Map(), channel.name, trigger, channel)) continue;
        if (channel.addressOf(person) === null) continue;
        queue.push({
          id: uuidv7(),
          user_id: p.id,
          channel: channel.name,
          notification_id: r.id,
          created_at: w.now,
        });
        jobs.set(`alert-batch:${channel.name}:${p.id}`, { userId: p.id, channel: channel.name });
      }
    }
  }
  for (let i = 0; i < queue.length; i += 500)
    await w.trx
      .insertInto('alert_queue')
      .values(queue.slice(i, i + 500))
      .execute();
  // One open job per person and channel: alerts queued while it waits go out with it.
  await scheduleMany(
    w,
    [...jobs].map(([key, payload]) => ({ kind: ALERT_BATCH_JOB, runAt: w.now, payload, key })),
  );
  const incidents = await incidentFacts(w.trx, rows);
  await queueWebhookDeliveries(
    w,
    rows.map((r) => ({
      ...r,
      incidentTitle: r.incident_id ? (incidents.get(r.incident_id)?.title ?? null) : null,
      exercise: r.incident_id ? incidents.get(r.incident_id)?.exercise === true : false,
    })),
  );
}

async function incidentFacts(db: Kysely<Database>, rows: readonly NotifiedRow[]) {
  const ids = [...new Set(rows.map((r) => r.incident_id).filter((i): i is string => i !== null))];
  if (ids.length === 0) return new Map<string, { title: string; exercise: boolean }>();
  const found = await db
    .selectFrom('incidents')
    .select(['id', 'title', 'exercise'])
    .where('id', 'in', ids)
    .execute();
  return new Map(found.map((i) => [i.id, { title: i.title, exercise: Number(i.exercise) === 1 }]));
}

/**
 * Called by `notify` inside the write that made the notifications: one job that fans them out after the commit, so
 * the write pays one insert however many people and targets there are.
 */
export async function queueFanOut(w: WriteContext, rows: readonly { id: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await schedule(w, {
    kind: ALERT_FAN_OUT_JOB,
    runAt: w.now,
    payload: { notificationIds: rows.map((r) => r.id) },
  });
}

/** The fan-out job: the notifications as written, to their people's channels and their organisations' webhooks. */
export function fanOutJob(): JobHandler {
  return {
    kind: ALERT_FAN_OUT_JOB,
    async run(w, job) {
      const { notificationIds } = job.payload as { notificationIds: string[] };
      const rows = await w.trx
        .selectFrom('notifications')
        .select(['id', 'organisation', 'kind', 'incident_id', 'body', 'created_at'])
        .where('id', 'in', notificationIds.length > 0 ? notificationIds : [''])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      await dispatchNotifications(w, rows);
    },
  };
}

/**
 * Sends a notification to these people now, through every channel each of them can be reached on, whatever
 * their choices and without waiting for their window: for an escalation step or a contact-point check, where
 * being reached matters more than being spared. The bell already shows the notification to their organisation.
 * Each message is recorded in `alert_deliveries` under `step` (with `checkId` for a check) when it is composed.
 */
export async function alertPeopleNow(
  w: WriteContext,
  input: { notificationId: string; userIds: readonly string[]; step: string; checkId?: string },
): Promise<void> {
  const people = await w.trx
    .selectFrom('users')
    .select('id')
    .where('id', 'in', input.userIds.length > 0 ? [...input.userIds] : [''])
    .where('active', '=', 1)
    .execute();
  for (const p of people)
    for (const channel of alertChannels()) {
      const payload: BatchPayload = {
        userId: p.id,
        channel: channel.name,
        now: { notificationIds: [input.notificationId], step: input.step, checkId: input.checkId ?? null },
      };
      await schedule(w, {
        kind: ALERT_BATCH_JOB,
        runAt: w.now,
        payload,
        key: `alert-now:${channel.name}:${p.id}:${input.notificationId}:${input.step}`,
      });
    }
}
