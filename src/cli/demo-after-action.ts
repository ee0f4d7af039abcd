import { createUser } from '../accounts/flows.js';
import {
  addRecommendation,
  assignSection,
  draftReport,
  reviewReport,
  writeSection,
} from '../after-action/flows.js';
import { DraftReportRequest } from '../after-action/model.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

const DAY = 86_400_000;

/**
 * The cable incident's post-incident report: ERCC drafts it for Finland, Estonia and Germany, Estonia writes the
 * lessons learned, two recommendations are set (one already overdue, so the admin page shows it), and CERG's
 * coordinator, added here, reviews it; distributing it is left to the people trying the demo.
 */
export async function demoAfterAction(
  platform: Platform,
  incidentId: string,
  who: { ee: Actor; ercc: Actor },
  password: string,
): Promise<string[]> {
  const email = 'coordinator.cerg@exercise.blueprint.example';
  const user = await createUser(platform, null, {
    email,
    displayName: 'CERG secretariat (CERG, exercise)',
    organisation: 'CERG',
    role: 'coordinator',
    password,
    onDuty: false,
  });
  const cerg: Actor = {
    userId: user.id,
    email,
    displayName: user.displayName,
    organisation: 'CERG',
    role: 'coordinator',
    via: 'cli',
  };
  const report = await draftReport(
    platform,
    who.ercc,
    incidentId,
    DraftReportRequest.parse({ audience: ['FI', 'EE', 'DE'] }),
  );
  await assignSection(platform, who.ercc, incidentId, report.id, 'lessons', 'EE');
  await writeSection(
    platform,
    who.ee,
    incidentId,
    report.id,
    'lessons',
    'EXERCISE. Repair vessels were booked only on the second day; the first own assessment came after the first sitrep was asked for.',
  );
  const today = platform.clock.now().getTime();
  const date = (offset: number) => new Date(today + offset).toISOString().slice(0, 10);
  await addRecommendation(platform, who.ercc, incidentId, report.id, {
    text: 'EXERCISE. Keep a standing contract for a cable repair vessel in the Baltic.',
    owner: 'EE',
    dueDate: date(-DAY),
  });
  await addRecommendation(platform, cerg, incidentId, report.id, {
    text: 'EXERCISE. Post own assessments within the first hour, even when incomplete.',
    owner: 'FI',
    dueDate: date(30 * DAY),
  });
  await reviewReport(platform, cerg, incidentId, report.id);
  return [
    `The cable incident's post-incident report, reviewed by CERG (${email}, the same pass phrase) and waiting to be distributed, with an overdue recommendation on the admin page: /incidents/${incidentId}`,
  ];
}
