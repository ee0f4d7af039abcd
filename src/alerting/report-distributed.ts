import type { WriteContext } from '../platform/db/write.js';
import { notify } from './flows.js';

/**
 * A post-incident report presented to its audience, told to each organisation of it but the one that distributed
 * it, and to the NATO liaison when the report is released to NATO (the sharing rules send it only while the
 * incident is released to NATO too). The notification names the report only by id: its title reaches a person only
 * when they may read the report at the moment their message is composed (compose.ts).
 */
export async function notifyReportDistributed(
  w: WriteContext,
  report: { incidentId: string; reportId: string; by: string; audience: readonly string[]; nato: boolean },
): Promise<void> {
  await notify(w, {
    organisations: [...report.audience, ...(report.nato ? ['NATO'] : [])].filter((o) => o !== report.by),
    kind: 'after-action-report-distributed',
    incidentId: report.incidentId,
    body: { by: report.by, reportId: report.reportId },
    releasedToNato: report.nato,
  });
}
