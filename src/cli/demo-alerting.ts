import { acknowledge, listNotifications } from '../alerting/flows.js';
import { acknowledgeCheck, checkJob, getCheck, scheduleCheck } from '../contact-checks/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { createJobRunner } from '../platform/jobs/runner.js';
import { ORGANISATIONS } from '../registry/organisations.js';

/**
 * After the activation of the exercise incident: ERCC and Estonia acknowledge their alerts and the Presidency has
 * not yet, so the incident's roll call shows both (and the Presidency's escalates to its duty contacts by the
 * server's clock). Then ERCC checks every participating organisation's contact point: Finland answers in the app,
 * Estonia through the link of its e-mail, and the directory flags everyone who has not answered yet.
 */
export async function seedAlerting(
  platform: Platform,
  incidentId: string,
  who: { fi: Actor; ee: Actor; ercc: Actor },
): Promise<void> {
  for (const actor of [who.ercc, who.ee]) {
    const open = await listNotifications(platform, actor, { open: true });
    const activation = open.find((n) => n.incidentId === incidentId && n.kind === 'activation');
    if (activation) await acknowledge(platform, actor, activation.id);
  }

  const check = await scheduleCheck(platform, who.ercc, {
    organisations: ORGANISATIONS.filter((o) => o.kind !== 'nato').map((o) => o.id),
    note: 'EXERCISE: quarterly check of the Blueprint contact points',
  });
  // Only the check's own job: the e-mails it writes wait in the outbox for the server's delivery job.
  await createJobRunner(platform, [checkJob(platform)]).runDue();
  await acknowledgeCheck(platform, who.fi, check.id, undefined);
  const sent = await getCheck(platform, who.ercc, check.id);
  const byMail = sent.results
    .find((r) => r.organisation === 'EE')
    ?.deliveries.find((d) => d.channel === 'email');
  await acknowledgeCheck(platform, who.ee, check.id, byMail?.id);
  await acknowledgeCheck(platform, who.ercc, check.id, undefined);
}
