import { uuidv7 } from 'uuidv7';
import { sendAlertEmail } from '../alerting/alert-email.js';
import { alertChannels, outboxOf } from '../alerting/channels/registry.js';
import { recipientOf } from '../alerting/compose.js';
import { contactPointStaleDays, publicLink } from '../alerting/escalation-flows.js';
import { addressesOf } from '../alerting/preferences-store.js';
import { enqueue } from '../outbox/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { inWrite } from '../platform/db/write.js';
import { Forbidden, Invalid, NotFound } from '../platform/errors.js';
import type { JobHandler } from '../platform/jobs/runner.js';
import { schedule } from '../platform/jobs/store.js';
import { isLanguage } from '../platform/language.js';
import { ORGANISATIONS, organisationById } from '../registry/organisations.js';
import * as rules from '../sharing/contact-checks.js';
import { readDirectory } from '../sharing/contact-points.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import { checkMail } from './mail.js';
import type {
  CheckResult,
  ContactCheck,
  ContactPointStanding,
  ScheduleContactCheckRequest,
} from './model.js';
import { secondsBetween, standingFlag } from './rules.js';
import * as store from './store.js';

export const CHECK_JOB = 'contact-check.send';
const DAY = 86_400_000;

interface CheckPayload {
  checkId: string;
}

function knownOrganisations(ids: readonly string[]): string[] {
  const out = new Set<string>();
  ids.forEach((id, i) => {
    const org = organisationById(id);
    if (!org) throw new Invalid(`organisations[${i}]: unknown organisation "${id}"`, `organisations[${i}]`);
    out.add(org.id);
  });
  return [...out].sort();
}

/** Schedules a check of the named contact points; it goes out by a durable job at `runAt` (now by default). */
export function scheduleCheck(
  platform: Platform,
  actor: Actor,
  request: ScheduleContactCheckRequest,
): Promise<ContactCheck> {
  const organisations = knownOrganisations(request.organisations);
  return inWrite(platform, { actor }, async (w) => {
    assertAllowed(
      rules.scheduleContactCheck,
      "only ERCC checks other organisations' contact points; an org-admin checks its own",
      actor,
      organisations,
    );
    const runAt = request.runAt ? new Date(request.runAt).toISOString() : w.now;
    if (Date.parse(runAt) < Date.parse(w.now) - 60_000)
      throw new Invalid('runAt: must not be in the past', 'runAt');
    const id = uuidv7();
    await store.insertCheck(w.trx, {
      id,
      organisations,
      runAt,
      repeatEveryDays: request.repeatEveryDays ?? null,
      note: request.note ?? '',
      byUserId: actor.userId,
      byOrganisation: actor.organisation,
      at: w.now,
    });
    await schedule(w, {
      kind: CHECK_JOB,
      runAt,
      payload: { checkId: id } satisfies CheckPayload,
      key: `contact-check:${id}`,
    });
    await w.audit({
      action: 'contact-check.scheduled',
      subjectType: 'contact-check',
      subjectId: id,
      details: { organisations, runAt, repeatEveryDays: request.repeatEveryDays ?? null },
    });
    const [view] = await views(
      w.trx,
      actor,
      await store.listChecks(w.trx, { organisations: 'all', checkId: id }),
    );
    return view!;
  });
}

/**
 * The job that sends a check: an in-app request to every organisation's people and an e-mail to each person on
 * duty and to the contact point's mailbox, each with a link that answers through that channel. A repeating check
 * schedules its next run as a new check.
 */
