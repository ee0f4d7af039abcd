/**
 * Property: text derived from the facts never contains a string the reader may not see (CONTRACT "Who sees what":
 * "Anything derived from the facts ... names an entity or shows a detail only to readers who may see the entry it
 * came from"). Over the pure projections every read path uses: the assessment's reasons and explanations, a
 * status-change entry (stored as facts, and an older one that stored its text), the same entry on a path that
 * could not learn the reader's hidden names, and a sitrep's prefilled text for a whole audience.
 *
 * Each case is an incident reported by FI with entities spread over three entries: FI's report to everyone
 * (TLP:GREEN), FI's update TLP:AMBER to EE only, and DE's update TLP:AMBER to DE only; any entity name may also be
 * withheld by its author. Who may see which name is decided by a reference model written from the contract text,
 * independent of the platform's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StatusChangeBody } from '../blueprint/derived-model.js';
import { renderReasons } from '../blueprint/derived-text.js';
import type { Activation } from '../blueprint/model.js';
import { assessIncident, assessIncidentFacts } from '../blueprint/rules.js';
import { entryForEveryReader, namesHiddenFromProduct } from '../entries/product-names.js';
import { presentEntry, reachOf } from '../entries/rules.js';
import { replayStatusChanges } from '../entries/status-change.js';
import type { StoredEntry } from '../entries/store.js';
import { compileProduct } from '../sharing/products.js';
import { prefill } from '../sitreps/rules.js';
import { assessmentForReader, currentFacts, logFactOf } from './rules.js';

const READERS = ['FI', 'EE', 'DE', 'ERCC', 'LV'] as const;
const ALL = ['AT', 'BE', 'DE', 'EE', 'FI', 'FR', 'LT', 'LV', 'PL', 'SE', 'ERCC'];
const T0 = '2026-03-01T08:00:00Z';

/** Where an entity is reported: who wrote the entry and who it went to. */
const PLACES = [
  { author: 'FI', kind: 'report', audience: ALL, marking: 'TLP:GREEN' },
  { author: 'FI', kind: 'update', audience: ['EE'], marking: 'TLP:AMBER' },
  { author: 'DE', kind: 'update', audience: ['DE'], marking: 'TLP:AMBER' },
] as const;

interface GenEntity {
  name: string;
  place: 0 | 1 | 2;
  withheld: boolean;
  sector: 'energy' | 'transport' | 'banking';
  cepes: boolean;
  served: string[];
  disrupted: boolean;
}

const entityArb = (i: number) =>
  fc.record({
    // Distinct, unmistakable names: no name is part of another or of the fixed wording.
    name: fc.integer({ min: 1000, max: 9999 }).map((n) => `Zq${i}x${n}`),
    place: fc.constantFrom(0 as const, 1 as const, 2 as const),
    withheld: fc.boolean(),
    sector: fc.constantFrom('energy' as const, 'transport' as const, 'banking' as const),
    cepes: fc.boolean(),
    served: fc.subarray(['AT', 'BE', 'DE', 'EE', 'FI', 'FR', 'LT', 'PL', 'NO']),
    disrupted: fc.boolean(),
  });

const caseArb = fc.record({
  entities: fc
    .integer({ min: 1, max: 5 })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entityArb(i)))),
  significant: fc.subarray(['FI', 'EE', 'DE', 'LV', 'LT', 'PL', 'SE']),
  claimed: fc.subarray(['FR', 'BE']),
  audience: fc.subarray(['EE', 'DE', 'ERCC', 'LV']),
  /** FI's AMBER update names a detail in its text, which FI may keep to itself. */
  note: fc.integer({ min: 1000, max: 9999 }).map((n) => `Zqnote${n}`),
  keepNote: fc.boolean(),
});

/** Reference model from the contract: the entry's author organisation always sees it; others per its audience, and
 * never a name its author withheld. */
function maySeeName(reader: string, e: GenEntity): boolean {
  const place = PLACES[e.place];
  if (reader === place.author) return true;
  return (place.audience as readonly string[]).includes(reader) && !e.withheld;
}

function stored(
  seq: number,
  kind: string,
  author: string,
  body: unknown,
  reach: { audience: readonly string[]; marking: string },
): StoredEntry {
  return {
    id: `e${seq}`,
    seq,
    incidentId: 'i1',
    kind,
    createdAt: T0,
    authorUserId: `u-${author}`,
    authorName: author,
    authorOrg: author,
    body: JSON.stringify(body),
    supersedes: null,
    marking: reach.marking,
    audience: [...reach.audience],
    presidency: null,
    recipients: [],
    releasableToNato: false,
    reachChangedBy: null,
    reachChangedAt: T0,
    group: null,
    attachments: [],
  };
}

/** The incident's log: the three entries naming entities, in order. */
function logOf(c: {
  entities: GenEntity[];
  significant: string[];
  claimed: string[];
  note: string;
  keepNote: boolean;
}): StoredEntry[] {
  return PLACES.map((place, p) => {
    const mine = c.entities.filter((e) => e.place === p);
    const entities = mine.map((e) => ({
      name: e.name,
      sector: e.sector,
      cepes: e.cepes,
      memberStatesServed: e.served,
      significantlyDisrupted: e.disrupted,
    }));
    const withheld: Array<{ field: string; reason: string }> = mine
      .map((e, i) =>
        e.withheld ? { field: `entities[${i}].name`, reason: 'commercial-confidentiality' } : null,
      )
      .filter((w) => w !== null);
    if (p === 1 && c.keepNote) withheld.push({ field: 'text', reason: 'ongoing-investigation' });
    const impacts =
      p === 0
        ? [
            ...c.significant.map((s) => ({ memberState: s, level: 'significant', assessedBy: s })),
            ...c.claimed.map((s) => ({ memberState: s, level: 'significant' })),
          ]
        : [];
    const body =
      place.kind === 'report'
        ? { title: 'Gas supply', reportedBy: 'FI', occurredAt: T0, entities, impacts, withheld }
        : {
            stage: 'cer-initial-notification',
            text: p === 1 ? `${c.note} is the suspected cause.` : 'More entities affected.',
            entities,
            withheld,
          };
    return stored(p + 1, place.kind, place.author, body, place);
  });
}

