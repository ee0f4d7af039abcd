import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { PARTICIPATING_ORGANISATIONS } from '../registry/organisations.js';
import { rule } from './policy.js';
import { PRESIDENCY, reachedAsPresidency } from './presidency.js';
import type { Principal } from './principal.js';
import { isNatoLiaison, isParticipant, readsContent } from './principal.js';

/** An entry's effective reach: the latest of its creation and its reach changes. */
export interface EntryReach {
  authorUserId: string;
  authorOrg: string;
  marking: string;
  /** Participating organisations named directly, and/or the role `PRESIDENCY`; not consulted for TLP:RED. */
  audience: readonly string[];
  /** The member state holding the Presidency as the entry is read (`PRESIDENCY` reaches it); null for none. */
  presidency: string | null;
  /** Members of the sharing group the entry is shared with, as they are now (evaluated when read). */
  groupMembers: readonly string[];
  /** User ids of the accounts a TLP:RED entry is for, resolved when its reach was written. */
  recipients: readonly string[];
  releasableToNato: boolean;
}

/** Whoever reads: access follows the account (`userId`), never an e-mail address. */
export type Reader = Principal;

const notRed = (e: EntryReach) => e.marking !== 'TLP:RED';

/** CONTRACT "Who sees what", one sentence per rule. Access is denied unless a rule grants it. */
export const readEntry = [
  rule(
    'authors see their own entries',
    (r: Reader, e: EntryReach) => readsContent(r) && r.userId === e.authorUserId,
  ),
  rule(
    "the author's organisation sees its entries, except TLP:RED ones",
    (r: Reader, e: EntryReach) => readsContent(r) && notRed(e) && r.organisation === e.authorOrg,
  ),
  rule(
    'the accounts named as recipients see TLP:RED entries',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && e.marking === 'TLP:RED' && e.recipients.includes(r.userId),
  ),
  rule(
    'organisations in the audience see entries that are not TLP:RED',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && notRed(e) && isParticipant(r) && e.audience.includes(r.organisation),
  ),
  rule(
    'the member state holding the Presidency when the entry is read sees entries addressed to the PRESIDENCY, except TLP:RED ones',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && notRed(e) && reachedAsPresidency(r.organisation, e.audience, e.presidency),
  ),
  rule(
    'members of the sharing group see entries that are not TLP:RED',
    (r: Reader, e: EntryReach) =>
      readsContent(r) && notRed(e) && isParticipant(r) && e.groupMembers.includes(r.organisation),
  ),
  rule(
    'the NATO liaison sees entries released to NATO, except TLP:RED ones',
    (r: Reader, e: EntryReach) => readsContent(r) && notRed(e) && isNatoLiaison(r) && e.releasableToNato,
  ),
];

/** Withholding is the author's organisation keeping a detail to itself (CONTRACT: readers see "withheld by FI"). */
export const seeWithheldDetails = [
  rule(
    "the author's organisation sees the details it withheld",
    (r: Pick<Reader, 'organisation'>, authorOrg: string) => r.organisation === authorOrg,
  ),
];

/** The audience when the author names none: every participating organisation. */
export function defaultAudience(): string[] {
  return PARTICIPATING_ORGANISATIONS.map((o) => o.id);
}

type EntriesQuery = ExpressionBuilder<Database & { r: Database['entry_reach'] }, 'entries' | 'r'>;

/**
 * `readEntry` as a SQL condition over `entries` joined with its reach as `r`, so lists filter in the database.
 * The property tests hold it to the rules above case by case.
 */
export function visibleEntryCondition(reader: Reader) {
  return (eb: EntriesQuery) => {
    // A constant false that every engine can bind (SQLite has no boolean parameters).
    if (!readsContent(reader)) return eb(eb.val(1), '=', 0);
    const grants = [
      eb('entries.author_user_id', '=', reader.userId),
      eb.and([
        eb('r.marking', '=', 'TLP:RED'),
        eb.exists(
          eb
            .selectFrom('entry_recipients as p')
            .select(sql`1`.as('one'))
            .whereRef('p.entry_id', '=', 'entries.id')
            .where('p.user_id', '=', reader.userId),
        ),
      ]),
    ];
    const notRedGrants = [eb('entries.author_org', '=', reader.organisation)];
    if (isParticipant(reader)) {
      notRedGrants.push(
        eb.exists(
          eb
            .selectFrom('entry_audience as a')
            .select(sql`1`.as('one'))
            .whereRef('a.entry_id', '=', 'entries.id')
            .where('a.organisation', '=', reader.organisation),
        ),
        // PRESIDENCY resolves to the incident's own holder (an exercise's, from its scenario), else the holder in
        // the office row: the same holder every in-memory check is given (`presidencyOf`).
        eb.exists(
          eb
            .selectFrom('entry_audience as pa')
            .innerJoin('presidency_office as po', (j) => j.on('po.id', '=', 1))
            .innerJoin('incidents as pi', (j) => j.onRef('pi.id', '=', 'entries.incident_id'))
            .select(sql`1`.as('one'))
            .whereRef('pa.entry_id', '=', 'entries.id')
            .where('pa.organisation', '=', PRESIDENCY)
            .where(sql<string>`coalesce(pi.presidency, po.member_state)`, '=', reader.organisation),
        ),
        eb.exists(
          eb
            .selectFrom('sharing_group_members as m')
            .select(sql`1`.as('one'))
            .whereRef('m.group_id', '=', 'r.sharing_group_id')
            .where('m.organisation', '=', reader.organisation),
        ),
      );
    }
    if (isNatoLiaison(reader)) notRedGrants.push(eb('r.releasable_to_nato', '=', 1));
    grants.push(eb.and([eb('r.marking', '!=', 'TLP:RED'), eb.or(notRedGrants)]));
    return eb.or(grants);
  };
}

/** Entries joined with their effective reach, ready for `visibleEntryCondition`. */
export function entriesWithReach(db: Kysely<Database>) {
  return db.selectFrom('entries').innerJoin('entry_reach as r', 'r.entry_id', 'entries.id');
}

/** Who may add an entry to an incident they can see. */
export const writeEntry = [
  rule(
    'coordinators of participating organisations add entries',
    (p: Principal) => p.role === 'coordinator' && isParticipant(p),
  ),
];

/** Who may change an entry's marking, audience or NATO release. */
export const changeReach = [
  rule(
    'authors change the reach of their own entries',
    (p: Principal, e: Pick<EntryReach, 'authorUserId' | 'authorOrg'>) =>
      p.role === 'coordinator' && p.userId === e.authorUserId,
  ),
  rule(
    "coordinators of the author's organisation change the reach of its entries",
    (p: Principal, e: Pick<EntryReach, 'authorUserId' | 'authorOrg'>) =>
      p.role === 'coordinator' && p.organisation === e.authorOrg,
  ),
];
