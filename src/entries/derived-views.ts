import type { Kysely } from 'kysely';
import type { HiddenName } from '../incidents/rules.js';
import type { Database } from '../platform/db/schema.js';
import type { Language } from '../platform/language.js';
import {
  ASSESSED_KINDS,
  type DerivedTextView,
  isLegacyStatusChange,
  replayStatusChanges,
} from './status-change.js';
import { getFactRowsOf, type StoredEntry } from './store.js';

/**
 * For each incident with a status-change entry among these, what rendering its reasons for this reader needs: the
 * names they may not see (`hiddenOf`, asked once per incident) and the replayed facts of older entries. Incidents
 * without one need nothing, so ordinary pages cost no extra read.
 */
export async function derivedTextViews(
  db: Kysely<Database>,
  list: readonly StoredEntry[],
  hiddenOf: (incidentId: string) => Promise<HiddenName[]>,
  language: Language = 'en',
): Promise<Map<string, DerivedTextView>> {
  const byIncident = new Map<string, StoredEntry[]>();
  for (const e of list) {
    if (e.kind !== 'status-change') continue;
    byIncident.set(e.incidentId, [...(byIncident.get(e.incidentId) ?? []), e]);
  }
  const views = new Map<string, DerivedTextView>();
  for (const [incidentId, changes] of byIncident) {
    const hidden = await hiddenOf(incidentId);
    const legacy = changes
      .map((e) => ({ id: e.id, seq: e.seq, body: JSON.parse(e.body) as Record<string, unknown> }))
      .filter((e) => isLegacyStatusChange('status-change', e.body));
    const replayed =
      legacy.length > 0
        ? replayStatusChanges(await getFactRowsOf(db, incidentId, ASSESSED_KINDS), legacy)
        : undefined;
    views.set(incidentId, replayed ? { hidden, replayed, language } : { hidden, language });
  }
  return views;
}
