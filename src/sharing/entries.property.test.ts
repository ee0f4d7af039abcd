/**
 * Property-based tests of CONTRACT.md "Who sees what" for entries:
 * (a) the declarative rules `readEntry` against an independent reference model written from the contract text;
 * (b) the SQL filter (`visibleEntryCondition` via `getVisibleEntryIds`) against the rules, on SQLite, including
 *     reach changes, sharing-group membership changes and TLP:RED rows whose address now belongs to an account
 *     that was not the one named (access follows the account, never the address);
 * (c) `incidentListScope` against `readIncident` for every role and kind of organisation.
 * Audiences may name the role `PRESIDENCY`, reaching the member state that holds it when the entry is read; (b)
 * moves the Presidency between checks as the change of term does.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../accounts/model.js';
import { getVisibleEntries, getVisibleEntryIds } from '../entries/store.js';
import { type Db, openSqlite } from '../platform/db/index.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { type EntryReach, type Reader, readEntry } from './entries.js';
import { incidentListScope, readIncident } from './incidents.js';
import { isAllowed } from './policy.js';

// ---------------------------------------------------------------------------------------------------------------
// Reference data, copied from CONTRACT.md "Reference data" (not from the registry, so the model stays independent).

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
  // Issue 10 (reference data): CERT-EU and the sector agencies joined as organisations.
  'CERT-EU',
  'EMSA',
  'EASA',
  'ACER',
  'SATCEN',
] as const;
const NATO = 'NATO';
/** Participating organisations: the 27 member states and the EU bodies; NATO is not one of them. */
const PARTICIPATING: readonly string[] = [...MEMBER_STATES, ...EU_BODIES];
const PARTICIPATING_SET: ReadonlySet<string> = new Set(PARTICIPATING);
/** Not organisations of the platform at all: a third country, a bogus id, a non-canonical spelling. */
const UNKNOWN_ORGS = ['NO', 'UA', 'ACME', 'fi'] as const;
const MARKINGS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
const RED = 'TLP:RED';
const READING_ROLES = ['coordinator', 'viewer', 'org-admin'] as const satisfies readonly Role[];
const ROLES = [...READING_ROLES, 'admin'] as const satisfies readonly Role[];

// ---------------------------------------------------------------------------------------------------------------
// The reference model: CONTRACT.md "Who sees what", for one entry's effective reach, sentence by sentence.

type Why =
  | 'author'
  | 'author-org'
  | 'recipient'
  | 'audience'
  | 'presidency'
  | 'nato'
  | 'denied-admin'
  | 'denied';

/** The role an audience may list instead of an organisation. */
const PRESIDENCY = 'PRESIDENCY';

/**
 * Why the contract lets `reader` see an entry with this effective reach (or why not). "Recipients are people with
 * an account on the platform ... access follows that account": `recipients` are the accounts named when written.
 */
function contractSays(reader: Reader, reach: EntryReach): Why {
  // Platform policy (CONTRACT "Command line", roles): `admin` grants no right to read content.
  if (reader.role === 'admin') return 'denied-admin';
  const isAuthor = reader.userId === reach.authorUserId;
  if (reach.marking === RED) {
    // "TLP:RED: visible only to the named recipients and the author; audience is ignored."
    if (isAuthor) return 'author';
    return reach.recipients.some((account) => account === reader.userId) ? 'recipient' : 'denied';
  }
  // "For other markings the audience decides who sees the entry; the author always sees their own entries,
  //  and so does the author's organisation."
  if (isAuthor) return 'author';
  if (reader.organisation === reach.authorOrg) return 'author-org';
  // "An entry's audience is a list of participating organisations" (a sharing group is a named audience).
  const participating = PARTICIPATING_SET.has(reader.organisation);
  if (
    participating &&
    (reach.audience.includes(reader.organisation) || reach.groupMembers.includes(reader.organisation))
  )
    return 'audience';
  // "PRESIDENCY means the member state holding the Presidency when the entry is read"; with none, nobody.
  if (
    reach.audience.includes(PRESIDENCY) &&
    reach.presidency !== null &&
    MEMBER_STATES.includes(reader.organisation) &&
    reader.organisation === reach.presidency
  )
    return 'presidency';
  // "releasableToNato: true adds the NATO liaison."
  if (reader.organisation === NATO && reach.releasableToNato) return 'nato';
  return 'denied';
}

// ---------------------------------------------------------------------------------------------------------------
// Generators, biased so that every rule fires often.

