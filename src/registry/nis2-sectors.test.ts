import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { standard } from '../../test/support/standards.js';
import { nis2Sector, nis2Subsector, nis2Tags } from './nis2-sectors.js';
import { SECTORS } from './sectors.js';

interface Taxonomy {
  namespace: string;
  values: Array<{ predicate: string; entry: Array<{ value: string }> }>;
}

const taxonomy = (): Taxonomy =>
  JSON.parse(fs.readFileSync(standard('misp', 'taxonomies', 'nis2', 'machinetag.json'), 'utf8'));
const valuesOf = (t: Taxonomy, predicate: string) =>
  new Set(t.values.find((v) => v.predicate === predicate)?.entry.map((e) => e.value));

describe('the MISP nis2 vocabulary for the registry’s sectors', () => {
  it('gives every CER sector a sector of the nis2 taxonomy, and subsectors only its values', () => {
    const t = taxonomy();
    expect(t.namespace).toBe('nis2');
    const sectors = valuesOf(t, 'impact-sectors-impacted');
    const subsectors = valuesOf(t, 'impact-subsectors-impacted');
    for (const sector of SECTORS) {
      expect(sectors, sector.id).toContain(nis2Sector(sector.id));
      for (const sub of sector.subsectors) {
        const value = nis2Subsector(sector.id, sub.id);
        if (value !== undefined) expect(subsectors, `${sector.id}/${sub.id}`).toContain(value);
      }
    }
  });

  it('writes machine tags as MISP spells them', () => {
    expect(nis2Tags({ sector: 'energy', subsector: 'district-heating-cooling' })).toEqual([
      'nis2:impact-sectors-impacted="energy"',
      'nis2:impact-subsectors-impacted="district-heating-and-cooling"',
    ]);
    expect(nis2Tags({ sector: 'transport', subsector: 'public-transport' })).toEqual([
      'nis2:impact-sectors-impacted="transport"',
    ]);
    expect(nis2Tags({ sector: 'no-such-sector' })).toEqual([]);
  });
});
