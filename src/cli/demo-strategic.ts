import { listEntries } from '../entries/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { forwardToMechanism } from '../response/forwarding-flows.js';
import {
  answerIsaaQuestion,
  askIsaaQuestion,
  issueIsaaVersion,
  openIsaaReport,
} from '../response/isaa-flows.js';
import { NewIsaaReport } from '../response/isaa-model.js';

/**
 * The strategic level on the exercise incident: Estonia's update reported once, forwarded to UCPM (which ERCC runs)
 * as a CECIS request summary; and an ISAA report the Presidency opened with its questions, answered by ERCC and the
 * EEAS, version 1 issued for the roundtable and a further question asked since.
 */
export async function seedStrategic(
  platform: Platform,
  incidentId: string,
  who: { ee: Actor; ercc: Actor; eeas: Actor; presidency: Actor },
) {
  const { ee, ercc, eeas, presidency } = who;
  const [update] = (await listEntries(platform, ee, incidentId, { kinds: ['update'], order: 'desc' })).filter(
    (e) => e.author.organisation === 'EE',
  );
  if (update) await forwardToMechanism(platform, ee, incidentId, update.id, { mechanism: 'ucpm' });

  const report = await openIsaaReport(
    platform,
    presidency,
    incidentId,
    NewIsaaReport.parse({
      title: 'EXERCISE: Gulf of Finland cables, ISAA 1',
      audience: ['FI', 'EE'],
      marking: 'TLP:AMBER',
      questions: [
        'How long will electricity supply in Estonia stay disrupted, and what does it need from other member states?',
        'Is there any indication of a state actor behind the damage?',
      ],
    }),
  );
  const [supply, actor] = report.questions;
  if (supply)
    await answerIsaaQuestion(platform, ercc, incidentId, report.id, {
      questionId: supply.id,
      text: 'EXERCISE. Rotating cuts in Harju county for about a week; generators offered through UCPM by Finland and Germany.',
    });
  if (actor)
    await answerIsaaQuestion(platform, eeas, incidentId, report.id, {
      questionId: actor.id,
      text: 'EXERCISE. No attribution at this stage; the vessel’s route is being analysed with the affected states.',
    });
  await issueIsaaVersion(platform, ercc, incidentId, report.id, 'EXERCISE. For the first IPCR roundtable.');
  await askIsaaQuestion(
    platform,
    presidency,
    incidentId,
    report.id,
    'What public line do Finland and Estonia need from the Union?',
  );
}