export function checkJob(platform: Pick<Platform, 'config' | 'db' | 'clock'>): JobHandler {
  return {
    kind: CHECK_JOB,
    async run(w, job) {
      const { checkId } = job.payload as CheckPayload;
      const check = await store.getCheckRow(w.trx, checkId);
      if (!check || check.sent_at) return;
      const organisations = JSON.parse(check.organisations) as string[];
      const scheduledBy =
        organisationById(check.scheduled_by_organisation)?.name ?? check.scheduled_by_organisation;
      const deliveries: Parameters<typeof store.insertCheckDeliveries>[1][number][] = [];
      for (const organisation of organisations) {
        const inApp = uuidv7();
        deliveries.push({
          id: inApp,
          checkId,
          organisation,
          channel: 'in-app',
          recipient: organisation,
          recipientUserId: null,
          outboxId: null,
          at: w.now,
        });
        const { people, mailbox } = await store.checkRecipients(w.trx, organisation);
        const organisationName = organisationById(organisation)?.name ?? organisation;
        // Each person on duty on every channel they can be reached on (e-mail, and any plugged-in channel), each
        // message with its own link, so the report tells by which channel the answer came.
        const addresses = await addressesOf(
          w.trx,
          people.map((p) => p.id),
        );
        for (const p of people) {
          const { person } = recipientOf(p, addresses.get(p.id) ?? {});
          for (const channel of alertChannels()) {
            const address = channel.addressOf(person);
            if (address === null) continue;
            const deliveryId = uuidv7();
            const outbox = outboxOf(platform, channel);
            const content = channel.composeCheck({
              person,
              organisation: organisationName,
              scheduledBy,
              link: publicLink(platform, `/contact-checks/${checkId}?via=${deliveryId}`),
            });
            // A channel that cannot carry the check (too long for it) is left out, not the whole check.
            if (!outbox.content.safeParse(content).success) continue;
            const outboxId = await enqueue(w, outbox, {
              recipient: address,
              content,
              cause: `contact-check:${checkId}`,
            });
            deliveries.push({
              id: deliveryId,
              checkId,
              organisation,
              channel: channel.name,
              recipient: address,
              recipientUserId: p.id,
              outboxId,
              at: w.now,
            });
          }
        }
        // The contact point's mailbox has no account: it gets the check by e-mail.
        const recipients =
          mailbox && !people.some((p) => p.email === mailbox)
            ? [{ address: mailbox, userId: null, language: 'en' }]
            : [];
        for (const r of recipients) {
          const deliveryId = uuidv7();
          const outboxId = await sendAlertEmail(w, platform, {
            recipient: r.address,
            content: checkMail(isLanguage(r.language) ? r.language : 'en', {
              organisation: organisationName,
              scheduledBy,
              link: publicLink(platform, `/contact-checks/${checkId}?via=${deliveryId}`),
            }),
            cause: `contact-check:${checkId}`,
          });
          deliveries.push({
            id: deliveryId,
            checkId,
            organisation,
            channel: 'email',
            recipient: r.address,
            recipientUserId: r.userId,
            outboxId,
            at: w.now,
          });
        }
      }
      await store.insertCheckDeliveries(w.trx, deliveries);
      await store.markSent(w.trx, checkId, w.now);
      if (check.repeat_every_days) {
        const next = uuidv7();
        const runAt = new Date(Date.parse(check.run_at) + check.repeat_every_days * DAY).toISOString();
        await store.insertCheck(w.trx, {
          id: next,
          organisations,
          runAt,
          repeatEveryDays: check.repeat_every_days,
          note: check.note,
          byUserId: check.scheduled_by_user_id,
          byOrganisation: check.scheduled_by_organisation,
          at: w.now,
        });
        await schedule(w, {
          kind: CHECK_JOB,
          runAt,
          payload: { checkId: next },
          key: `contact-check:${next}`,
        });
      }
      await w.audit({
        action: 'contact-check.sent',
        subjectType: 'contact-check',
        subjectId: checkId,
        details: { organisations, messages: deliveries.length },
      });
    },
  };
}

/** Whoever is on duty answers for the organisation; the first answer counts, through the channel it came by. */
export function acknowledgeCheck(
  platform: Platform,
  actor: Actor,
  checkId: string,
  via: string | undefined,
): Promise<ContactCheck> {
  return inWrite(platform, { actor }, async (w) => {
    const target = await store.targetForDecision(w.trx, w.engine, checkId, actor.organisation);
    if (!target || !isAllowed(rules.readContactCheckResult, actor, actor.organisation))
      throw new NotFound(`no check ${checkId} of your contact point`);
    assertAllowed(rules.acknowledgeContactCheck, 'you may not answer this check', actor, actor.organisation);
    if (actor.via === 'display') throw new Forbidden('a wall screen only displays');
    if (!target.sent_at) throw new Invalid('the check has not been sent yet', 'checkId');
    if (!target.acknowledged_at) {
      const delivery = via ? await store.deliveryOf(w.trx, via) : undefined;
      const channel =
        delivery && delivery.check_id === checkId && delivery.organisation === actor.organisation
          ? delivery.channel
          : 'in-app';
      await store.recordAnswer(w.trx, {
        id: checkId,
        organisation: actor.organisation,
        at: w.now,
        by: actor.displayName,
        byUserId: actor.userId,
        channel,
      });
      await w.audit({
        action: 'contact-check.acknowledged',
        subjectType: 'contact-check',
        subjectId: checkId,
        details: { organisation: actor.organisation, channel },
      });
    }
    const [view] = await views(
      w.trx,
      actor,
      await store.listChecks(w.trx, { organisations: [actor.organisation], checkId }),
    );
    return view!;
  });
}

