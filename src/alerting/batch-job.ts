import { uuidv7 } from 'uuidv7';
import { enqueue } from '../outbox/flows.js';
import type { Platform } from '../platform/context.js';
import type { WriteContext } from '../platform/db/write.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import { organisationById } from '../registry/organisations.js';
import { mostRestrictive, type TlpMarking } from '../sharing/model.js';
import type { AlertBatch, AlertChannel, AlertEscalation, PersonalAlert } from './channels/model.js';
import { alertChannel, outboxOf } from './channels/registry.js';
import { personalAlerts, recipientOf } from './compose.js';
import { ALERT_BATCH_JOB, type BatchPayload } from './dispatch.js';
import { addressesOf } from './preferences-store.js';

type JobPlatform = Pick<Platform, 'config' | 'db' | 'clock' | 'accessLog'>;

export function homeOf(platform: Pick<Platform, 'config'>): string {
  const { config } = platform;
  return (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * An escalation step's batch says so: nobody in the organisation acknowledged, for how long (since the alert was
 * made, as the job reads its clock), so the reader knows why the same alert comes again.
 */
function escalationOf(
  step: string,
  organisation: string,
  alerts: readonly PersonalAlert[],
  now: string,
): { escalation?: AlertEscalation } {
  if (step !== 'duty-contacts' && step !== 'org-admins') return {};
  const since = Math.min(...alerts.map((a) => Date.parse(a.createdAt)));
  return {
    escalation: {
      step,
      organisation: organisationById(organisation)?.name ?? organisation,
      minutesWaiting: Math.max(0, Math.round((Date.parse(now) - since) / 60_000)),
    },
  };
}

/**
 * Composes and queues one person's messages on one channel: the alerts waiting for them, as they may see them at
 * this moment, split so an exercise never shares a message with the real world. Returns the outbox ids.
 */
async function send(
  w: WriteContext,
  platform: JobPlatform,
  channel: AlertChannel<unknown>,
  userId: string,
  notificationIds: readonly string[],
  record: { step: string; checkId: string | null },
): Promise<void> {
  const user = await w.trx
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'organisation', 'role', 'language', 'language_chosen', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || Number(user.active) !== 1) return;
  const recipient = recipientOf(user, (await addressesOf(w.trx, [userId])).get(userId) ?? {});
  const address = channel.addressOf(recipient.person);
  if (address === null) return;
  const home = homeOf(platform);
  const alerts = await personalAlerts(w.trx, recipient, notificationIds, home);
  // A line of an entry sent to a person is a read of it, logged like any other read path's.
  platform.accessLog.record(
    alerts.flatMap((a) =>
      a.detail
        ? [
            {
              userId,
              organisation: user.organisation,
              entryId: a.detail.entryId,
              marking: a.detail.marking,
              path: `alert:${channel.name}`,
            },
          ]
        : [],
    ),
  );
  for (const exercise of [false, true]) {
    const part = alerts.filter((a) => a.exercise === exercise);
    if (part.length === 0) continue;
    const batch: AlertBatch = {
      person: recipient.person,
      alerts: part,
      exercise,
      marking: mostRestrictive(part.map((a) => a.marking as TlpMarking)),
      home,
      ...escalationOf(record.step, user.organisation, part, w.now),
    };
    const outbox = outboxOf(platform, channel);
    const outboxId = await enqueue(w, outbox, {
      recipient: address,
      content: channel.compose(batch),
      cause: part.length === 1 ? `alert:${part[0]!.kind}` : 'alert:batch',
    });
    // Who was alerted, when and through which channel, for the roll call.
    const organisations = await w.trx
      .selectFrom('notifications')
      .select(['id', 'organisation'])
      .where(
        'id',
        'in',
        part.map((a) => a.notificationId),
      )
      .execute();
    await w.trx
      .insertInto('alert_deliveries')
      .values(
        organisations.map((n) => ({
          id: uuidv7(),
          notification_id: n.id,
          check_id: record.checkId,
          organisation: n.organisation,
          step: record.step,
          channel: channel.name,
          recipient: address,
          recipient_user_id: userId,
          outbox_id: outboxId,
          at: w.now,
        })),
      )
      .execute();
  }
}

/**
 * The job per person and channel. Queued alerts go out at once when the person's last message on the channel is
 * older than ALERT_BATCH_SECONDS; otherwise the job waits for the window to close, and everything queued
 * meanwhile goes with it in one message. Alerts sent now to named people (an escalation step) skip the window.
 */
export function alertBatchJob(platform: JobPlatform): JobHandler {
  const windowMs = platform.config.ALERT_BATCH_SECONDS * 1000;
  return {
    kind: ALERT_BATCH_JOB,
    async run(w, job) {
      const payload = job.payload as BatchPayload;
      const channel = alertChannel(payload.channel);
      if (!channel) return;
      if (payload.now) {
        await send(w, platform, channel, payload.userId, payload.now.notificationIds, {
          step: payload.now.step,
          checkId: payload.now.checkId,
        });
        return;
      }
      const window = await w.trx
        .selectFrom('alert_windows')
        .select('last_sent_at')
        .where('user_id', '=', payload.userId)
        .where('channel', '=', payload.channel)
        .executeTakeFirst();
      const opensAt = window ? Date.parse(window.last_sent_at) + windowMs : 0;
      if (opensAt > Date.parse(w.now)) {
        // This job is already done; a new one with the same key waits for the window to close.
        await schedule(w, {
          kind: ALERT_BATCH_JOB,
          runAt: new Date(opensAt),
          payload,
          key: `alert-batch:${payload.channel}:${payload.userId}`,
        });
        return;
      }
      const queued = await w.trx
        .selectFrom('alert_queue')
        .select(['id', 'notification_id'])
        .where('user_id', '=', payload.userId)
        .where('channel', '=', payload.channel)
        .execute();
      if (queued.length === 0) return;
      await send(w, platform, channel, payload.userId, [...new Set(queued.map((q) => q.notification_id))], {
        step: 'alert',
        checkId: null,
      });
      await w.trx
        .deleteFrom('alert_queue')
        .where(
          'id',
          'in',
          queued.map((q) => q.id),
        )
        .execute();
      await w.trx
        .insertInto('alert_windows')
        .values({ user_id: payload.userId, channel: payload.channel, last_sent_at: w.now })
        .onConflict((oc) => oc.columns(['user_id', 'channel']).doUpdateSet({ last_sent_at: w.now }))
        .execute();
    },
  };
}
