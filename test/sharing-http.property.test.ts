/**
 * HTTP-level property test of CONTRACT.md "Who sees what": the real server, real sessions and open SSE streams.
 *
 * Each generated case has a coordinator post a note with a generated reach (any of the five TLP markings, an
 * audience or none, TLP:RED recipients in mixed case, NATO release where the incident allows it; a RED note that names
 * somebody who may not receive it is refused first, naming the address, then sent without them), sometimes followed
 * by a change of reach (widen, narrow, raise to RED, lower, replace). Then, for every reader, an independent
 * reference model written from the contract text says whether the reader may see the note, and every read path must
 * agree: the incident's entry list, the entry itself (200/404), search by the note's unique token, the export for the
 * reader's own organisation, and the reader's stream (which stays open for the whole run).
 *
 * Each (reader x path) check counts as one case (8 readers x 5 paths = 40 per generated entry); the totals and the
 * elapsed time are printed at the end. Generated entries: RUNS.sqlite on SQLite (4,000 cases) and, when the suite has
 * PostgreSQL, the smaller RUNS.postgres there (2,400 cases): PostgreSQL is slower per request, and the whole file
 * must stay well within a minute on two cores (about 20-45 s, depending on what else runs).
 *
 * The stream check waits for a "fence" (a later TLP:CLEAR entry released to NATO on the NATO-released incident)
 * on every stream that may see it; the platform administrator may see nothing, so no fence can reach that stream:
 * it is checked with whatever has arrived, and at the end it must have received no event at all.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, IncidentExport, SearchHit } from '../src/entries/model.js';
import type { Incident, IncidentSummary } from '../src/incidents/model.js';
import { type EngineName, engines } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';
import { SseClient, type SseEvent } from './support/sse.js';

const RUNS: Record<EngineName, number> = { sqlite: 100, postgres: 60 };

// ---------------------------------------------------------------------------------------------------------------
// Reference data, from CONTRACT.md "Reference data" (not from the registry, so the model stays independent).

const MEMBER_STATES =
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EU_BODIES = [
  'ERCC',
  'EEAS',
  'EUROPOL',
  'ENISA',
  'EUSPA',
  'CERG',
  'GSC',
  'CSIRTS-NETWORK',
  'EU-CYCLONE',
];
const NATO = 'NATO';
/** Participating organisations: the 27 member states and the EU bodies; NATO is not one of them. */
const PARTICIPATING: ReadonlySet<string> = new Set([...MEMBER_STATES, ...EU_BODIES]);
const MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
type Marking = (typeof MARKINGS)[number];
const RED: Marking = 'TLP:RED';
/** "AMBER+STRICT and RED are never exported by recipients." */
const NOT_EXPORTABLE_BY_RECIPIENTS: ReadonlySet<Marking> = new Set(['TLP:AMBER+STRICT', 'TLP:RED']);

// ---------------------------------------------------------------------------------------------------------------
// The people of this run.

type Role = 'coordinator' | 'viewer' | 'admin';
interface Person {
  key: string;
  email: string;
  org: string;
  role: Role;
}

const PEOPLE: readonly Person[] = [
  { key: 'fi-coord', email: 'aino.virtanen@gov.fi', org: 'FI', role: 'coordinator' },
  { key: 'de-coord', email: 'jan.schmidt@bund.de', org: 'DE', role: 'coordinator' },
  { key: 'ee-coord', email: 'kadri.tamm@gov.ee', org: 'EE', role: 'coordinator' },
  { key: 'ercc-coord', email: 'marc.dubois@ercc.europa.eu', org: 'ERCC', role: 'coordinator' },
  { key: 'fi-viewer', email: 'mikko.korhonen@gov.fi', org: 'FI', role: 'viewer' },
  { key: 'eeas-viewer', email: 'sofia.rossi@eeas.europa.eu', org: 'EEAS', role: 'viewer' },
  { key: 'nato-viewer', email: 'liaison@nato.int', org: NATO, role: 'viewer' },
  // The platform administrator: signs in (with the second factor it must enrol) and reads nothing.
  { key: 'ercc-admin', email: 'root@ercc.europa.eu', org: 'ERCC', role: 'admin' },
];
const AUTHORS = PEOPLE.filter((p) => p.role === 'coordinator');
const byKey = (key: string) => PEOPLE.find((p) => p.key === key)!;
/** Somebody who is no user of the platform: naming them in TLP:RED recipients is refused. */
const OUTSIDER = 'someone@example.org';

