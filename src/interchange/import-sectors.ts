/**
 * MISP's `nis` (ENISA's taxonomy for the 2017 cyber Blueprint) and `nis2` machine tags, mapped to the CER sectors
 * of the registry. A NIS sector the CER Annex does not list (courier, manufacturing, digital providers…) maps to
 * no sector: the tag is kept as a label, so the reader still sees it.
 */
type CerSector = { sector: string; subsector?: string };

const NIS_SECTORS: Record<string, CerSector> = {
  energy: { sector: 'energy' },
  transport: { sector: 'transport' },
  banking: { sector: 'banking' },
  financial: { sector: 'financial-market-infrastructure' },
  health: { sector: 'health' },
  'drinking-water': { sector: 'drinking-water' },
  'waste-water': { sector: 'waste-water' },
  'digital-infrastructure': { sector: 'digital-infrastructure' },
  communications: { sector: 'digital-infrastructure', subsector: 'electronic-communications' },
  'trust-and-identification-services': { sector: 'digital-infrastructure', subsector: 'trust-services' },
  government: { sector: 'public-administration' },
  'public-administration': { sector: 'public-administration' },
  space: { sector: 'space' },
  food: { sector: 'food' },
};

const NIS2_SUBSECTORS: Record<string, CerSector> = {
  electricity: { sector: 'energy', subsector: 'electricity' },
  'district-heating-and-cooling': { sector: 'energy', subsector: 'district-heating-cooling' },
  oil: { sector: 'energy', subsector: 'oil' },
  gas: { sector: 'energy', subsector: 'gas' },
  hydrogen: { sector: 'energy', subsector: 'hydrogen' },
  air: { sector: 'transport', subsector: 'air' },
  rail: { sector: 'transport', subsector: 'rail' },
  water: { sector: 'transport', subsector: 'water' },
  road: { sector: 'transport', subsector: 'road' },
  'banking-subsector': { sector: 'banking' },
  'financial-subsector': { sector: 'financial-market-infrastructure' },
  'health-subsector': { sector: 'health' },
  'drinking-water-subsector': { sector: 'drinking-water' },
  'waste-water-subsector': { sector: 'waste-water' },
  'digital-infrastructure-subsector': { sector: 'digital-infrastructure' },
  'public-administration-subsector': { sector: 'public-administration' },
  'space-subsector': { sector: 'space' },
  'food-subsector': { sector: 'food' },
};

/** The CER sector a `nis:`/`nis2:` tag names, or undefined when it names none (or is no sector tag). */
export function sectorOfTag(tag: string): CerSector | undefined {
  const m = /^(nis2?):([a-z-]+)="?([^"]+)"?$/i.exec(tag.trim());
  if (!m) return undefined;
  const [, namespace, predicate, value] = m as unknown as [string, string, string, string];
  const v = value.toLowerCase();
  if (predicate === 'impact-sectors-impacted') return NIS_SECTORS[v];
  if (namespace.toLowerCase() === 'nis2' && predicate === 'impact-subsectors-impacted')
    return NIS2_SUBSECTORS[v];
  return undefined;
}

/** The sectors without repeats; a sector named with a subsector also covers a mention of the sector alone. */
export function distinctSectors(list: readonly CerSector[]): CerSector[] {
  const out: CerSector[] = [];
  for (const s of list) {
    if (out.some((o) => o.sector === s.sector && o.subsector === s.subsector)) continue;
    out.push(s);
  }
  return out;
}
