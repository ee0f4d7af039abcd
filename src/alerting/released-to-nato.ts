import type { WriteContext } from '../platform/db/write.js';
import { notify } from './flows.js';

/**
 * An incident reported earlier and now released to NATO, with its first report: the NATO liaison sees it for the
 * first time, so it is told as the others were told of the new incident. The notification names the first report,
 * so a message shows its first line to those of NATO who may read it.
 */
export async function notifyReleasedToNato(
  w: WriteContext,
  release: { incidentId: string; by: string; reportEntryId: string },
): Promise<void> {
  await notify(w, {
    organisations: ['NATO'],
    kind: 'released-to-nato',
    incidentId: release.incidentId,
    body: { by: release.by, entryId: release.reportEntryId },
    releasedToNato: true,
  });
}