/** A handful of organisations most readers and authors come from, so readers often meet authors and audiences. */
const HOT = ['FI', 'DE', 'GR', 'ERCC', 'ENISA'] as const;
const participantArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOT) },
  { weight: 1, arbitrary: fc.constantFrom(...PARTICIPATING) },
);
const readerOrgArb = fc.oneof(
  { weight: 7, arbitrary: participantArb },
  { weight: 2, arbitrary: fc.constant(NATO) },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ORGS) },
);
/**
 * Organisations as stored in audiences and groups. The API admits only participating organisations there, but
 * `setReach` writes what it is given, so now and then NATO or a stranger slips in: the SQL filter and the rules
 * must both still give them nothing through it.
 */
const storedOrgArb = fc.oneof(
  { weight: 20, arbitrary: participantArb },
  { weight: 10, arbitrary: fc.constant(PRESIDENCY) },
  { weight: 1, arbitrary: fc.constant(NATO) },
  { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_ORGS) },
);
const EMAILS = [
  'anna.virtanen@gov.fi',
  'jan.schmidt@bund.de',
  'eleni.papadopoulou@gov.gr',
  'marc.dubois@ercc.europa.eu',
  'piet.jansen@enisa.europa.eu',
  'jürgen.müller@bund.de',
  'liaison@nato.int',
  'ola.nordmann@regjeringen.no',
] as const;
const USER_IDS = ['u0', 'u1', 'u2', 'u3'] as const;
/** Recipient accounts as stored: mostly users of the run, now and then an account no reader holds. */
const recipientIdArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...USER_IDS) },
  { weight: 1, arbitrary: fc.constant('u-left') },
);
const markingArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(RED) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKINGS) },
);
/** Who holds the Presidency as the entry is read: mostly one of the hot member states, now and then nobody. */
const holderArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('FI', 'DE', 'GR') },
  { weight: 1, arbitrary: fc.constantFrom(...MEMBER_STATES) },
  { weight: 1, arbitrary: fc.constant(null) },
);
/** An audience as stored: a few organisations, or all participating ones (audience omitted). */
const orgListArb = fc.oneof(
  { weight: 6, arbitrary: fc.uniqueArray(storedOrgArb, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constant(PARTICIPATING) },
);

const readerArb: fc.Arbitrary<Reader> = fc.record({
  userId: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...USER_IDS) },
    { weight: 1, arbitrary: fc.constant('stranger') },
  ),
  organisation: readerOrgArb,
  role: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...READING_ROLES) },
    { weight: 1, arbitrary: fc.constant('admin' as const) },
  ),
});

/**
 * A reach as the rules receive it. The audience and the group may now and then name NATO or a stranger (see
 * `storedOrgArb`).
 * Recipients are account ids, as `setReach` stores them after resolving the addresses the author named.
 */
const rawReachArb: fc.Arbitrary<EntryReach> = fc.record({
  authorUserId: fc.constantFrom(...USER_IDS),
  authorOrg: participantArb,
  marking: markingArb,
  audience: orgListArb,
  presidency: holderArb,
  groupMembers: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: orgListArb }),
  recipients: fc.uniqueArray(recipientIdArb, { maxLength: 4 }),
  releasableToNato: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------------------------

const RUNS_A = 80_000;
const RUNS_B = 150;
const counts = { a: 0, b: 0, bVisible: 0, c: 0 };
const whyCounts = new Map<Why, number>();
let started = 0;

beforeAll(() => {
  started = performance.now();
});

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const total = counts.a + counts.b + counts.c;
  console.log(
    `entries.property: ${total} cases in ${seconds} s — (a) rules vs contract ${counts.a}, ` +
      `(b) SQL vs rules ${counts.b} (reader, entry) pairs ` +
      `(${counts.bVisible} visible), (c) incident scope ${counts.c}; ` +
      `(a) outcomes ${JSON.stringify(Object.fromEntries(whyCounts))}`,
  );
});

describe('reference data', () => {
  it('the participating organisations are the 27 member states and the EU bodies, without NATO', () => {
    expect(new Set(PARTICIPATING_ORGANISATIONS.map((o) => o.id))).toEqual(PARTICIPATING_SET);
    const ofKind = (kind: string) =>
      PARTICIPATING_ORGANISATIONS.filter((o) => o.kind === kind).map((o) => o.id);
    expect(new Set(ofKind('member-state'))).toEqual(new Set(MEMBER_STATES));
    expect(new Set(ofKind('eu-body'))).toEqual(new Set(EU_BODIES));
    expect(PARTICIPATING_SET.size).toBe(
      27 + PARTICIPATING_ORGANISATIONS.filter((o) => o.kind === 'eu-body').length,
    );
    expect(PARTICIPATING_SET.has(NATO)).toBe(false);
  });
});

