import type { SectorId } from './sectors.js';

/**
 * The registry's CER sectors in the vocabulary of MISP's `nis2` taxonomy (machine tags `nis2:<predicate>="<value>"`),
 * which national CSIRTs and the CSIRTs Network tag events with. Every CER sector has a NIS2 counterpart (NIS2
 * Annex I and II); public transport has no NIS2 subsector of its own, so it carries the transport sector only.
 */
const NIS2_SECTOR: Record<SectorId, { sector: string; subsectors: Readonly<Record<string, string>> }> = {
  energy: {
    sector: 'energy',
    subsectors: {
      electricity: 'electricity',
      'district-heating-cooling': 'district-heating-and-cooling',
      oil: 'oil',
      gas: 'gas',
      hydrogen: 'hydrogen',
    },
  },
  transport: { sector: 'transport', subsectors: { air: 'air', rail: 'rail', water: 'water', road: 'road' } },
  banking: { sector: 'banking', subsectors: { 'credit-institutions': 'banking-subsector' } },
  'financial-market-infrastructure': {
    sector: 'financial',
    subsectors: { 'trading-venues': 'financial-subsector', 'central-counterparties': 'financial-subsector' },
  },
  health: {
    sector: 'health',
    subsectors: {
      'healthcare-providers': 'health-subsector',
      'reference-laboratories': 'health-subsector',
      'medicinal-research': 'health-subsector',
      'pharmaceutical-manufacturing': 'health-subsector',
      'critical-medical-devices': 'health-subsector',
      'medicinal-wholesale': 'health-subsector',
    },
  },
  'drinking-water': {
    sector: 'drinking-water',
    subsectors: { 'drinking-water-supply': 'drinking-water-subsector' },
  },
  'waste-water': { sector: 'waste-water', subsectors: { 'waste-water-treatment': 'waste-water-subsector' } },
  'digital-infrastructure': {
    sector: 'digital-infrastructure',
    subsectors: {
      'internet-exchange-points': 'digital-infrastructure-subsector',
      dns: 'digital-infrastructure-subsector',
      'tld-registries': 'digital-infrastructure-subsector',
      'cloud-computing': 'digital-infrastructure-subsector',
      'data-centres': 'digital-infrastructure-subsector',
      'content-delivery-networks': 'digital-infrastructure-subsector',
      'trust-services': 'digital-infrastructure-subsector',
      'electronic-communications': 'digital-infrastructure-subsector',
    },
  },
  'public-administration': {
    sector: 'public-administration',
    subsectors: { 'central-government': 'public-administration-subsector' },
  },
  space: { sector: 'space', subsectors: { 'ground-infrastructure': 'space-subsector' } },
  food: {
    sector: 'food',
    subsectors: {
      'food-production-processing': 'food-subsector',
      'food-logistics-wholesale': 'food-subsector',
    },
  },
};

export const NIS2_NAMESPACE = 'nis2';
export const NIS2_SECTOR_PREDICATE = 'impact-sectors-impacted';
export const NIS2_SUBSECTOR_PREDICATE = 'impact-subsectors-impacted';

/** The `nis2` sector value for a CER sector, or undefined for a sector the registry does not know. */
export function nis2Sector(sector: string): string | undefined {
  return (NIS2_SECTOR as Record<string, { sector: string } | undefined>)[sector]?.sector;
}

/** The `nis2` subsector value for a CER subsector, or undefined when NIS2 has none for it. */
export function nis2Subsector(sector: string, subsector: string): string | undefined {
  const entry = (NIS2_SECTOR as Record<string, { subsectors: Readonly<Record<string, string>> } | undefined>)[
    sector
  ];
  return entry?.subsectors[subsector];
}

/** A sector reference as an import reads it from a tag: the sector, and the subsector when the tag names one. */
export interface NisSectorRef {
  sector: string;
  subsector?: string;
}

/**
 * The older `nis` taxonomy (ENISA's, for the 2017 cyber Blueprint) names some sectors differently; an import reads
 * these too. Only names that differ are here: the rest are the `nis2` values above, read back from that table.
 */
const NIS_SECTOR_ALIASES: Readonly<Record<string, NisSectorRef>> = {
  communications: { sector: 'digital-infrastructure', subsector: 'electronic-communications' },
  'trust-and-identification-services': { sector: 'digital-infrastructure', subsector: 'trust-services' },
  government: { sector: 'public-administration' },
};

/** Each `nis2` sector value back to its CER sector: the table's own direction reversed. */
const SECTOR_OF_NIS2 = new Map<string, NisSectorRef>(
  Object.entries(NIS2_SECTOR).map(([sector, entry]) => [entry.sector, { sector }]),
);

/**
 * Each `nis2` subsector value back to the CER subsector it stands for; a value several CER subsectors share
 * (`health-subsector`) names only their sector, since which one it was cannot be told.
 */
const SUBSECTOR_OF_NIS2: ReadonlyMap<string, NisSectorRef> = (() => {
  const owners = new Map<string, Array<{ sector: string; subsector: string }>>();
  for (const [sector, entry] of Object.entries(NIS2_SECTOR)) {
    for (const [subsector, value] of Object.entries(entry.subsectors)) {
      owners.set(value, [...(owners.get(value) ?? []), { sector, subsector }]);
    }
  }
  return new Map(
    [...owners].map(([value, refs]): [string, NisSectorRef] => [
      value,
      refs.length === 1 ? refs[0]! : { sector: refs[0]!.sector },
    ]),
  );
})();

/** The CER sector a `nis:`/`nis2:` machine tag names, or undefined when it names none (or is no sector tag). */
export function sectorOfNisTag(tag: string): NisSectorRef | undefined {
  const m = /^(nis2?):([a-z-]+)="?([^"]+)"?$/i.exec(tag.trim());
  if (!m) return undefined;
  const [, namespace, predicate, value] = m as unknown as [string, string, string, string];
  const v = value.toLowerCase();
  if (predicate === NIS2_SECTOR_PREDICATE) return SECTOR_OF_NIS2.get(v) ?? NIS_SECTOR_ALIASES[v];
  if (namespace.toLowerCase() === NIS2_NAMESPACE && predicate === NIS2_SUBSECTOR_PREDICATE)
    return SUBSECTOR_OF_NIS2.get(v);
  return undefined;
}

/** The MISP machine tags for a sector reference: the sector's, and the subsector's where NIS2 has one. */
export function nis2Tags(ref: { sector: string; subsector?: string | undefined }): string[] {
  const tags: string[] = [];
  const sector = nis2Sector(ref.sector);
  if (sector) tags.push(`${NIS2_NAMESPACE}:${NIS2_SECTOR_PREDICATE}="${sector}"`);
  const subsector = ref.subsector && nis2Subsector(ref.sector, ref.subsector);
  if (subsector) tags.push(`${NIS2_NAMESPACE}:${NIS2_SUBSECTOR_PREDICATE}="${subsector}"`);
  return tags;
}