async function views(
  db: Platform['db']['kysely'],
  actor: Actor,
  listed: Awaited<ReturnType<typeof store.listChecks>>,
): Promise<ContactCheck[]> {
  const deliveries = await store.checkDeliveries(
    db,
    listed.map((l) => l.check.id),
  );
  return listed.map(({ check, targets }) => ({
    id: check.id,
    runAt: check.run_at,
    repeatEveryDays: check.repeat_every_days,
    note: check.note,
    scheduledBy: check.scheduled_by_organisation,
    createdAt: check.created_at,
    sentAt: check.sent_at,
    results: targets
      .filter((t) => isAllowed(rules.readContactCheckResult, actor, t.organisation))
      .map(
        (t): CheckResult => ({
          organisation: t.organisation,
          sentAt: t.sent_at,
          reached: t.acknowledged_at !== null,
          acknowledgedAt: t.acknowledged_at,
          acknowledgedBy: t.acknowledged_by,
          channel: t.channel,
          secondsToAcknowledge: secondsBetween(t.sent_at, t.acknowledged_at),
          deliveries: deliveries
            .filter((d) => d.check_id === check.id && d.organisation === t.organisation)
            .map((d) => ({
              id: d.id,
              channel: d.channel,
              recipient: d.recipient,
              at: d.at,
              state: d.outbox_state ?? 'sent',
            })),
        }),
      ),
  }));
}

/** The history of checks the reader may see, newest first; `open`: those still waiting for the reader's answer. */
export async function listChecks(
  platform: Platform,
  actor: Actor,
  options: { open?: boolean | undefined } = {},
): Promise<ContactCheck[]> {
  const db = platform.db.kysely;
  const organisations = options.open ? [actor.organisation] : rules.contactCheckResultScope(actor);
  if (organisations !== 'all' && organisations.length === 0) return [];
  if (options.open && !isAllowed(rules.acknowledgeContactCheck, actor, actor.organisation)) return [];
  return views(db, actor, await store.listChecks(db, { organisations, open: options.open ?? false }));
}

export async function getCheck(platform: Platform, actor: Actor, checkId: string): Promise<ContactCheck> {
  const db = platform.db.kysely;
  const organisations = rules.contactCheckResultScope(actor);
  const [view] =
    organisations === 'all' || organisations.length > 0
      ? await views(db, actor, await store.listChecks(db, { organisations, checkId }))
      : [];
  if (!view) throw new NotFound(`no check ${checkId}`);
  return view;
}

/** Every organisation's standing on the directory: flagged when it has no contact point or no recent answer. */
export async function standings(
  platform: Platform,
  actor: Actor,
): Promise<{ staleAfterDays: number; items: ContactPointStanding[] }> {
  assertAllowed(readDirectory, 'you may not read the directory', actor);
  const db = platform.db.kysely;
  const [staleAfterDays, answers, withPoint] = await Promise.all([
    contactPointStaleDays(db),
    store.lastAnswers(db),
    store.organisationsWithContactPoint(db),
  ]);
  const last = new Map(answers.map((a) => [a.organisation, a.last as string | null]));
  const now = platform.clock.now();
  return {
    staleAfterDays,
    items: ORGANISATIONS.map((org) => {
      const lastReachedAt = last.get(org.id) ?? null;
      return {
        organisation: org.id,
        lastReachedAt,
        flag: standingFlag({ hasContactPoint: withPoint.has(org.id), lastReachedAt, now, staleAfterDays }),
      };
    }),
  };
}

/** What the reader may do with checks, for the web app: schedule for every organisation, its own, or none. */
export function checkAbilities(actor: Actor): { schedule: 'all' | 'own' | 'none' } {
  if (isAllowed(rules.scheduleContactCheck, actor, ['ERCC', 'FI'])) return { schedule: 'all' };
  if (isAllowed(rules.scheduleContactCheck, actor, [actor.organisation])) return { schedule: 'own' };
  return { schedule: 'none' };
}