describe('(a) readEntry follows CONTRACT "Who sees what"', () => {
  it(`agrees with the reference model (${RUNS_A} runs)`, () => {
    fc.assert(
      fc.property(readerArb, rawReachArb, (reader, reach) => {
        const why = contractSays(reader, reach);
        whyCounts.set(why, (whyCounts.get(why) ?? 0) + 1);
        counts.a++;
        expect(isAllowed(readEntry, reader, reach), `contract: ${why}`).toBe(!why.startsWith('denied'));
      }),
      { numRuns: RUNS_A },
    );
    // Every sentence of the contract was exercised, not just the denials.
    for (const why of [
      'author',
      'author-org',
      'recipient',
      'audience',
      'presidency',
      'nato',
      'denied-admin',
      'denied',
    ] as const)
      expect(whyCounts.get(why) ?? 0, why).toBeGreaterThan(RUNS_A / 200);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (b) The SQL filter against the rules, on one in-memory SQLite database.

/** A reach as an author asks for it (before `resolveReach`/`setReach`). */
interface ReachSpec {
  marking: string;
  /** Undefined: omitted (all participating organisations, or the group alone when a group is named). */
  audience: string[] | undefined;
  /** Index into the scenario's groups (modulo their number), or null for none. */
  group: number | null;
  /**
   * People named by address (index into the users, modulo their number). `resolved: false` is an address that held
   * no account when written (a row from before '0008-red-recipients' with no match): the user who holds it now
   * registered it later, and gets nothing through it.
   */
  recipients: { user: number; resolved: boolean }[];
  releasableToNato: boolean;
}

interface Scenario {
  users: string[];
  groups: { owner: string; members: string[]; hidden: boolean }[];
  entries: { author: number; incident: number; reach: ReachSpec }[];
  readers: {
    user: number;
    ownOrg: boolean;
    org: string;
    role: Role;
  }[];
  reachChanges: { entry: number; byAuthor: boolean; reach: ReachSpec }[];
  groupChanges: { group: number; members: string[] }[];
  /** The holder of the Presidency as written, and after the change of term. */
  presidency: { before: string | null; after: string | null };
}

const membersArb = fc.uniqueArray(storedOrgArb, { minLength: 1, maxLength: 6 });

const reachSpecArb: fc.Arbitrary<ReachSpec> = fc.record({
  marking: markingArb,
  audience: fc.option(fc.uniqueArray(storedOrgArb, { maxLength: 5 }), { nil: undefined, freq: 4 }),
  group: fc.option(fc.nat({ max: 5 }), { nil: null, freq: 2 }),
  recipients: fc.array(fc.record({ user: fc.nat(), resolved: fc.oneof(fc.constant(true), fc.boolean()) }), {
    minLength: 1,
    maxLength: 4,
  }),
  releasableToNato: fc.boolean(),
});

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  // users[0] is from a participating organisation, so there is always an author; authors are only such users.
  users: fc
    .tuple(participantArb, fc.array(readerOrgArb, { minLength: 2, maxLength: EMAILS.length - 1 }))
    .map(([first, rest]) => [first, ...rest]),
  groups: fc.array(fc.record({ owner: participantArb, members: membersArb, hidden: fc.boolean() }), {
    maxLength: 3,
  }),
  entries: fc.array(fc.record({ author: fc.nat(), incident: fc.nat({ max: 1 }), reach: reachSpecArb }), {
    minLength: 1,
    maxLength: 150,
    size: 'max',
  }),
  readers: fc.array(
    fc.record({
      user: fc.nat(),
      ownOrg: fc.boolean(),
      org: readerOrgArb,
      role: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...READING_ROLES) },
        { weight: 1, arbitrary: fc.constant('admin' as const) },
      ),
    }),
    { minLength: 1, maxLength: 40, size: 'max' },
  ),
  reachChanges: fc.array(fc.record({ entry: fc.nat(), byAuthor: fc.boolean(), reach: reachSpecArb }), {
    maxLength: 30,
  }),
  groupChanges: fc.array(fc.record({ group: fc.nat(), members: membersArb }), { maxLength: 4 }),
  presidency: fc.record({ before: holderArb, after: holderArb }),
});

