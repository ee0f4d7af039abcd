import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { WriteContext } from '../platform/db/write.js';
import { inWrite } from '../platform/db/write.js';
import { Invalid } from '../platform/errors.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import { organisationById } from '../registry/organisations.js';
import { assertAllowed } from '../sharing/policy.js';
import * as rules from '../sharing/roll-call.js';
import { sendAlertEmail } from './alert-email.js';
import { alertPeopleNow } from './dispatch.js';
import { escalationMail } from './escalation-mail.js';
import {
  type AlertingTimings,
  type ChangeOrganisationTimingsRequest,
  type ChangePlatformTimingsRequest,
  type OrganisationTimings,
  requiresAcknowledgement,
} from './escalation-model.js';
import * as store from './escalation-store.js';
import { queueWebhookDeliveries } from './webhooks-flows.js';

export const ESCALATION_JOB = 'alert.escalate';

interface EscalationPayload {
  notificationId: string;
  step: 'duty-contacts' | 'org-admins';
}

const MINUTE = 60_000;
const later = (from: string, minutes: number) => new Date(Date.parse(from) + minutes * MINUTE).toISOString();

/**
 * Called by `notify` inside the write that creates notifications: an alert that needs acknowledging gets its
 * escalation and the job that checks on it when the organisation's time runs out, in the same transaction.
 */
export async function requireAcknowledgement(
  w: WriteContext,
  rows: ReadonlyArray<{ id: string; organisation: string; kind: string; incident_id: string | null }>,
): Promise<void> {
  const needing = rows.filter((r) => requiresAcknowledgement(r.kind));
  for (const r of needing) {
    const timings = await store.timingsFor(w.trx, r.organisation);
    const nextAt = later(w.now, timings.acknowledgeWithinMinutes);
    await store.insertEscalations(
      w.trx,
      [{ notificationId: r.id, organisation: r.organisation, incidentId: r.incident_id, nextAt }],
      w.now,
    );
    const payload: EscalationPayload = { notificationId: r.id, step: 'duty-contacts' };
    await schedule(w, {
      kind: ESCALATION_JOB,
      runAt: nextAt,
      payload,
      key: `escalation:${r.id}:duty-contacts`,
    });
  }
}

/** The address of the web app for links in messages. */
export function publicLink(platform: Pick<Platform, 'config'>, path: string): string {
  const { config } = platform;
  return `${(config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, '')}${path}`;
}

/**
 * The job that takes an unacknowledged alert one step further: to the duty contacts, later to the org-admins.
 * It decides inside its own write on the notification as that write reads it (locked on PostgreSQL), so an
 * acknowledgement that commits first stops it, and one that commits after sees the step already recorded.
 */
export function escalationJob(platform: Pick<Platform, 'config'>): JobHandler {
  return {
    kind: ESCALATION_JOB,
    async run(w, job) {
      const { notificationId, step } = job.payload as EscalationPayload;
      const found = await store.escalationForDecision(w.trx, w.engine, notificationId);
      if (!found) return;
      const { notification, escalation } = found;
      if (notification.acknowledged_at !== null) {
        if (escalation.stage !== 'acknowledged')
          await store.setStage(w.trx, notificationId, { stage: 'acknowledged', nextAt: null, at: w.now });
        return;
      }
      if (escalation.stage === step || escalation.stage === 'acknowledged') return;
      const organisation = notification.organisation;
      const timings = await store.timingsFor(w.trx, organisation);
      const people = await store.peopleToAlert(
        w.trx,
        organisation,
        step === 'duty-contacts' ? 'on-duty' : 'org-admins',
      );
      const mailbox = step === 'duty-contacts' ? await store.contactPointMailbox(w.trx, organisation) : null;
      const incident = notification.incident_id
        ? await w.trx
            .selectFrom('incidents')
            .select(['exercise', 'title'])
            .where('id', '=', notification.incident_id)
            .executeTakeFirst()
        : undefined;
      const minutesWaiting =
        timings.acknowledgeWithinMinutes + (step === 'org-admins' ? timings.adminsAfterMinutes : 0);
      const link = publicLink(
        platform,
        notification.incident_id ? `/incidents/${notification.incident_id}` : '/',
      );
      // People are reached now on every channel each of them has (e-mail, and any plugged-in channel), recorded
      // for the roll call as each message is composed; the contact point's mailbox has no account, so it gets the
      // escalation e-mail directly.
      await alertPeopleNow(w, { notificationId, userIds: people.map((p) => p.id), step });
      // The organisation's own systems hear of the step too, with the alert and how long it has waited.
      const full = await w.trx
        .selectFrom('notifications')
        .select(['body', 'created_at'])
        .where('id', '=', notificationId)
        .executeTakeFirstOrThrow();
      await queueWebhookDeliveries(w, [
        {
          id: notificationId,
          organisation,
          kind: notification.kind,
          incident_id: notification.incident_id,
          body: full.body,
          created_at: full.created_at,
          incidentTitle: incident?.title ?? null,
          exercise: incident?.exercise === 1,
          escalation: {
            step,
            minutesWaiting: Math.max(
              0,
              Math.round((Date.parse(w.now) - Date.parse(full.created_at)) / MINUTE),
            ),
          },
        },
      ]);
      const deliveries: store.DeliveryRow[] = [];
      if (mailbox && !people.some((p) => p.email === mailbox)) {
        const outboxId = await sendAlertEmail(w, platform, {
          recipient: mailbox,
          content: escalationMail('en', {
            organisation: organisationById(organisation)?.name ?? organisation,
            kind: notification.kind,
            step,
            minutesWaiting,
            link,
            exercise: incident?.exercise === 1,
          }),
          cause: `escalation:${notificationId}`,
        });
        deliveries.push({
          id: uuidv7(),
          notificationId,
          checkId: null,
          organisation,
          step,
          channel: 'email',
          recipient: mailbox,
          recipientUserId: null,
          outboxId,
          at: w.now,
        });
      }
      await store.insertDeliveries(w.trx, deliveries);
      const nextAt = step === 'duty-contacts' ? later(w.now, timings.adminsAfterMinutes) : null;
      await store.setStage(w.trx, notificationId, { stage: step, nextAt, at: w.now });
      if (nextAt) {
        const payload: EscalationPayload = { notificationId, step: 'org-admins' };
        await schedule(w, {
          kind: ESCALATION_JOB,
          runAt: nextAt,
          payload,
          key: `escalation:${notificationId}:org-admins`,
        });
      }
      await w.audit({
        action: 'alert.escalated',
        subjectType: 'notification',
        subjectId: notificationId,
        details: {
          organisation,
          kind: notification.kind,
          step,
          people: people.map((p) => p.email),
          mailbox: deliveries.length > 0 ? mailbox : null,
        },
      });
      await w.emit({ type: 'notification', organisation, notificationId });
    },
  };
}

