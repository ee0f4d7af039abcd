export interface Subsector {
  readonly id: string;
  readonly label: string;
}

export interface Sector {
  readonly id: string;
  readonly label: string;
  readonly subsectors: readonly Subsector[];
}

/** The sectors and subsectors of the CER Directive's Annex. */
export const SECTORS = [
  {
    id: 'energy',
    label: 'Energy',
    subsectors: [
      { id: 'electricity', label: 'Electricity' },
      { id: 'district-heating-cooling', label: 'District heating and cooling' },
      { id: 'oil', label: 'Oil' },
      { id: 'gas', label: 'Gas' },
      { id: 'hydrogen', label: 'Hydrogen' },
    ],
  },
  {
    id: 'transport',
    label: 'Transport',
    subsectors: [
      { id: 'air', label: 'Air' },
      { id: 'rail', label: 'Rail' },
      { id: 'water', label: 'Water' },
      { id: 'road', label: 'Road' },
      { id: 'public-transport', label: 'Public transport' },
    ],
  },
  {
    id: 'banking',
    label: 'Banking',
    subsectors: [{ id: 'credit-institutions', label: 'Credit institutions' }],
  },
  {
    id: 'financial-market-infrastructure',
    label: 'Financial market infrastructure',
    subsectors: [
      { id: 'trading-venues', label: 'Operators of trading venues' },
      { id: 'central-counterparties', label: 'Central counterparties' },
    ],
  },
  {
    id: 'health',
    label: 'Health',
    subsectors: [
      { id: 'healthcare-providers', label: 'Healthcare providers' },
      { id: 'reference-laboratories', label: 'EU reference laboratories' },
      { id: 'medicinal-research', label: 'Research and development of medicinal products' },
      { id: 'pharmaceutical-manufacturing', label: 'Manufacture of basic pharmaceutical products' },
      {
        id: 'critical-medical-devices',
        label: 'Manufacture of medical devices critical during a public health emergency',
      },
      { id: 'medicinal-wholesale', label: 'Wholesale of medicinal products' },
    ],
  },
  {
    id: 'drinking-water',
    label: 'Drinking water',
    subsectors: [{ id: 'drinking-water-supply', label: 'Supply and distribution of drinking water' }],
  },
  {
    id: 'waste-water',
    label: 'Waste water',
    subsectors: [{ id: 'waste-water-treatment', label: 'Collection, disposal and treatment of waste water' }],
  },
  {
    id: 'digital-infrastructure',
    label: 'Digital infrastructure',
    subsectors: [
      { id: 'internet-exchange-points', label: 'Internet exchange points' },
      { id: 'dns', label: 'DNS service providers' },
      { id: 'tld-registries', label: 'Top-level domain name registries' },
      { id: 'cloud-computing', label: 'Cloud computing services' },
      { id: 'data-centres', label: 'Data centre services' },
      { id: 'content-delivery-networks', label: 'Content delivery networks' },
      { id: 'trust-services', label: 'Trust services' },
      { id: 'electronic-communications', label: 'Public electronic communications networks and services' },
    ],
  },
  {
    id: 'public-administration',
    label: 'Public administration',
    subsectors: [{ id: 'central-government', label: 'Central government' }],
  },
  {
    id: 'space',
    label: 'Space',
    subsectors: [{ id: 'ground-infrastructure', label: 'Ground-based infrastructure' }],
  },
  {
    id: 'food',
    label: 'Production, processing and distribution of food',
    subsectors: [
      { id: 'food-production-processing', label: 'Food production and processing' },
      { id: 'food-logistics-wholesale', label: 'Food logistics and wholesale distribution' },
    ],
  },
] as const satisfies readonly Sector[];

export type SectorId = (typeof SECTORS)[number]['id'];

export const SECTOR_IDS: readonly SectorId[] = SECTORS.map((sector) => sector.id);

/** CER Art. 8 leaves these to sector-specific EU law, so their entities are never CEPES. */
export const CEPES_EXCLUDED_SECTORS: readonly SectorId[] = [
  'banking',
  'financial-market-infrastructure',
  'digital-infrastructure',
];

const byId: ReadonlyMap<string, Sector> = new Map(SECTORS.map((sector) => [sector.id, sector]));

export function sectorById(id: string): Sector | undefined {
  return byId.get(id);
}

export function isSector(id: string): id is SectorId {
  return byId.has(id);
}

export function isSubsector(sector: string, subsector: string): boolean {
  return byId.get(sector)?.subsectors.some((s) => s.id === subsector) ?? false;
}

export function isCepesExcludedSector(sector: string): boolean {
  return (CEPES_EXCLUDED_SECTORS as readonly string[]).includes(sector);
}
