import { type NisSectorRef, sectorOfNisTag } from '../registry/nis2-sectors.js';

/**
 * MISP's `nis` and `nis2` machine tags, read as the registry's CER sectors. The mapping is the registry's one table
 * (src/registry/nis2-sectors.ts), which the STIX export writes with, so an exported tag reads back as its sector.
 * A NIS sector the CER Annex does not list (courier, manufacturing…) maps to no sector: the tag stays a label.
 */
type CerSector = NisSectorRef;

export const sectorOfTag = sectorOfNisTag;

/** The sectors without repeats; a sector named with a subsector also covers a mention of the sector alone. */
export function distinctSectors(list: readonly CerSector[]): CerSector[] {
  const out: CerSector[] = [];
  for (const s of list) {
    if (out.some((o) => o.sector === s.sector && o.subsector === s.subsector)) continue;
    out.push(s);
  }
  return out.filter(
    (s) => s.subsector !== undefined || !out.some((o) => o.sector === s.sector && o.subsector !== undefined),
  );
}
