import { describe, expect, it } from 'vitest';
import { CEPES_EXCLUDED_SECTORS, isCepesExcludedSector, isSector, isSubsector, SECTORS } from './sectors.js';

describe('sectors', () => {
  it('are the CER Annex sectors and subsectors with their ids', () => {
    expect(Object.fromEntries(SECTORS.map((s) => [s.id, s.subsectors.map((sub) => sub.id)]))).toEqual({
      energy: ['electricity', 'district-heating-cooling', 'oil', 'gas', 'hydrogen'],
      transport: ['air', 'rail', 'water', 'road', 'public-transport'],
      banking: ['credit-institutions'],
      'financial-market-infrastructure': ['trading-venues', 'central-counterparties'],
      health: [
        'healthcare-providers',
        'reference-laboratories',
        'medicinal-research',
        'pharmaceutical-manufacturing',
        'critical-medical-devices',
        'medicinal-wholesale',
      ],
      'drinking-water': ['drinking-water-supply'],
      'waste-water': ['waste-water-treatment'],
      'digital-infrastructure': [
        'internet-exchange-points',
        'dns',
        'tld-registries',
        'cloud-computing',
        'data-centres',
        'content-delivery-networks',
        'trust-services',
        'electronic-communications',
      ],
      'public-administration': ['central-government'],
      space: ['ground-infrastructure'],
      food: ['food-production-processing', 'food-logistics-wholesale'],
    });
  });

  it('all have English labels and kebab-case ids', () => {
    for (const sector of SECTORS) {
      expect(sector.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(sector.label).not.toBe('');
      for (const subsector of sector.subsectors) {
        expect(subsector.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
        expect(subsector.label).not.toBe('');
      }
    }
  });

  it('isSector and isSubsector check against the list', () => {
    expect(isSector('energy')).toBe(true);
    expect(isSector('Energy')).toBe(false);
    expect(isSector('defence')).toBe(false);
    expect(isSubsector('energy', 'gas')).toBe(true);
    expect(isSubsector('transport', 'gas')).toBe(false);
    expect(isSubsector('transport', 'water')).toBe(true);
    expect(isSubsector('nowhere', 'gas')).toBe(false);
  });

  it('exclude banking, financial market infrastructure and digital infrastructure from CEPES', () => {
    expect(CEPES_EXCLUDED_SECTORS).toEqual([
      'banking',
      'financial-market-infrastructure',
      'digital-infrastructure',
    ]);
    expect(isCepesExcludedSector('banking')).toBe(true);
    expect(isCepesExcludedSector('energy')).toBe(false);
  });
});
