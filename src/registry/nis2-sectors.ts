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

/** The MISP machine tags for a sector reference: the sector's, and the subsector's where NIS2 has one. */
export function nis2Tags(ref: { sector: string; subsector?: string | undefined }): string[] {
  const tags: string[] = [];
  const sector = nis2Sector(ref.sector);
  if (sector) tags.push(`${NIS2_NAMESPACE}:${NIS2_SECTOR_PREDICATE}="${sector}"`);
  const subsector = ref.subsector && nis2Subsector(ref.sector, ref.subsector);
  if (subsector) tags.push(`${NIS2_NAMESPACE}:${NIS2_SUBSECTOR_PREDICATE}="${subsector}"`);
  return tags;
}
