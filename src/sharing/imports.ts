import { defaultAudience, type EntryReach, readEntry } from './entries.js';
import { markingRank, type TlpMarking } from './model.js';
import { isAllowed, rule } from './policy.js';
import type { Principal } from './principal.js';
import { isParticipant } from './principal.js';

/** The incident an import writes into: whether it is an exercise decides whether outside material may enter it. */
export interface ImportTarget {
  exercise: boolean;
}

/**
 * Who may import material from outside (MISP events, STIX bundles) into an incident. An exercise incident takes
 * nothing from outside: real intelligence must never mix with injects, nor look like them.
 */
export const importInto = [
  rule(
    'coordinators of participating organisations import into incidents that are not exercises',
    (p: Principal, i: ImportTarget) => p.role === 'coordinator' && isParticipant(p) && !i.exercise,
  ),
];

/**
 * How far the source let the material travel, beside its TLP marking: MISP's distribution levels (CONTRACT README,
 * "Importing MISP and STIX"). `unspecified` when the format has no such notion (STIX) or the source left it out.
 */
export type SourceDistribution = 'organisation' | 'community' | 'sharing-group' | 'unspecified';

/** The importing person, who becomes the author and, for TLP:RED, the only recipient. */
export interface Importer {
  userId: string;
  email: string;
  organisation: string;
}

export interface ImportedReach {
  marking: TlpMarking;
  audience: string[];
  recipients: Array<{ userId: string; email: string }>;
  releasableToNato: boolean;
}

/**
 * The reach an imported item gets: never wider than its marking and its source allowed. TLP:RED names only the
 * importing person (they received it, and like every recipient of RED they pass it on to nobody). AMBER and
 * AMBER+STRICT stay within the importing organisation: TLP lets a recipient share AMBER with its own organisation
 * and clients, not with other organisations. GREEN and CLEAR go to every participating organisation unless the
 * source kept them to one organisation or to a sharing group the platform does not know, when they too stay with
 * the importer's organisation. Nothing imported is released to NATO: the source never said it may be.
 */
export function importedReach(
  marking: TlpMarking,
  distribution: SourceDistribution,
  importer: Importer,
): ImportedReach {
  const own = { marking, releasableToNato: false };
  if (marking === 'TLP:RED')
    return { ...own, audience: [], recipients: [{ userId: importer.userId, email: importer.email }] };
  if (marking === 'TLP:AMBER' || marking === 'TLP:AMBER+STRICT')
    return { ...own, audience: [importer.organisation], recipients: [] };
  if (distribution === 'organisation' || distribution === 'sharing-group')
    return { ...own, audience: [importer.organisation], recipients: [] };
  return { ...own, audience: defaultAudience(), recipients: [] };
}

/** Someone who might read an entry: an organisation as a whole, or a person named as a TLP:RED recipient. */
export interface PossibleReader {
  userId: string;
  organisation: string;
}

/** An imported entry's reach now and the reach its importer asks for, with who could read it under the new one. */
export interface ImportedReshare {
  before: EntryReach;
  after: EntryReach;
  /** Every participating organisation and the NATO liaison, and each person the new reach names as a recipient. */
  readers: readonly PossibleReader[];
}

const asViewer = (r: PossibleReader): Principal => ({ ...r, role: 'viewer' });

/**
 * The source decided how far imported material may travel, and the platform gave it no more than that
 * (`importedReach`): its importer may narrow it or mark it stricter, never send it further.
 */
export const reshareImported = [
  rule(
    "an imported entry's importer narrows its reach or marks it stricter, naming nobody who could not already read it",
    (c: ImportedReshare) =>
      markingRank(c.after.marking as TlpMarking) >= markingRank(c.before.marking as TlpMarking) &&
      c.readers.every(
        (r) => !isAllowed(readEntry, asViewer(r), c.after) || isAllowed(readEntry, asViewer(r), c.before),
      ),
  ),
];