/** What `resolveReach` + `setReach` make of a requested reach: the effective reach row. */
interface StoredReach {
  marking: string;
  audience: string[];
  /** One row per address named; `userId` null when no account was resolved (grants nobody). */
  recipients: { email: string; userId: string | null }[];
  groupId: string | null;
  releasableToNato: boolean;
}

interface ModelEntry {
  id: string;
  seq: number;
  incidentId: string;
  authorUserId: string;
  authorOrg: string;
  reach: StoredReach;
}

const INCIDENTS = [
  { id: 'inc-nato', releasableToNato: true },
  { id: 'inc-eu', releasableToNato: false },
] as const;

function resolve(
  spec: ReachSpec,
  groupIds: readonly string[],
  incidentReleasable: boolean,
  users: readonly { id: string; email: string }[],
): StoredReach {
  const red = spec.marking === RED;
  const named = new Map<string, string | null>();
  for (const r of spec.recipients) {
    const user = users[r.user % users.length]!;
    if (!named.has(user.email)) named.set(user.email, r.resolved ? user.id : null);
  }
  const groupId =
    !red && spec.group !== null && groupIds.length > 0 ? groupIds[spec.group % groupIds.length]! : null;
  return {
    marking: spec.marking,
    audience: red ? [] : [...new Set(spec.audience ?? (groupId ? [] : PARTICIPATING))],
    recipients: red ? [...named].map(([email, userId]) => ({ email, userId })) : [],
    groupId,
    // The API refuses NATO release on an entry of an incident that is not released to NATO.
    releasableToNato: !red && spec.releasableToNato && incidentReleasable,
  };
}