export async function getTimings(
  platform: Platform,
  actor: Actor,
  organisation: string,
): Promise<{ platform: AlertingTimings; organisation: OrganisationTimings }> {
  assertAllowed(rules.readAlertingTimings, 'you may not read the alerting times', actor);
  const org = organisationOrThrow(organisation);
  const t = await store.timingsFor(platform.db.kysely, org);
  return { platform: t.platform, organisation: organisationTimings(org, t) };
}

function organisationTimings(organisation: string, t: Awaited<ReturnType<typeof store.timingsFor>>) {
  return {
    organisation,
    acknowledgeWithinMinutes: t.acknowledgeWithinMinutes,
    adminsAfterMinutes: t.adminsAfterMinutes,
    ownAcknowledgeWithin: t.ownAcknowledgeWithin,
    ownAdminsAfter: t.ownAdminsAfter,
  };
}

function organisationOrThrow(organisation: string): string {
  const org = organisationById(organisation);
  if (!org) throw new Invalid(`organisation: unknown organisation "${organisation}"`, 'organisation');
  return org.id;
}

/** The platform-wide times; alerts already waiting keep the time they were given. */
export function changePlatformTimings(
  platform: Platform,
  actor: Actor,
  change: ChangePlatformTimingsRequest,
): Promise<AlertingTimings> {
  return inWrite(platform, { actor }, async (w) => {
    assertAllowed(rules.changePlatformAlertingTimings, 'only platform admins set the alerting times', actor);
    const stored = await store.storedTimingsRow(w.trx, store.PLATFORM_SCOPE);
    const next = {
      acknowledgeWithinMinutes: change.acknowledgeWithinMinutes ?? stored?.acknowledge_within_minutes ?? null,
      adminsAfterMinutes: change.adminsAfterMinutes ?? stored?.admins_after_minutes ?? null,
      contactPointStaleDays: change.contactPointStaleDays ?? stored?.contact_point_stale_days ?? null,
    };
    await store.storeTimings(w.trx, { scope: store.PLATFORM_SCOPE, ...next, at: w.now, by: actor.userId });
    await w.audit({
      action: 'alerting-timings.changed',
      subjectType: 'alerting-timings',
      subjectId: store.PLATFORM_SCOPE,
      details: { ...change },
    });
    return (await store.timingsFor(w.trx)).platform;
  });
}

/** An organisation's own times (null: back to the platform's). */
export function changeOrganisationTimings(
  platform: Platform,
  actor: Actor,
  organisation: string,
  change: ChangeOrganisationTimingsRequest,
): Promise<OrganisationTimings> {
  const org = organisationOrThrow(organisation);
  return inWrite(platform, { actor }, async (w) => {
    assertAllowed(
      rules.changeOrganisationAlertingTimings,
      `you may not set the alerting times of ${org}`,
      actor,
      org,
    );
    const stored = await store.storedTimingsRow(w.trx, org);
    const pick = (given: number | null | undefined, kept: number | null | undefined) =>
      given === undefined ? (kept ?? null) : given;
    await store.storeTimings(w.trx, {
      scope: org,
      acknowledgeWithinMinutes: pick(change.acknowledgeWithinMinutes, stored?.acknowledge_within_minutes),
      adminsAfterMinutes: pick(change.adminsAfterMinutes, stored?.admins_after_minutes),
      contactPointStaleDays: null,
      at: w.now,
      by: actor.userId,
    });
    await w.audit({
      action: 'alerting-timings.changed',
      subjectType: 'alerting-timings',
      subjectId: org,
      details: { ...change },
    });
    return organisationTimings(org, await store.timingsFor(w.trx, org));
  });
}

/** The platform's period after which a contact point without a successful check is flagged (src/contact-checks/). */
export async function contactPointStaleDays(db: Platform['db']['kysely']): Promise<number> {
  return (await store.timingsFor(db)).platform.contactPointStaleDays;
}
