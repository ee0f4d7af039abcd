import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryReach } from './entries.js';
import { readEntry } from './entries.js';
import { TLP_MARKINGS } from './model.js';
import { isAllowed } from './policy.js';
import { compileProduct, everyReaderMaySee } from './products.js';

const reach = (over: Partial<EntryReach>): EntryReach => ({
  authorUserId: 'u-fi',
  authorOrg: 'FI',
  marking: 'TLP:GREEN',
  audience: ['FI', 'DE', 'EE'],
  presidency: null,
  groupMembers: [],
  recipients: [],
  releasableToNato: false,
  ...over,
});

describe('compiled products', () => {
  it('include an entry only if every reader may see it', () => {
    const entries = [
      reach({ marking: 'TLP:CLEAR' }),
      reach({ marking: 'TLP:AMBER', audience: ['FI', 'DE'] }),
      reach({ marking: 'TLP:RED', recipients: ['user-de-1'] }),
    ];
    const forFiDe = compileProduct(
      entries,
      (e) => e,
      { organisations: ['FI', 'DE'], nato: false },
      { compiledBy: 'FI', leavesPlatform: false },
    );
    expect(forFiDe.included).toHaveLength(2);
    expect(forFiDe.marking).toBe('TLP:AMBER');
    const forFiDeEe = compileProduct(
      entries,
      (e) => e,
      { organisations: ['FI', 'DE', 'EE'], nato: false },
      { compiledBy: 'FI', leavesPlatform: false },
    );
    expect(forFiDeEe.included).toHaveLength(1);
    expect(forFiDeEe.notVisibleToAll).toBe(2);
    expect(forFiDeEe.marking).toBe('TLP:CLEAR');
  });

  it('are releasable to NATO only if every entry is', () => {
    const entries = [reach({ releasableToNato: true }), reach({ releasableToNato: false })];
    const p = compileProduct(
      entries,
      (e) => e,
      { organisations: ['FI'], nato: false },
      { compiledBy: 'FI', leavesPlatform: false },
    );
    expect(p.releasableToNato).toBe(false);
    const forNato = compileProduct(
      entries,
      (e) => e,
      { organisations: ['FI'], nato: true },
      { compiledBy: 'FI', leavesPlatform: false },
    );
    expect(forNato.included).toHaveLength(1);
    expect(forNato.releasableToNato).toBe(true);
  });

  it('leave out AMBER+STRICT and RED entries of others when the product leaves the platform, but keep AMBER', () => {
    const entries = [
      reach({ marking: 'TLP:AMBER+STRICT', authorOrg: 'DE', audience: ['FI', 'DE'] }),
      reach({ marking: 'TLP:AMBER', authorOrg: 'DE', audience: ['FI', 'DE'] }),
      reach({ marking: 'TLP:AMBER+STRICT', authorOrg: 'FI', audience: ['FI'] }),
    ];
    const p = compileProduct(
      entries,
      (e) => e,
      { organisations: ['FI'], nato: false },
      { compiledBy: 'FI', leavesPlatform: true },
    );
    expect(p.notExportable).toBe(1);
    expect(p.included.map((e) => `${e.authorOrg} ${e.marking}`)).toEqual([
      'DE TLP:AMBER',
      'FI TLP:AMBER+STRICT',
    ]);
    expect(p.marking).toBe('TLP:AMBER+STRICT');
  });

  it('never include an entry that some organisation reader of the product could not read (property)', () => {
    const orgs = ['FI', 'DE', 'EE', 'ERCC', 'EEAS'];
    const arbReach = fc.record({
      authorUserId: fc.constant('author'),
      authorOrg: fc.constantFrom(...orgs),
      marking: fc.constantFrom(...TLP_MARKINGS),
      // PRESIDENCY in an audience reaches whichever member state holds it when the product is compiled.
      audience: fc.subarray([...orgs, 'PRESIDENCY']),
      presidency: fc.constantFrom(null, 'FI', 'DE'),
      groupMembers: fc.subarray(orgs),
      recipients: fc.constant(['user-x']),
      releasableToNato: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbReach, { maxLength: 8 }),
        fc.subarray(orgs, { minLength: 1 }),
        fc.boolean(),
        (entries, audience, nato) => {
          const p = compileProduct(
            entries,
            (e) => e,
            { organisations: audience, nato },
            { compiledBy: 'FI', leavesPlatform: false },
          );
          for (const e of p.included) {
            for (const org of audience) {
              expect(isAllowed(readEntry, { userId: 'someone', organisation: org, role: 'viewer' }, e)).toBe(
                true,
              );
            }
            if (nato)
              expect(isAllowed(readEntry, { userId: 'n', organisation: 'NATO', role: 'viewer' }, e)).toBe(
                true,
              );
            expect(everyReaderMaySee({ organisations: audience, nato }, e)).toBe(true);
          }
          expect(p.included.length + p.notVisibleToAll).toBe(entries.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
