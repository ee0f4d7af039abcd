import type { Kysely } from 'kysely';
import { affectedMemberStates } from '../blueprint/rules.js';
import { currentFacts, logFactOf } from '../incidents/rules.js';
import { getFactEntries } from '../incidents/store.js';
import { FACT_KINDS } from '../incidents/view-rules.js';
import type { Database } from '../platform/db/schema.js';
import { defaultAudienceForTrack } from '../sharing/tracks.js';

/**
 * The audience of an attribution-track entry whose author names none, for the response's own entries (decisions):
 * the EEAS and the states affected by the facts as they stand in this write, as src/sharing/tracks.ts decides.
 */
export async function attributionTrackAudience(db: Kysely<Database>, incidentId: string): Promise<string[]> {
  const facts = currentFacts((await getFactEntries(db, incidentId, FACT_KINDS)).map(logFactOf));
  return defaultAudienceForTrack('attribution', affectedMemberStates(facts));
}
