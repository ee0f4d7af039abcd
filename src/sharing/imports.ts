import { defaultAudience } from './entries.js';
import type { TlpMarking } from './model.js';
import { rule } from './policy.js';
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
 * importing person (they received it; passing it on is theirs to decide, by a change of reach). AMBER and
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