describe('(b) the SQL filter agrees with readEntry', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openSqlite(':memory:');
  });
  afterAll(async () => {
    await db?.close();
  });

  async function wipe() {
    const k = db.kysely;
    await k.deleteFrom('entry_recipients').execute();
    await k.deleteFrom('entry_audience').execute();
    await k.deleteFrom('entry_reach').execute();
    await k.deleteFrom('entries').execute();
    await k.deleteFrom('sharing_group_members').execute();
    await k.deleteFrom('sharing_groups').execute();
    await k.deleteFrom('incidents').execute();
    await k.deleteFrom('users').execute();
  }

  it(`getVisibleEntryIds returns exactly the entries the rules allow, before and after reach changes (${RUNS_B} runs)`, async () => {
    const now = '2026-11-28T10:00:00.000Z';
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        await wipe();
        const k = db.kysely;
        const users = s.users.map((org, i) => ({ id: `u${i}`, org, email: EMAILS[i]! }));
        const authors = users.filter((u) => PARTICIPATING_SET.has(u.org));
        await k
          .insertInto('users')
          .values(
            users.map((u) => ({
              id: u.id,
              email: u.email,
              display_name: u.id,
              organisation: u.org,
              role: PARTICIPATING_SET.has(u.org) ? 'coordinator' : 'viewer',
              password_hash: 'not-a-hash',
              active: 1,
              on_duty: 0,
              totp_secret: null,
              totp_enabled: 0,
              totp_last_step: null,
              failed_logins: 0,
              locked_until: null,
              language: 'en',
              time_zone: 'Europe/Brussels',
              created_at: now,
              last_login_at: null,
            })),
          )
          .execute();
        await k
          .insertInto('incidents')
          .values(
            INCIDENTS.map((i) => ({
              id: i.id,
              title: i.id,
              reported_by: 'FI',
              occurred_at: now,
              created_at: now,
              last_activity_at: now,
              exercise: 0,
              releasable_to_nato: i.releasableToNato ? 1 : 0,
              status: 'below-threshold',
              assessment: '{}',
            })),
          )
          .execute();
        const groups = s.groups.map((g, i) => ({ id: `g${i}`, ...g, members: [...g.members] }));
        if (groups.length > 0) {
          await k
            .insertInto('sharing_groups')
            .values(
              groups.map((g) => ({
                id: g.id,
                name: g.id,
                owner_org: g.owner,
                hidden_membership: g.hidden ? 1 : 0,
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
          await k
            .insertInto('sharing_group_members')
            .values(
              groups.flatMap((g) => g.members.map((organisation) => ({ group_id: g.id, organisation }))),
            )
            .execute();
        }
        const groupIds = groups.map((g) => g.id);

        const entries: ModelEntry[] = [];
        let seq = 0;
        /** Inserts entries as `appendEntry` + `setReach(…, null)` do. */
        async function append(list: Omit<ModelEntry, 'seq'>[]) {
          const rows = list.map((e) => ({ ...e, seq: ++seq }));
          if (rows.length === 0) return;
          await k
            .insertInto('entries')
            .values(
              rows.map((e) => ({
                id: e.id,
                seq: e.seq,
                incident_id: e.incidentId,
                kind: e.id.startsWith('c') ? 'reach-change' : 'note',
                author_user_id: e.authorUserId,
                author_org: e.authorOrg,
                created_at: now,
                marking: e.reach.marking,
                audience: JSON.stringify(e.reach.audience),
                recipients: JSON.stringify(resolvedOf(e.reach)),
                releasable_to_nato: e.reach.releasableToNato ? 1 : 0,
                body: '{}',
                supersedes: null,
              })),
            )
            .execute();
          await k
            .insertInto('entry_reach')
            .values(rows.map((e) => ({ entry_id: e.id, ...reachRow(e.reach), changed_by_entry: null })))
            .execute();
          await insertReachLists(rows);
          entries.push(...rows);
        }
        function resolvedOf(r: StoredReach) {
          return r.recipients.flatMap((p) => (p.userId ? [{ userId: p.userId, email: p.email }] : []));
        }
        function reachRow(r: StoredReach) {
          return {
            marking: r.marking,
            audience: JSON.stringify(r.audience),
            recipients: JSON.stringify(resolvedOf(r)),
            sharing_group_id: r.groupId,
            releasable_to_nato: r.releasableToNato ? 1 : 0,
            changed_at: now,
          };
        }
        /**
         * The database's triggers project each reach row into its audience and resolved recipients; what is left is
         * a recipient no account was resolved for, a row only databases from before accounts were resolved hold.
         */
        async function insertReachLists(list: readonly ModelEntry[]) {
          const unresolved = list.flatMap((e) =>
            e.reach.recipients
              .filter((p) => p.userId === null)
              .map((p) => ({ entry_id: e.id, email: p.email, user_id: null })),
          );
          if (unresolved.length > 0) await k.insertInto('entry_recipients').values(unresolved).execute();
        }

        await append(
          s.entries.map((e, i) => {
            const author = authors[e.author % authors.length]!;
            const incident = INCIDENTS[e.incident]!;
            return {
              id: `e${i}`,
              incidentId: incident.id,
              authorUserId: author.id,
              authorOrg: author.org,
              reach: resolve(e.reach, groupIds, incident.releasableToNato, users),
            };
          }),
        );

        const readers: Reader[] = s.readers.map((r) => {
          const user = users[r.user % users.length]!;
          return { userId: user.id, organisation: r.ownOrg ? user.org : r.org, role: r.role };
        });

        // The holder as the office row says, which the term-change job moves.
        let holder = s.presidency.before;
        const seatPresidency = () =>
          k.updateTable('presidency_office').set({ member_state: holder }).where('id', '=', 1).execute();
        await seatPresidency();

        const reachOf = (e: ModelEntry): EntryReach => ({
          authorUserId: e.authorUserId,
          authorOrg: e.authorOrg,
          marking: e.reach.marking,
          audience: e.reach.audience,
          presidency: holder,
          groupMembers: e.reach.groupId ? groups.find((g) => g.id === e.reach.groupId)!.members : [],
          // The accounts resolved when the reach was written; an address alone is nobody.
          recipients: resolvedOf(e.reach).map((p) => p.userId),
          releasableToNato: e.reach.releasableToNato,
        });

        async function check(phase: string) {
          for (const [i, reader] of readers.entries()) {
            const byRules = new Set(
              entries.filter((e) => isAllowed(readEntry, reader, reachOf(e))).map((e) => e.id),
            );
            const bySql = await getVisibleEntryIds(k, reader);
            const sqlSet = new Set(bySql);
            const disagreements = entries
              .filter((e) => byRules.has(e.id) !== sqlSet.has(e.id))
              .map((e) => ({
                entry: e.id,
                rules: byRules.has(e.id),
                sql: sqlSet.has(e.id),
                reach: reachOf(e),
              }));
            expect(disagreements, `${phase}, reader ${JSON.stringify(reader)}`).toEqual([]);
            expect(bySql.length, 'no entry twice, no unknown entry').toBe(byRules.size);
            counts.b += entries.length;
            counts.bVisible += byRules.size;
            // The full read path (joins, incident filter) on a share of the readers.
            if (i % 4 === 0) {
              const incident = INCIDENTS[i % 8 === 0 ? 0 : 1].id;
              const rows = await getVisibleEntries(k, reader, { incidentId: incident });
              const inIncident = new Set(entries.filter((e) => e.incidentId === incident).map((e) => e.id));
              expect(rows.map((r) => r.id).sort(), `${phase} list: ${JSON.stringify(reader)}`).toEqual(
                [...byRules].filter((id) => inIncident.has(id)).sort(),
              );
            }
          }
        }

        await check('as written');

        // Reach changes, as `changeReach` makes them: a `reach-change` entry carrying the new reach, by the author or
        // a coordinator of the author's organisation, then `setReach(entry, reach, change.id)`.
        const changes: Omit<ModelEntry, 'seq'>[] = [];
        const targets: { target: ModelEntry; change: string }[] = [];
        for (const [j, c] of s.reachChanges.entries()) {
          const target = entries[c.entry % entries.length]!;
          const colleague = authors.find((u) => u.org === target.authorOrg && u.id !== target.authorUserId);
          const by =
            c.byAuthor || !colleague ? authors.find((u) => u.id === target.authorUserId)! : colleague;
          const incident = INCIDENTS.find((i) => i.id === target.incidentId)!;
          const reach = resolve(c.reach, groupIds, incident.releasableToNato, users);
          changes.push({
            id: `c${j}`,
            incidentId: target.incidentId,
            authorUserId: by.id,
            authorOrg: by.org,
            reach,
          });
          targets.push({ target, change: `c${j}` });
        }
        await append(changes);
        for (const [j, { target, change }] of targets.entries()) {
          target.reach = changes[j]!.reach;
          await k
            .updateTable('entry_reach')
            .set({ ...reachRow(target.reach), changed_by_entry: change })
            .where('entry_id', '=', target.id)
            .execute();
          await insertReachLists([target]);
        }
        // Sharing-group membership changes, as `updateSharingGroupMembers` makes them.
        for (const gc of s.groupChanges) {
          if (groups.length === 0) break;
          const g = groups[gc.group % groups.length]!;
          g.members = [...new Set(gc.members)];
          await k.deleteFrom('sharing_group_members').where('group_id', '=', g.id).execute();
          await k
            .insertInto('sharing_group_members')
            .values(g.members.map((organisation) => ({ group_id: g.id, organisation })))
            .execute();
        }

        // The change of term.
        holder = s.presidency.after;
        await seatPresidency();

        await check('after reach and group changes and the change of term');
      }),
      { numRuns: RUNS_B },
    );
    // 150 databases' worth of scenarios: on a busy machine this takes longer than the default allows.
  }, 180_000);

  // A reader whose role reads no content gets an empty list from SQL, on every engine (it once threw on SQLite).
  it('an admin reader gets no entries from the SQL filter', async () => {
    const admin: Reader = { userId: 'u0', organisation: 'FI', role: 'admin' };
    expect(await getVisibleEntryIds(db.kysely, admin)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('(c) incidentListScope agrees with readIncident', () => {
  const kinds = [
    { kind: 'member state', org: 'FI', participating: true },
    { kind: 'member state (Greece)', org: 'GR', participating: true },
    { kind: 'EU body', org: 'ERCC', participating: true },
    { kind: 'EU body', org: 'CSIRTS-NETWORK', participating: true },
    { kind: 'NATO liaison', org: NATO, participating: false },
    { kind: 'third country', org: 'NO', participating: false },
    { kind: 'unknown', org: 'ACME', participating: false },
  ];
  const table = ROLES.flatMap((role) => kinds.map((k) => ({ role, ...k })));
  it.each(table)('$role of $kind $org', ({ role, org, participating }) => {
    const p = { userId: 'u', organisation: org, role };
    const scope = incidentListScope(p);
    for (const releasableToNato of [false, true]) {
      const listed = scope === 'all' || (scope === 'releasable-to-nato' && releasableToNato);
      expect(isAllowed(readIncident, p, { releasableToNato }), `releasableToNato ${releasableToNato}`).toBe(
        listed,
      );
      // CONTRACT: visible to all participating organisations; to NATO only when released to NATO; admin reads nothing.
      const contract = role !== 'admin' && (participating || (org === NATO && releasableToNato));
      expect(listed, `contract, releasableToNato ${releasableToNato}`).toBe(contract);
      counts.c++;
    }
  });
});