/**
 * "Recipients are people with an account on the platform ... each is resolved to its account when the entry is
 * written (an address with no active account is 400, naming it) ... the NATO liaison's people only when
 * releasableToNato: true ...; platform admins are never recipients." The accounts named, or the first unfit address.
 */
function resolveRecipients(
  addresses: readonly string[],
  nato: boolean,
): { refusedAt?: number; keys: string[] } {
  const keys: string[] = [];
  for (const [i, address] of addresses.entries()) {
    const person = PEOPLE.find((p) => p.email === address.toLowerCase());
    const fit =
      person !== undefined &&
      person.role !== 'admin' &&
      (PARTICIPATING.has(person.org) || (person.org === NATO && nato));
    if (!fit) return { refusedAt: i, keys: [] };
    if (!keys.includes(person.key)) keys.push(person.key);
  }
  return { keys };
}

/** The addresses a refused request is sent again with: only the fit ones, or a colleague of the readers. */
function fitOnly(addresses: readonly string[], nato: boolean): string[] {
  const fit = addresses.filter((a) => resolveRecipients([a], nato).refusedAt === undefined);
  return fit.length > 0 ? fit : [byKey('fi-viewer').email];
}

interface IncidentFacts {
  key: 'nato' | 'eu';
  releasableToNato: boolean;
}
const INCIDENTS: readonly IncidentFacts[] = [
  { key: 'nato', releasableToNato: true },
  { key: 'eu', releasableToNato: false },
];

// ---------------------------------------------------------------------------------------------------------------
// The reference model: CONTRACT.md "Who sees what", sentence by sentence.

/** An entry's effective reach as the author asked for it (before the server normalises anything). */
interface Reach {
  authorKey: string;
  marking: Marking;
  /** Undefined: omitted, which means all participating organisations. */
  audience: string[] | undefined;
  /** The accounts (person keys) a TLP:RED entry went to, resolved from the addresses when written. */
  recipients: string[];
  releasableToNato: boolean;
}

/** "An incident is visible to all participating organisations; to NATO only when its report is releasableToNato." */
function seesIncident(reader: Person, incident: IncidentFacts): boolean {
  // Roles (CONTRACT "Command line"): `admin` grants no right to read content.
  if (reader.role === 'admin') return false;
  if (PARTICIPATING.has(reader.org)) return true;
  return reader.org === NATO && incident.releasableToNato;
}

function seesEntry(reader: Person, incident: IncidentFacts, reach: Reach): boolean {
  if (!seesIncident(reader, incident)) return false;
  const author = byKey(reach.authorKey);
  // "The author always sees their own entries."
  if (reader.key === author.key) return true;
  if (reach.marking === RED) {
    // "TLP:RED: visible only to the named recipients and the author; audience is ignored." Access follows accounts.
    return reach.recipients.includes(reader.key);
  }
  // "... and so does the author's organisation."
  if (reader.org === author.org) return true;
  // "An entry's audience is a list of participating organisations; omitted, it is all participating organisations."
  if (PARTICIPATING.has(reader.org) && (reach.audience === undefined || reach.audience.includes(reader.org)))
    return true;
  // "releasableToNato: true adds the NATO liaison" (only on an incident NATO may see at all).
  return reader.org === NATO && reach.releasableToNato && incident.releasableToNato;
}

/**
 * Whether the export the reader compiles for their own organisation contains the entry. "A compiled product contains
 * an entry only if every reader of the product may see it": every member of the organisation, so never TLP:RED
 * (named people only); and "AMBER+STRICT and RED are never exported by recipients" (only the author's organisation
 * may take its own AMBER+STRICT entries off the platform).
 */
function mayBeInOwnExport(reader: Person, incident: IncidentFacts, reach: Reach): boolean {
  if (!seesIncident(reader, incident)) return false;
  if (reach.marking === RED) return false;
  const authorOrg = byKey(reach.authorKey).org;
  const org = reader.org;
  const wholeOrgSees =
    org === authorOrg ||
    (PARTICIPATING.has(org) && (reach.audience === undefined || reach.audience.includes(org))) ||
    (org === NATO && reach.releasableToNato && incident.releasableToNato);
  const mayExport = org === authorOrg || !NOT_EXPORTABLE_BY_RECIPIENTS.has(reach.marking);
  return wholeOrgSees && mayExport;
}

