import type { WriteContext } from '../platform/db/write.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { notify } from './flows.js';

/**
 * A new incident, told to every organisation that may see it (every participating one; NATO sees released
 * incidents in its list but is never notified) other than the reporter. The notification names the report entry,
 * so a message shows its first line only to people who may read the report.
 */
export async function notifyNewIncident(
  w: WriteContext,
  incident: { id: string; reportedBy: string; reportEntryId: string },
): Promise<void> {
  await notify(w, {
    organisations: PARTICIPATING_ORGANISATIONS.map((o) => o.id).filter((o) => o !== incident.reportedBy),
    kind: 'incident-reported',
    incidentId: incident.id,
    body: { reportedBy: incident.reportedBy, entryId: incident.reportEntryId },
  });
}