const reader = (org: string) => ({
  userId: `reader-${org}`,
  organisation: org,
  role: 'coordinator' as const,
});

const INACTIVE: Activation = {
  state: 'inactive',
  activatedAt: null,
  activatedBy: null,
  joinedBy: [],
  presidency: null,
  deactivatedAt: null,
  deactivatedBy: null,
  closingSummary: null,
  history: [],
};

describe('property: derived text never contains a string the reader may not see', () => {
  it('holds for reasons, explanations, status-change entries old and new, and sitrep prefills', () => {
    let checks = 0;
    fc.assert(
      fc.property(caseArb, (c) => {
        const log = logOf(c);
        const rows = log.map((e) => ({
          seq: e.seq,
          kind: e.kind,
          author_org: e.authorOrg,
          created_at: e.createdAt,
          body: e.body,
        }));
        const record = assessIncidentFacts(currentFacts(rows.map(logFactOf)));
        const facts = record.facts;
        const met = facts.triggers.filter((t) => t.met).map((t) => t.id);
        const current = stored(
          4,
          'status-change',
          'FI',
          StatusChangeBody.parse({ from: null, to: record.status, met, facts }),
          { audience: ALL, marking: 'TLP:GREEN' },
        );
        // An entry stored before reasons were facts: its text names every entity.
        const full = assessIncident(currentFacts(rows.map(logFactOf)));
        const legacy = stored(
          5,
          'status-change',
          'FI',
          { from: null, to: full.status, met, reasons: full.reasons },
          {
            audience: ALL,
            marking: 'TLP:GREEN',
          },
        );
        const replayed = replayStatusChanges(
          rows.filter((r) => r.seq < 4).map((r) => r),
          [{ id: legacy.id, seq: legacy.seq, body: JSON.parse(legacy.body) as Record<string, unknown> }],
        );
        expect(replayed.get(legacy.id)).toEqual(facts);

        for (const org of READERS) {
          const hidden = namesHiddenFromProduct([], log, { organisations: [org], nato: false });
          const forbidden = c.entities.filter((e) => !maySeeName(org, e)).map((e) => e.name);
          const allowed = c.entities.filter((e) => maySeeName(org, e)).map((e) => e.name);
          const texts: Array<[string, string]> = [];
          const assessment = assessmentForReader(record, hidden);
          texts.push(['assessment', JSON.stringify(assessment)]);
          const view = { hidden, replayed };
          const fresh = presentEntry(current, reader(org), null, view);
          texts.push(['status-change', JSON.stringify(fresh)]);
          const old = presentEntry(legacy, reader(org), null, view);
          texts.push(['old status-change', JSON.stringify(old)]);
          // The old entry says what a new one says: its reasons rendered from the facts found again.
          expect(old.body.reasons).toEqual(fresh.body.reasons);
          expect(fresh.body.reasons).toEqual(renderReasons(facts, hidden));
          // A path that did not learn the reader's hidden names shows no name at all.
          const blind = JSON.stringify(presentEntry(current, reader(org), null));
          for (const e of c.entities) expect(blind).not.toContain(e.name);
          for (const [path, text] of texts) {
            for (const name of forbidden) {
              checks++;
              if (text.includes(name)) throw new Error(`${org} sees ${name} in the ${path}: ${text}`);
            }
          }
          // Not vacuous: a disrupted CEPES the reader may see is named to them.
          for (const name of allowed) {
            if (assessment.cepesAffected.length > 0 && record.cepesAffected.includes(name))
              expect(assessment.cepesAffected).toContain(name);
          }
        }

        // A sitrep is prefilled for its whole audience: no name any of its readers may not see.
        const organisations = ['FI', ...c.audience];
        const productHidden = namesHiddenFromProduct([], log, { organisations, nato: false });
        const sections = prefill({
          title: 'Gas supply',
          occurredAt: T0,
          cause: null,
          assessment: assessmentForReader(record, productHidden),
          activation: INACTIVE,
          consultations: [],
          states: [],
          sectors: [],
          reporting: [],
          // The entries compiled for the audience, as FI (the compiler) receives them, then for every reader.
          entries: compileProduct(
            log.filter((e) => e.authorOrg === 'FI'),
            reachOf,
            { organisations, nato: false },
            { compiledBy: 'FI', leavesPlatform: false },
          ).included.map((e) =>
            entryForEveryReader(presentEntry(e, reader('FI')), { organisations, nato: false }),
          ),
          now: new Date(T0),
        });
        const text = JSON.stringify(sections);
        if (c.keepNote && organisations.some((org) => org !== 'FI')) {
          checks++;
          if (text.includes(c.note))
            throw new Error(`the sitrep for ${organisations.join(',')} shows ${c.note}`);
        }
        if (organisations.length === 1) expect(text).toContain(c.note);
        for (const e of c.entities) {
          if (organisations.every((org) => maySeeName(org, e))) continue;
          checks++;
          if (text.includes(e.name))
            throw new Error(`the sitrep for ${organisations.join(',')} names ${e.name}`);
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(checks).toBeGreaterThan(300);
  });
});
