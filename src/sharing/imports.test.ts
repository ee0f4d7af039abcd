import { describe, expect, it } from 'vitest';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { importedReach, importInto, type SourceDistribution } from './imports.js';
import { TLP_MARKINGS, type TlpMarking } from './model.js';
import { isAllowed } from './policy.js';

const importer = { userId: 'u-fi', email: 'fi@example.eu', organisation: 'FI' };
const everyone = PARTICIPATING_ORGANISATIONS.map((o) => o.id);
const DISTRIBUTIONS: SourceDistribution[] = ['organisation', 'sharing-group', 'community', 'unspecified'];

describe('the reach of imported material', () => {
  it.each<[TlpMarking, SourceDistribution, string[] | 'importer']>([
    ['TLP:RED', 'community', 'importer'],
    ['TLP:AMBER+STRICT', 'community', ['FI']],
    ['TLP:AMBER', 'unspecified', ['FI']],
    ['TLP:GREEN', 'organisation', ['FI']],
    ['TLP:GREEN', 'sharing-group', ['FI']],
    ['TLP:GREEN', 'community', everyone],
    ['TLP:CLEAR', 'unspecified', everyone],
  ])('%s with distribution %s', (marking, distribution, expected) => {
    const reach = importedReach(marking, distribution, importer);
    expect(reach.marking).toBe(marking);
    expect(reach.releasableToNato).toBe(false);
    if (expected === 'importer') {
      expect(reach.audience).toEqual([]);
      expect(reach.recipients).toEqual([{ userId: 'u-fi', email: 'fi@example.eu' }]);
    } else {
      expect([...reach.audience].sort()).toEqual([...expected].sort());
      expect(reach.recipients).toEqual([]);
    }
  });

  it('never reaches more organisations for a narrower distribution or a stricter marking', () => {
    for (const marking of TLP_MARKINGS)
      for (const [i, narrow] of DISTRIBUTIONS.entries())
        for (const wide of DISTRIBUTIONS.slice(i)) {
          const a = importedReach(marking, narrow, importer).audience;
          const b = importedReach(marking, wide, importer).audience;
          expect(a.every((o) => b.includes(o))).toBe(true);
        }
    for (const [i, strict] of [...TLP_MARKINGS].reverse().entries())
      for (const loose of [...TLP_MARKINGS].reverse().slice(i)) {
        const a = importedReach(strict, 'community', importer).audience;
        const b = importedReach(loose, 'community', importer).audience;
        expect(a.every((o) => b.includes(o))).toBe(true);
      }
  });

  it('lets only coordinators of participating organisations import, and never into an exercise', () => {
    const p = (role: 'coordinator' | 'viewer', organisation: string) => ({ userId: 'u', organisation, role });
    expect(isAllowed(importInto, p('coordinator', 'FI'), { exercise: false })).toBe(true);
    expect(isAllowed(importInto, p('coordinator', 'FI'), { exercise: true })).toBe(false);
    expect(isAllowed(importInto, p('viewer', 'FI'), { exercise: false })).toBe(false);
    expect(isAllowed(importInto, p('coordinator', 'NATO'), { exercise: false })).toBe(false);
  });
});
