import { describe, expect, it } from 'vitest';
import { planMispImport } from '../interchange/import-misp.js';
import { distinctSectors, sectorOfTag } from '../interchange/import-sectors.js';
import { planStixImport } from '../interchange/import-stix.js';
import { nis2Tags } from './nis2-sectors.js';
import { SECTORS } from './sectors.js';

/**
 * The STIX export labels sectors with `nis2` machine tags and the MISP and STIX imports read them: both directions
 * come from the one table in nis2-sectors.ts, so every sector the export names imports back as itself. A subsector
 * comes back as itself when NIS2 gives it a value of its own; these share their value with their sector's other
 * subsectors (or have none), so only the sector can come back.
 */
const SECTOR_ONLY_IN_NIS2 = new Set([
  'transport/public-transport',
  'financial-market-infrastructure/trading-venues',
  'financial-market-infrastructure/central-counterparties',
  'health/healthcare-providers',
  'health/reference-laboratories',
  'health/medicinal-research',
  'health/pharmaceutical-manufacturing',
  'health/critical-medical-devices',
  'health/medicinal-wholesale',
  'digital-infrastructure/internet-exchange-points',
  'digital-infrastructure/dns',
  'digital-infrastructure/tld-registries',
  'digital-infrastructure/cloud-computing',
  'digital-infrastructure/data-centres',
  'digital-infrastructure/content-delivery-networks',
  'digital-infrastructure/trust-services',
  'digital-infrastructure/electronic-communications',
  'food/food-production-processing',
  'food/food-logistics-wholesale',
]);

type Ref = { sector: string; subsector?: string };

const rows: Array<[string, Ref, Ref]> = SECTORS.flatMap((sector) => [
  [sector.id, { sector: sector.id }, { sector: sector.id }] as [string, Ref, Ref],
  ...sector.subsectors.map((sub): [string, Ref, Ref] => {
    const name = `${sector.id}/${sub.id}`;
    const ref = { sector: sector.id, subsector: sub.id };
    return [name, ref, SECTOR_ONLY_IN_NIS2.has(name) ? { sector: sector.id } : ref];
  }),
]);

describe('a sector exported as nis2 tags and imported again', () => {
  it('covers every sector and subsector of the registry', () => {
    expect(rows.length).toBe(SECTORS.reduce((n, s) => n + 1 + s.subsectors.length, 0));
    // The list of subsectors that come back as their sector names real ones only.
    const names = new Set(rows.map(([name]) => name));
    for (const name of SECTOR_ONLY_IN_NIS2) expect(names, name).toContain(name);
  });

  it.each(rows)('%s reads back from its tags', (_name, ref, expected) => {
    const tags = nis2Tags(ref);
    expect(tags.length).toBeGreaterThan(0);
    expect(distinctSectors(tags.flatMap((t) => sectorOfTag(t) ?? []))).toEqual([expected]);
  });

  it.each(rows)('%s reads back from a STIX bundle and from a MISP event', (_name, ref, expected) => {
    const stix = planStixImport({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        {
          type: 'note',
          spec_version: '2.1',
          id: 'note--5d0092c5-5f74-4287-9642-33f4c354e56f',
          content: 'Pressure dropped at the compressor station',
          labels: nis2Tags(ref),
          object_refs: ['note--5d0092c5-5f74-4287-9642-33f4c354e56f'],
        },
      ],
    });
    expect(stix.items[0]!.body.sectors).toEqual([expected]);
    expect(stix.incident.sectors).toEqual([expected]);

    const misp = planMispImport({
      Event: {
        info: 'Outage',
        date: '2026-11-30',
        Tag: [{ name: 'tlp:green' }, ...nis2Tags(ref).map((name) => ({ name }))],
      },
    });
    expect(misp.items[0]!.body.sectors).toEqual([expected]);
  });
});