/**
 * The contract's export rule is a necessary condition ("contains an entry only if ..."); the server includes every
 * entry that meets it, for the NATO liaison too (`?audience=NATO` is the NATO flag), and the test holds it to that.
 */
function exportMustBeExact(_reader: Person): boolean {
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Generators.

/** Organisations audiences are drawn from: mostly those of the readers, now and then one without a reader. */
const audienceOrgArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('FI', 'DE', 'EE', 'ERCC', 'EEAS') },
  { weight: 1, arbitrary: fc.constantFrom('GR', 'ENISA', 'FR') },
);
const audienceArb = fc.option(fc.uniqueArray(audienceOrgArb, { maxLength: 4 }), { nil: undefined, freq: 3 });
/** The readers' e-mail addresses (and an outsider's) in random case: `Aino.VIRTANEN@gov.fi`. */
const emailArb = fc.mixedCase(fc.constantFrom(...PEOPLE.map((p) => p.email), OUTSIDER));
const recipientsArb = fc.uniqueArray(emailArb, {
  minLength: 1,
  maxLength: 3,
  selector: (e) => e.toLowerCase(),
});
const markingArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MARKINGS) },
  { weight: 1, arbitrary: fc.constant(RED) },
);

interface ReachSpec {
  marking: Marking;
  audience: string[] | undefined;
  recipients: string[];
  /** Send `recipients` even when the marking is not RED (they must then change nothing). */
  recipientsAnyway: boolean;
  /** Send `audience` even when the marking is RED (it must then change nothing). */
  audienceAnyway: boolean;
  /** Asked for; only sent as true when the incident is released to NATO. */
  releasableToNato: boolean;
}

const reachSpecArb: fc.Arbitrary<ReachSpec> = fc.record({
  marking: markingArb,
  audience: audienceArb,
  recipients: recipientsArb,
  recipientsAnyway: fc.boolean(),
  audienceAnyway: fc.boolean(),
  releasableToNato: fc.boolean(),
});

const CHANGE_KINDS = ['widen', 'narrow', 'raise-to-red', 'lower', 'replace'] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

interface CaseSpec {
  incident: 0 | 1;
  author: number;
  reach: ReachSpec;
  change: { kind: ChangeKind; reach: ReachSpec; keep: boolean[] } | null;
}

const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  incident: fc.constantFrom(0 as const, 1 as const),
  author: fc.nat({ max: AUTHORS.length - 1 }),
  reach: reachSpecArb,
  change: fc.option(
    fc.record({
      kind: fc.constantFrom(...CHANGE_KINDS),
      reach: reachSpecArb,
      keep: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    }),
    { nil: null, freq: 3 },
  ),
});

const NON_RED = (m: Marking): Marking => (m === RED ? 'TLP:AMBER' : m);

/** The reach a change asks for, derived from the current one according to the kind of change. */
function changedSpec(current: ReachSpec, change: NonNullable<CaseSpec['change']>): ReachSpec {
  const g = change.reach;
  const subset = <T>(xs: readonly T[]) => xs.filter((_, i) => change.keep[i % change.keep.length]);
  switch (change.kind) {
    case 'widen':
      return {
        ...g,
        marking: NON_RED(current.marking === RED ? g.marking : current.marking),
        audience:
          current.audience === undefined || g.audience === undefined
            ? undefined
            : [...new Set([...current.audience, ...g.audience])],
        releasableToNato: current.releasableToNato || g.releasableToNato,
      };
    case 'narrow':
      return current.marking === RED
        ? { ...current, recipients: current.recipients.slice(0, 1) }
        : {
            ...current,
            audience: subset(current.audience ?? ['FI', 'DE', 'EE', 'ERCC', 'EEAS', 'GR', 'ENISA', 'FR']),
            releasableToNato: false,
          };
    case 'raise-to-red':
      return { ...g, marking: RED };
    case 'lower':
      return {
        ...g,
        marking: g.marking === RED || g.marking === 'TLP:AMBER+STRICT' ? 'TLP:GREEN' : g.marking,
      };
    case 'replace':
      return g;
  }
}

