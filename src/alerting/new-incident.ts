import type { WriteContext } from '../platform/db/write.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { notify } from './flows.js';

/**
 * A new incident, told to every organisation that may see it (every participating one, and the NATO liaison when it
 * is reported released to NATO) other than the reporter, when it has someone to tell: an active account or a
 * webhook. The notification names the report entry, so a message shows its first line only to people who may read
 * the report.
 */
export async function notifyNewIncident(
  w: WriteContext,
  incident: { id: string; reportedBy: string; reportEntryId: string; releasedToNato: boolean },
): Promise<void> {
  const participating = new Set(PARTICIPATING_ORGANISATIONS.map((o) => o.id));
  const [people, webhooks] = await Promise.all([
    w.trx.selectFrom('users').select('organisation').distinct().where('active', '=', 1).execute(),
    w.trx
      .selectFrom('webhooks')
      .select('organisation')
      .distinct()
      .where('deleted_at', 'is', null)
      .where('paused_at', 'is', null)
      .execute(),
  ]);
  const reachable = new Set([...people, ...webhooks].map((r) => r.organisation));
  await notify(w, {
    organisations: [...reachable]
      .filter((o) => (participating.has(o) || o === 'NATO') && o !== incident.reportedBy)
      .sort(),
    kind: 'incident-reported',
    incidentId: incident.id,
    body: { reportedBy: incident.reportedBy, entryId: incident.reportEntryId },
    // Reported released, the incident and its first report reach NATO together: src/sharing/ decides on both.
    releasedToNato: incident.releasedToNato,
  });
}
