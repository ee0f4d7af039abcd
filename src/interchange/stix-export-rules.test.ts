import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { markingRank, TLP_MARKINGS, type TlpMarking } from '../sharing/model.js';
import { type StixObject, TLP_2_IDS } from './stix-export-model.js';
import { stixObjectsOf } from './stix-export-rules.js';

const MARKING_OF = new Map(Object.entries(TLP_2_IDS).map(([m, id]) => [id, m as TlpMarking]));
const ORGS = ['FI', 'DE', 'EE', 'ERCC'] as const;

/** The incident as a reader's view gives it, with only what the export reads. */
const incident = {
  id: '0193a000-0000-7000-8000-000000000001',
  title: 'Pipeline pressure loss',
  reportedBy: 'FI',
  occurredAt: '2026-11-28T06:00:00Z',
  createdAt: '2026-11-28T06:05:00.000Z',
  exercise: false,
  releasableToNato: false,
  status: 'below-threshold',
  blueprintState: 'monitoring',
  memberStates: ['FI'],
  assessment: { triggers: [{ id: 'T1', met: false, explanation: '' }], significantlyAffected: [] },
} as unknown as Incident;

const entryArb = fc.record({
  marking: fc.constantFrom(...TLP_MARKINGS),
  author: fc.constantFrom(...ORGS),
  audience: fc.subarray([...ORGS], { minLength: 1 }),
  kind: fc.constantFrom('note', 'update', 'report'),
  withholdText: fc.boolean(),
  withholdName: fc.boolean(),
  releasableToNato: fc.boolean(),
  minutes: fc.nat({ max: 600 }),
});

type Generated = typeof entryArb extends fc.Arbitrary<infer T> ? T : never;

function entryOf(e: Generated, i: number): Entry {
  const createdAt = new Date(Date.parse(incident.createdAt) + e.minutes * 60_000).toISOString();
  const withheld = [
    ...(e.withholdText ? [{ field: 'text', reason: 'national-security' as const, by: e.author }] : []),
    ...(e.withholdName
      ? [{ field: 'entities[0].name', reason: 'national-security' as const, by: e.author }]
      : []),
  ];
  return {
    id: `0193a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    incidentId: incident.id,
    seq: i,
    kind: e.kind,
    createdAt,
    author: { userId: `u-${e.author}`, name: `person of ${e.author}`, organisation: e.author },
    marking: e.marking,
    audience: e.audience,
    resolvedAudience: e.audience,
    sharingGroup: null,
    recipients: [],
    releasableToNato: e.releasableToNato,
    text: `secret text ${i}`,
    body: {
      text: `secret text ${i}`,
      ...(e.kind === 'note'
        ? {}
        : { entities: [{ name: `secret name ${i}`, sector: 'energy', subsector: 'gas' }] }),
      withheld: withheld.map(({ by: _by, ...w }) => w),
    },
    withheld,
    track: 'consequence-management',
    supersedes: null,
    supersededBy: null,
    reachChangedAt: null,
    whoCanSee: {
      organisations: [...new Set([e.author, ...e.audience])].sort(),
      people: [],
      natoLiaison: e.releasableToNato,
      hiddenGroup: null,
    },
    attachments: [],
    abilities: { changeReach: false, attach: false, correct: false, retract: false },
  } as Entry;
}

describe('the STIX view of an incident, whatever its entries', () => {
  it('never widens a marking, never lets AMBER+STRICT, RED or a withheld detail out, whoever reads', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 12 }), fc.constantFrom(...ORGS), (generated, readerOrg) => {
        const entries = generated.map((e, i) => entryOf(e, i + 1));
        const placed = stixObjectsOf({
          reader: { userId: `u-${readerOrg}`, organisation: readerOrg, role: 'coordinator' },
          incident,
          entries,
        });
        const byEntry = new Map(entries.map((e) => [e.id, e]));
        let widest = 0;
        for (const placedObject of placed) {
          if (placedObject.object.type === 'marking-definition') {
            expect(['TLP:AMBER+STRICT', 'TLP:RED']).not.toContain(placedObject.object.name);
            continue;
          }
          const object = placedObject.object as StixObject;
          const marking = MARKING_OF.get(object.object_marking_refs[0]!)!;
          widest = Math.max(widest, markingRank(marking));
          expect(markingRank(marking)).toBeLessThanOrEqual(markingRank('TLP:AMBER'));
          const source = object.external_references![0]!.external_id!;
          const entry = byEntry.get(source.split('/')[0]!);
          // Notes and the entities they name carry exactly their entry's marking and audience.
          if (object.type === 'note' || object.type === 'infrastructure') {
            expect(marking).toBe(entry!.marking);
            expect(object.x_blueprint_audience).toEqual(entry!.whoCanSee.organisations);
          }
        }
        const report = placed.find((p) => p.object.type === 'report')!.object as StixObject;
        expect(markingRank(MARKING_OF.get(report.object_marking_refs[0]!)!)).toBe(widest);
        const text = JSON.stringify(placed);
        for (const e of entries) {
          const i = e.seq;
          const travels = markingRank(e.marking) <= markingRank('TLP:AMBER');
          const textWithheld = e.withheld.some((w) => w.field === 'text');
          const nameWithheld = e.withheld.some((w) => w.field === 'entities[0].name');
          if (!travels || textWithheld) expect(text).not.toContain(`"secret text ${i}"`);
          else expect(text).toContain(`"secret text ${i}"`);
          if (!travels || nameWithheld) expect(text).not.toContain(`"secret name ${i}"`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
