import { addRecommendation, distributeReport, draftReport, reviewReport } from '../after-action/flows.js';
import { recordFollowUp } from '../after-action/follow-up-flows.js';
import { DraftReportRequest } from '../after-action/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

const DAY = 86_400_000;

/**
 * The gas operator exercise's post-incident report, distributed to Germany and ENISA (which alerts them): two
 * recommendations for Germany, one already followed up by Germany's coordinator, the other waiting for it, so
 * "Recommendations for us" shows both states.
 */
export async function demoFollowUp(
  platform: Platform,
  incidentId: string,
  who: { ercc: Actor; de: Actor },
): Promise<string[]> {
  const row = await platform.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', 'coordinator.cerg@exercise.blueprint.example')
    .executeTakeFirstOrThrow();
  const cerg: Actor = {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    organisation: row.organisation,
    role: 'coordinator',
    via: 'cli',
  };
  const report = await draftReport(
    platform,
    who.ercc,
    incidentId,
    DraftReportRequest.parse({ audience: ['DE', 'ENISA'] }),
  );
  const due = (days: number) =>
    new Date(platform.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
  await addRecommendation(platform, cerg, incidentId, report.id, {
    text: 'EXERCISE. Rehearse manual gas nominations with the transmission operator twice a year.',
    owner: 'DE',
    dueDate: due(60),
  });
  const withBoth = await addRecommendation(platform, cerg, incidentId, report.id, {
    text: 'EXERCISE. Give the national CSIRT a standing seat in the operator’s crisis cell.',
    owner: 'DE',
    dueDate: due(90),
  });
  await reviewReport(platform, cerg, incidentId, report.id);
  await distributeReport(platform, cerg, incidentId, report.id);
  const rehearse = withBoth.recommendations.find((r) => r.text.includes('manual gas nominations'))!;
  await recordFollowUp(platform, who.de, rehearse.id, {
    status: 'in-progress',
    note: 'EXERCISE. First rehearsal held with the operator; the second is planned for the spring.',
  });
  return [
    `The gas operator exercise's post-incident report, distributed to Germany and ENISA: Germany's coordinator (coordinator.de@exercise.blueprint.example) follows up its recommendations under Recommendations for us (/recommendations)`,
  ];
}