/** The request fields for a reach, and what the model makes of them. */
function reachRequest(spec: ReachSpec, incident: IncidentFacts, authorKey: string) {
  const red = spec.marking === RED;
  const nato = spec.releasableToNato && incident.releasableToNato;
  const body: Record<string, unknown> = { marking: spec.marking, releasableToNato: nato };
  if (spec.audience !== undefined && (!red || spec.audienceAnyway)) body.audience = spec.audience;
  if (red || spec.recipientsAnyway) body.recipients = spec.recipients;
  // Recipients are resolved for TLP:RED only; sent with another marking they change nothing.
  const resolved = red ? resolveRecipients(spec.recipients, nato) : { keys: [] };
  const reach: Reach = {
    authorKey,
    marking: spec.marking,
    audience: spec.audience,
    recipients: resolved.keys,
    releasableToNato: nato,
  };
  return { body, reach, refusedAt: resolved.refusedAt, nato };
}

/**
 * Sends a reach (a new note or a change); a RED one naming somebody unfit must be refused with that address named,
 * and is then sent with the fit addresses only. Returns the request that was accepted.
 */
async function sendReach<T>(
  send: (body: Record<string, unknown>) => Promise<{ status: number; body: T }>,
  request: ReturnType<typeof reachRequest>,
  spec: ReachSpec,
  incident: IncidentFacts,
  accepted: number,
): Promise<{ request: ReturnType<typeof reachRequest>; response: { status: number; body: T } }> {
  if (request.refusedAt !== undefined) {
    const refused = await send(request.body);
    const field = `recipients[${request.refusedAt}]`;
    expect(refused.status, JSON.stringify({ request: request.body, response: refused.body })).toBe(400);
    expect(refused.body).toMatchObject({ error: { field } });
    stats400.refused++;
    request = reachRequest(
      { ...spec, recipients: fitOnly(spec.recipients, request.nato) },
      incident,
      request.reach.authorKey,
    );
  }
  const response = await send(request.body);
  expect(response.status, JSON.stringify({ request: request.body, response: response.body })).toBe(accepted);
  return { request, response };
}

// ---------------------------------------------------------------------------------------------------------------
// Counting.

const PATHS = ['list', 'detail', 'search', 'export', 'stream'] as const;
type Path = (typeof PATHS)[number];
const totals = { checks: 0, runs: 0, visible: 0, withdrawn: 0, exported: 0, natoExportOmissions: 0 };
/** TLP:RED requests refused because they named somebody who may not receive them. */
const stats400 = { refused: 0 };
const perEngine: Record<string, { runs: number; checks: number; seconds: number }> = {};
const perPath = Object.fromEntries(PATHS.map((p) => [p, 0])) as Record<Path, number>;
const started = performance.now();

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `sharing-http.property: ${totals.checks} (reader x path) cases from ${totals.runs} generated entries in ` +
      `${seconds} s; per path ${JSON.stringify(perPath)}; per engine ${JSON.stringify(perEngine)}; ` +
      `visible ${totals.visible}, withdrawn on streams ${totals.withdrawn}, in exports ${totals.exported}; ` +
      `NATO-released entries the NATO liaison's own export left out ${totals.natoExportOmissions}; ` +
      `RED requests refused for an unfit recipient ${stats400.refused}`,
  );
});

// ---------------------------------------------------------------------------------------------------------------

