import { isParticipatingOrganisation } from '../registry/organisations.js';
import type { EntryReach } from './entries.js';
import { exportableByRecipient, mostRestrictive, type TlpMarking } from './model.js';
import { reachedAsPresidency } from './presidency.js';

/** Who a compiled product (sitrep, export, report, picture) is for: organisations, and whether NATO too. */
export interface ProductAudience {
  organisations: readonly string[];
  nato: boolean;
}

/**
 * Whether everyone an organisation-wide product reaches may see an entry. TLP:RED is for named people only, so it
 * never goes into a product addressed to organisations.
 */
export function everyReaderMaySee(audience: ProductAudience, e: EntryReach): boolean {
  if (e.marking === 'TLP:RED') return false;
  const orgSees = (org: string) =>
    org === e.authorOrg ||
    (isParticipatingOrganisation(org) &&
      (e.audience.includes(org) ||
        e.groupMembers.includes(org) ||
        reachedAsPresidency(org, e.audience, e.presidency)));
  if (!audience.organisations.every(orgSees)) return false;
  return !audience.nato || e.releasableToNato;
}

export interface Compiled<T> {
  included: T[];
  /** Left out because some reader of the product may not see them. */
  notVisibleToAll: number;
  /** Left out because their marking forbids recipients to take them beyond the platform. */
  notExportable: number;
  marking: TlpMarking;
  releasableToNato: boolean;
}

/**
 * The compiled-product rule: an entry is in only if every reader of the product may see it; the product carries
 * the most restrictive marking among its entries and is releasable to NATO only if every entry is. When the
 * product leaves the platform (`leavesPlatform`), entries a recipient may not export are left out too.
 */
export function compileProduct<T>(
  entries: readonly T[],
  reachOf: (e: T) => EntryReach,
  audience: ProductAudience,
  options: { compiledBy: string; leavesPlatform: boolean },
): Compiled<T> {
  const included: T[] = [];
  let notVisibleToAll = 0;
  let notExportable = 0;
  for (const e of entries) {
    const reach = reachOf(e);
    if (!everyReaderMaySee(audience, reach)) notVisibleToAll++;
    else if (
      options.leavesPlatform &&
      reach.authorOrg !== options.compiledBy &&
      !exportableByRecipient(reach.marking as TlpMarking)
    ) {
      notExportable++;
    } else included.push(e);
  }
  const reaches = included.map(reachOf);
  return {
    included,
    notVisibleToAll,
    notExportable,
    marking: mostRestrictive(reaches.map((r) => r.marking as TlpMarking)),
    releasableToNato: reaches.every((r) => r.releasableToNato),
  };
}