describe.each(engines())('who sees what, over HTTP and the stream, on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const streams: Record<string, SseClient> = {};
  const incidentIds: Record<IncidentFacts['key'], string> = { nato: '', eu: '' };
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await Promise.all(
      PEOPLE.map((p) =>
        server.createUser({ email: p.email, password: PASSWORD, organisation: p.org, role: p.role }),
      ),
    );
    for (const p of PEOPLE) {
      if (p.role === 'admin') as[p.key] = await signInEnrolled(server, p.email);
      else {
        as[p.key] = new ApiClient(server.url);
        await as[p.key]!.login(p.email, PASSWORD);
      }
    }
    for (const incident of INCIDENTS) {
      const res = await as['fi-coord']!.post<Incident>('/api/incidents', {
        title: `Gas transmission outage (${incident.key})`,
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato: incident.releasableToNato,
        impacts: [{ memberState: 'FI', level: 'minor' }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      incidentIds[incident.key] = res.body.id;
    }
    // One stream per reader, open for the whole run.
    for (const p of PEOPLE) {
      const s = new SseClient(`${server.url}/api/stream`, { cookie: as[p.key]!.cookie! });
      expect(await s.open(), p.key).toBe(200);
      streams[p.key] = s;
    }
  });

  afterAll(async () => {
    for (const s of Object.values(streams)) s.close();
    await server?.close();
  });

  it('shows each incident to exactly the readers the contract names', async () => {
    for (const p of PEOPLE) {
      const list = await as[p.key]!.get<{ items: IncidentSummary[] }>('/api/incidents');
      expect(list.status, p.key).toBe(200);
      for (const incident of INCIDENTS) {
        const expected = seesIncident(p, incident);
        const listed = list.body.items.some((i) => i.id === incidentIds[incident.key]);
        expect(listed, `${p.key} lists the ${incident.key} incident`).toBe(expected);
        const one = await as[p.key]!.get(`/api/incidents/${incidentIds[incident.key]}`);
        expect(one.status, `${p.key} GET the ${incident.key} incident`).toBe(expected ? 200 : 404);
      }
    }
  });

  it(`every read path agrees with the reference model (${RUNS[engine]} generated entries)`, async () => {
    const t0 = performance.now();
    const stats = { runs: 0, checks: 0, visible: 0, hidden: 0, withdrawn: 0, exported: 0 };
    const fenceIncident = INCIDENTS[0]!;
    const fenceReaders = PEOPLE.filter((p) => p.role !== 'admin');
    expect(fenceReaders.every((p) => seesIncident(p, fenceIncident))).toBe(true);

    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        n++;
        const token = `tk${String(n).padStart(6, '0')}zq`;
        const incident = INCIDENTS[c.incident]!;
        const incidentId = incidentIds[incident.key];
        const author = AUTHORS[c.author]!;
        const base = `/api/incidents/${incidentId}/entries`;

        // The entry, as the author asks for it.
        const sentFirst = await sendReach(
          (body) =>
            as[author.key]!.post<Entry>(base, {
              kind: 'note',
              text: `Compressor station report ${token}`,
              ...body,
            }),
          reachRequest(c.reach, incident, author.key),
          c.reach,
          incident,
          201,
        );
        const first = sentFirst.request;
        const posted = sentFirst.response;
        const id = posted.body.id;

        // Sometimes a change of reach, by the author.
        let final = first;
        if (c.change) {
          const spec = changedSpec(c.reach, c.change);
          final = (
            await sendReach(
              (body) => as[author.key]!.post(`${base}/${id}/reach`, body),
              reachRequest(spec, incident, author.key),
              spec,
              incident,
              200,
            )
          ).request;
        }

        // The fence: a later entry every reading reader may see; once a stream has it, it has everything earlier.
        const fence = await as['fi-coord']!.post<Entry>(`/api/incidents/${incidentIds.nato}/entries`, {
          kind: 'note',
          text: `fence ${n}`,
          marking: 'TLP:CLEAR',
          releasableToNato: true,
        });
        expect(fence.status).toBe(201);
        await Promise.all(
          fenceReaders.map((p) =>
            streams[p.key]!.waitFor(
              (e) => e.event === 'entry' && (e.data as Entry).id === fence.body.id,
              5_000,
            ),
          ),
        );

        const scenario = {
          incident: incident.key,
          author: author.key,
          first: first.body,
          change: c.change ? { kind: c.change.kind, request: final.body } : null,
          entryId: id,
          token,
        };
        const disagreements: unknown[] = [];
        const check = (reader: Person, path: Path, expected: unknown, actual: unknown) => {
          stats.checks++;
          perPath[path]++;
          if (!isDeepStrictEqual(expected, actual))
            disagreements.push({ reader: reader.key, path, expected, actual });
        };

        await Promise.all(
          PEOPLE.map(async (reader) => {
            const api = as[reader.key]!;
            const before = seesEntry(reader, incident, first.reach);
            const after = seesEntry(reader, incident, final.reach);
            const incidentStatus = seesIncident(reader, incident) ? 200 : 404;
            if (after) stats.visible++;
            else stats.hidden++;

            // The incident's entry list.
            const list = await api.get<{ items: Entry[] }>(base);
            const listed = list.status === 200 ? list.body.items.find((e) => e.id === id) : undefined;
            check(
              reader,
              'list',
              { status: incidentStatus, listed: after },
              { status: list.status, listed: !!listed },
            );

            // The entry itself.
            const detail = await api.get<Entry>(`${base}/${id}`);
            check(reader, 'detail', after ? 200 : 404, detail.status);
            if (listed && detail.status === 200 && !isDeepStrictEqual(listed, detail.body))
              disagreements.push({
                reader: reader.key,
                path: 'list vs detail',
                list: listed,
                detail: detail.body,
              });

            // Search by the entry's unique token.
            const search = await api.get<{ items: SearchHit[] }>(`/api/search?q=${token}`);
            const found = search.status === 200 && search.body.items.some((h) => h.entry?.id === id);
            check(reader, 'search', { status: 200, found: after }, { status: search.status, found });

            // The export for the reader's own organisation.
            const exp = await api.get<IncidentExport>(
              `/api/incidents/${incidentId}/export?audience=${encodeURIComponent(reader.org)}`,
            );
            const exported = exp.status === 200 && exp.body.entries.some((e) => e.id === id);
            const mayBeExported = mayBeInOwnExport(reader, incident, final.reach);
            if (exported) stats.exported++;
            if (mayBeExported && !exported && !exportMustBeExact(reader)) totals.natoExportOmissions++;
            check(
              reader,
              'export',
              {
                status: incidentStatus,
                exported: exportMustBeExact(reader) ? mayBeExported : exported && mayBeExported,
              },
              { status: exp.status, exported },
            );

            // The stream (admins see no fence: nothing at all may reach them, so whatever arrived so far is checked).
            const events = streams[reader.key]!.events;
            const about = (e: SseEvent) =>
              (e.event === 'entry' && (e.data as Entry).id === id) ||
              (e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === id);
            const mentioning = events.filter((e) => JSON.stringify(e.data).includes(id));
            const last = events.filter(about).at(-1);
            if (after) {
              // The last word about it is the entry, exactly as GET returns it now.
              check(
                reader,
                'stream',
                { event: 'entry', data: detail.body },
                last && { event: last.event, data: last.data },
              );
            } else if (before) {
              if (last?.event === 'entry-withdrawn') stats.withdrawn++;
              check(reader, 'stream', 'entry-withdrawn', last?.event);
            } else {
              check(
                reader,
                'stream',
                [],
                mentioning.map((e) => e.event),
              );
            }
          }),
        );
        stats.runs++;
        expect(disagreements, JSON.stringify(scenario)).toEqual([]);
      }),
      { numRuns: RUNS[engine] },
    );

    const seconds = (performance.now() - t0) / 1000;
    perEngine[engine] = { runs: stats.runs, checks: stats.checks, seconds: Number(seconds.toFixed(1)) };
    totals.runs += stats.runs;
    totals.checks += stats.checks;
    totals.visible += stats.visible;
    totals.withdrawn += stats.withdrawn;
    totals.exported += stats.exported;
    // The run exercised both outcomes on every path, withdrawals included, not just denials.
    expect(stats.checks).toBeGreaterThanOrEqual(1_000);
    expect(stats.visible, 'visible (reader, entry) pairs').toBeGreaterThan(RUNS[engine]);
    expect(stats.hidden, 'hidden (reader, entry) pairs').toBeGreaterThan(RUNS[engine]);
    expect(stats.withdrawn, 'withdrawals seen on streams').toBeGreaterThan(RUNS[engine] / 10);
    expect(stats.exported, 'entries in exports').toBeGreaterThan(RUNS[engine] / 2);
  }, 120_000);

  it('numbers every stream event with a position that only increases, widenings included', () => {
    for (const s of Object.values(streams)) {
      const ids = s.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
      for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
    }
  });

  it('sends nothing at all to the platform administrator', () => {
    expect(streams['ercc-admin']!.events).toEqual([]);
  });
});
