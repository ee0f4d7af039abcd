import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { notifyReleasedToNato } from '../alerting/released-to-nato.js';
import { affectedMemberStates } from '../blueprint/rules.js';
import { scenarioTimesOf } from '../exercises/scenario-clock.js';
import { currentFacts, type HiddenName, logFactOf } from '../incidents/rules.js';
import { getFactEntries } from '../incidents/store.js';
import { assertRetractable, reassessSuperseded } from '../incidents/superseded-facts.js';
import { FACT_KINDS } from '../incidents/view-rules.js';
import { appendEntry } from '../log/append.js';
import { setReach } from '../log/reach.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { readerLanguage } from '../platform/language.js';
import { foldForSearch, matchesAllTokens, searchTokens } from '../platform/text/fold.js';
import { isParticipatingOrganisation } from '../registry/organisations.js';
import {
  changeReach as changeReachPolicy,
  defaultAudience,
  type Reader,
  readEntry,
  writeEntry,
} from '../sharing/entries.js';
import { correctEntry, fixedReachReason, reshareEntry, supersedeEntry } from '../sharing/entry-changes.js';
import * as incidentPolicy from '../sharing/incidents.js';
import type { SharingGroup } from '../sharing/model.js';
import { exportableByRecipient, TLP_MEANINGS, type TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { addressesPresidency, resolveAudience } from '../sharing/presidency.js';
import { compileProduct, everyReaderMaySee } from '../sharing/products.js';
import * as groupPolicy from '../sharing/sharing-groups.js';
import { defaultAudienceForTrack, trackOf } from '../sharing/tracks.js';
import { derivedTextViews } from './derived-views.js';
import { assertWithinImportedReach } from './imported-reach.js';
import { knownIncidents } from './known-incidents.js';
import { hiddenNamesFor, loadEntityEntries } from './live.js';
import type {
  Attachment,
  AttachmentQuery,
  Entry,
  IncidentExport,
  NewEntryRequest,
  NewSharingGroupRequest,
  ReachChangeRequest,
  ReachChangeResult,
  SearchHit,
} from './model.js';
import { ownCommandOf } from './own-commands.js';
import { entryForEveryReader, namesHiddenFromProduct } from './product-names.js';
import { resolveRecipients } from './recipients.js';
import {
  attachmentReachOf,
  attachmentReachProblem,
  correctionReach,
  presentAttachment,
  presentEntry,
  reachOf,
  whoCanSee,
} from './rules.js';
import * as store from './store.js';
import { type WrittenGroup, writtenEntry } from './written.js';

export function readerOf(actor: Actor): Reader {
  return { userId: actor.userId, organisation: actor.organisation, role: actor.role };
}

/** The incident, when the reader may see it; otherwise 404, so its existence is not revealed either. */
async function visibleIncident(db: Kysely<Database>, actor: Actor, incidentId: string) {
  const incident = await store.getIncidentReach(db, incidentId);
  if (!incident || !isAllowed(incidentPolicy.readIncident, actor, incident))
    throw new NotFound(`no incident ${incidentId}`);
  return incident;
}

/** Whether this reader may see this stored entry: incident first, then the entry's own reach. */
export function mayRead(
  actor: Actor,
  incident: { releasableToNato: boolean },
  e: store.StoredEntry,
): boolean {
  return (
    isAllowed(incidentPolicy.readIncident, actor, incident) &&
    isAllowed(readEntry, readerOf(actor), reachOf(e))
  );
}

function logReads(platform: Platform, actor: Actor, entries: readonly store.StoredEntry[], path: string) {
  platform.accessLog.record(
    entries.map((e) => ({
      userId: actor.userId,
      organisation: actor.organisation,
      entryId: e.id,
      marking: e.marking,
      path,
    })),
  );
}

/** Entries as this reader receives them, each with the newest correction or retraction the reader may see. */
async function presentAll(
  db: Kysely<Database>,
  actor: Actor,
  list: readonly store.StoredEntry[],
): Promise<Entry[]> {
  const reader = readerOf(actor);
  const superseding = await store.getSupersedingOf(
    db,
    reader,
    list.map((e) => e.id),
  );
  const views = await derivedViewsFor(db, actor, list);
  const scenario = await scenarioTimesOf(
    db,
    list.filter((e) => e.inExercise).map((e) => e.incidentId),
  );
  return list.map((e) =>
    presentEntry(
      e,
      reader,
      superseding.get(e.id) ?? null,
      views.get(e.incidentId),
      scenario.get(e.incidentId),
    ),
  );
}

/** What rendering derived text (status-change reasons) for this reader needs, per incident of these entries. */
function derivedViewsFor(db: Kysely<Database>, actor: Actor, list: readonly store.StoredEntry[]) {
  return derivedTextViews(
    db,
    list,
    async (incidentId) => {
      const incident = await store.getIncidentReach(db, incidentId);
      return incident ? hiddenEntityNames(db, actor, incident) : [];
    },
    readerLanguage(actor),
  );
}

async function presentOne(db: Kysely<Database>, actor: Actor, e: store.StoredEntry): Promise<Entry> {
  return (await presentAll(db, actor, [e]))[0]!;
}

/**
 * The incident a new entry goes to, read under the write lock, or known from an earlier committed write: that an
 * incident exists and whether it is an exercise never change, and a reader the rules let see every incident whatever
 * its release to NATO (`readIncident` only widens with the release) decides nothing on that release, unless the
 * entry itself asks to be released to NATO. A busy incident's writes then skip a read (on PostgreSQL a round trip
 * while the batch holds the lock). The release given back is then `false`, which such a reader's rules never ask.
 */
async function incidentToWriteTo(
  platform: Platform,
  w: WriteContext,
  actor: Actor,
  incidentId: string,
  entryAsksRelease: boolean,
): Promise<{ id: string; releasableToNato: boolean; exercise: boolean }> {
  const known = knownIncidents(platform.db);
  const fixed = known.get(incidentId);
  if (
    fixed &&
    !entryAsksRelease &&
    isAllowed(incidentPolicy.readIncident, actor, { releasableToNato: false })
  )
    return { ...fixed, releasableToNato: false };
  const incident = await visibleIncident(w.trx, actor, incidentId);
  w.afterCommit(() => known.remember(incident));
  return incident;
}

export async function listEntries(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  filter: { kinds?: readonly string[]; beforeSeq?: number; limit?: number; order?: 'asc' | 'desc' } = {},
  /** A write's transaction, when a command compiles from the entries (a sitrep) inside it. */
  db: Kysely<Database> = platform.db.kysely,
): Promise<Entry[]> {
  const incident = await visibleIncident(db, actor, incidentId);
  const rows = await store.getVisibleEntries(db, readerOf(actor), { incidentId, ...filter });
  // The SQL filter decides; the rules check again, so a disagreement can only ever hide, never reveal.
  const visible = rows.filter((e) => mayRead(actor, incident, e));
  logReads(platform, actor, visible, 'entries');
  return presentAll(db, actor, visible);
}

export async function getEntry(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
): Promise<Entry> {
  const incident = await visibleIncident(platform.db.kysely, actor, incidentId);
  const e = await store.getEntry(platform.db.kysely, entryId);
  if (!e || e.incidentId !== incidentId || !mayRead(actor, incident, e))
    throw new NotFound(`no entry ${entryId}`);
  logReads(platform, actor, [e], 'entry');
  return presentOne(platform.db.kysely, actor, e);
}

/** When each organisation last wrote to an incident, among what the reader may see. */
export async function latestByOrganisation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  kinds: readonly string[],
  db: Kysely<Database> = platform.db.kysely,
) {
  await visibleIncident(db, actor, incidentId);
  return store.getLatestVisibleByOrganisation(db, readerOf(actor), incidentId, kinds);
}

/** The first report of an incident, as this reader may see it, or null when it is outside their reach. */
export async function visibleReport(
  db: Kysely<Database>,
  actor: Actor,
  incident: { id: string; releasableToNato: boolean },
): Promise<{ entry: Entry; marking: string } | { entry: null; marking: string } | undefined> {
  const [first] = await db
    .selectFrom('entries')
    .select('id')
    .where('incident_id', '=', incident.id)
    .where('kind', '=', 'report')
    .orderBy('seq')
    .limit(1)
    .execute();
  const e = first && (await store.getEntry(db, first.id));
  if (!e) return undefined;
  return mayRead(actor, incident, e)
    ? { entry: await presentOne(db, actor, e), marking: e.marking }
    : { entry: null, marking: e.marking };
}

/**
 * Entity names in an incident's reports and updates that this reader may not see: every name of an entry outside
 * their reach, and names its author withheld (from readers outside the author's organisation).
 */
export async function hiddenEntityNames(
  db: Kysely<Database>,
  actor: Actor,
  incident: { id: string; releasableToNato: boolean },
): Promise<HiddenName[]> {
  // One load of the entries that name entities; the live stream decides with the same function in memory.
  return hiddenNamesFor(actor, incident, await loadEntityEntries(db, incident.id));
}

/** Checks a chosen reach and resolves its sharing group; the same for new entries and reach changes. */
async function resolveReach(db: Kysely<Database>, actor: Actor, req: ReachChangeRequest) {
  let sharingGroupId: string | null = null;
  let group: WrittenGroup | null = null;
  if (req.sharingGroup && req.marking !== 'TLP:RED') {
    const found = await store.getSharingGroup(db, req.sharingGroup);
    const subject = found && {
      ownerOrg: found.owner_org,
      hidden: found.hidden_membership === 1,
      members: found.members,
    };
    if (!subject || !isAllowed(groupPolicy.useGroup, actor, subject)) {
      throw new Invalid(`sharingGroup: no sharing group "${req.sharingGroup}" you may use`, 'sharingGroup');
    }
    sharingGroupId = found.id;
    group = { id: found.id, name: found.name, ...subject };
  }
  // Naming a group without an audience means the group alone, not everyone.
  const audience = req.audience ?? (sharingGroupId ? [] : defaultAudience());
  return {
    marking: req.marking,
    audience,
    recipients:
      req.marking === 'TLP:RED'
        ? await resolveRecipients(db, req.recipients ?? [], { releasableToNato: req.releasableToNato })
        : [],
    releasableToNato: req.releasableToNato,
    sharingGroupId,
    /** The group as it was read, so a new entry is presented without reading it back. */
    group,
  };
}

/**
 * The audience an attribution-track entry takes when its author names none nor a group: the EEAS and the states
 * affected by the facts as they stand in this write (src/sharing/tracks.ts decides). Otherwise the usual default.
 */
async function trackAudience(
  db: Kysely<Database>,
  incidentId: string,
  req: NewEntryRequest,
): Promise<string[] | undefined> {
  if (req.track !== 'attribution' || req.sharingGroup || req.marking === 'TLP:RED') return undefined;
  const facts = currentFacts((await getFactEntries(db, incidentId, FACT_KINDS)).map(logFactOf));
  return defaultAudienceForTrack('attribution', affectedMemberStates(facts));
}

export async function postEntry(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  req: NewEntryRequest,
  idempotency?: IdempotencyScope,
): Promise<Entry> {
  assertAllowed(writeEntry, 'only coordinators of participating organisations add entries', actor);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    // The incident, the group and the corrected entry are read under the write lock: a reach change or a
    // membership change committed just before cannot leave this entry with a reach decided on the old state.
    const incident = await incidentToWriteTo(platform, w, actor, incidentId, req.releasableToNato === true);
    if (req.releasableToNato && !incident.releasableToNato) {
      throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
    }
    const original = req.supersedes ? await correctable(w.trx, actor, incident, req.supersedes) : null;
    // A correction stays on the track of the entry it corrects unless its author names one.
    const track = req.track ?? (original ? trackOf(JSON.parse(original.body)) : undefined);
    let reach = await resolveReach(w.trx, actor, {
      ...req,
      audience: req.audience ?? (await trackAudience(w.trx, incidentId, { ...req, track })),
    });
    if (original) {
      const widened = correctionReach(reach, original);
      if ('field' in widened) throw new Invalid(`${widened.field}: ${widened.message}`, widened.field);
      reach = {
        ...widened,
        sharingGroupId: reach.sharingGroupId ?? original.group?.id ?? null,
        group: reach.group ?? original.group,
      };
    }
    const appended = await appendEntry(w, {
      incidentId,
      kind: req.kind,
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      ...reach,
      supersedes: req.supersedes ?? null,
      body: { text: req.text, withheld: req.withheld, ...(track ? { track } : {}) },
    });
    if (original) await reassessSuperseded(w, platform, actor, original);
    // Presented from what was written (a new entry has no correction or attachment yet). A TLP:RED entry names its
    // recipients as their accounts now are, and the Presidency is whoever holds it: those are read back.
    if (appended.marking === 'TLP:RED' || addressesPresidency(appended.audience))
      return presentOne(w.trx, actor, (await store.getEntry(w.trx, appended.id))!);
    return presentEntry(
      writtenEntry(appended, actor.displayName, reach.group),
      readerOf(actor),
      null,
      undefined,
      incident.exercise ? (await scenarioTimesOf(w.trx, [incidentId])).get(incidentId) : undefined,
    );
  });
}

function publicReach(r: {
  marking: string;
  audience: readonly string[];
  releasableToNato: boolean;
  sharingGroupId?: string | null;
}) {
  return {
    marking: r.marking,
    audience: r.marking === 'TLP:RED' ? [] : [...r.audience],
    releasableToNato: r.releasableToNato,
    sharingGroupId: r.sharingGroupId ?? null,
  };
}

/** An entry the actor's organisation wrote and may now correct or retract. */
async function correctable(
  db: Kysely<Database>,
  actor: Actor,
  incident: { id: string; releasableToNato: boolean },
  entryId: string,
): Promise<store.StoredEntry> {
  const original = await store.getEntry(db, entryId);
  if (!original || original.incidentId !== incident.id || !mayRead(actor, incident, original)) {
    throw new Invalid(`supersedes: no entry ${entryId} in this incident`, 'supersedes');
  }
  if (!isAllowed(correctEntry, actor, original)) {
    throw new Forbidden(
      `supersedes: ${onlyAsRulesSay(correctEntry)} (this one is ${original.authorOrg}'s)`,
      'supersedes',
    );
  }
  if (original.kind === 'retraction' || original.kind === 'reach-change') {
    throw new Invalid(`supersedes: a ${original.kind} cannot be corrected`, 'supersedes');
  }
  // The concept's projections follow its own commands, not the log's supersession: name the command instead.
  const own = ownCommandOf(original.kind);
  if (own) {
    throw new Conflict(
      `supersedes: a ${original.kind} entry is not corrected or retracted in the log: ${own.command}`,
      'supersedes',
      own.code,
    );
  }
  // The comms rules fold these entries into the line and would never see the correction or retraction.
  if (!isAllowed(supersedeEntry, original)) {
    throw new Conflict(
      `supersedes: a ${original.kind} entry is not corrected or retracted (${onlyAsRulesSay(supersedeEntry)})`,
      'supersedes',
      'line-step',
    );
  }
  return original;
}

/**
 * Retracts an entry: a new entry that says so, with exactly the reach of the retracted one, so that everyone who
 * had it learns of the retraction (on the stream too), and nobody else does.
 */
export async function retractEntry(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  reason: string,
  idempotency?: IdempotencyScope,
): Promise<Entry> {
  assertAllowed(writeEntry, 'only coordinators of participating organisations retract entries', actor);
  return inWrite(platform, { actor, idempotency }, async (w) => {
    // Read under the write lock, so the retraction carries the reach the entry has when it commits.
    const incident = await visibleIncident(w.trx, actor, incidentId);
    const original = await correctable(w.trx, actor, incident, entryId);
    await assertRetractable(w.trx, original);
    const appended = await appendEntry(w, {
      incidentId,
      kind: 'retraction',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      marking: original.marking,
      audience: original.audience,
      recipients: original.recipients,
      releasableToNato: original.releasableToNato,
      sharingGroupId: original.group?.id ?? null,
      supersedes: entryId,
      body: { text: reason, withheld: [] },
    });
    await reassessSuperseded(w, platform, actor, original);
    return presentOne(w.trx, actor, (await store.getEntry(w.trx, appended.id))!);
  });
}

/**
 * Changes who may see an entry. The change is itself an entry; the effective reach follows it at once on every
 * read path, and open streams are told to withdraw the entry from those who lost it.
 */
export async function changeReach(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  req: ReachChangeRequest,
  idempotency?: IdempotencyScope,
): Promise<ReachChangeResult> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await visibleIncident(w.trx, actor, incidentId);
    // The reach this change replaces is read under the write lock (and its row locked on PostgreSQL): with two
    // changes at once, the second one's `previous` is the first one's result, so whoever the first gave the entry
    // to and the second took it from is told on the stream (`entry-withdrawn`).
    await lockReach(w, entryId);
    const before = await store.getEntry(w.trx, entryId);
    if (!before || before.incidentId !== incidentId || !mayRead(actor, incident, before)) {
      throw new NotFound(`no entry ${entryId}`);
    }
    assertAllowed(
      changeReachPolicy,
      "only the author or their organisation's coordinators change an entry's reach",
      actor,
      before,
    );
    if (!isAllowed(reshareEntry, before)) {
      throw new Conflict(
        `${fixedReachReason(before.kind)}; its reach does not change (${onlyAsRulesSay(reshareEntry)})`,
        'entryId',
        'fixed-reach',
      );
    }
    // Releasing the first report releases the incident, which only its reporter's organisation may do.
    const releasesIncident =
      req.releasableToNato &&
      !incident.releasableToNato &&
      isAllowed(incidentPolicy.releaseIncidentToNato, actor, {
        authorOrg: before.authorOrg,
        firstReport:
          before.kind === 'report' &&
          (await store.getEntriesWhere(w.trx, { incidentId, kinds: ['report'] }))[0]?.id === entryId,
      });
    if (req.releasableToNato && !incident.releasableToNato && !releasesIncident) {
      throw new Invalid(
        `releasableToNato: this incident is not released to NATO; ${onlyAsRulesSay(incidentPolicy.releaseIncidentToNato)}`,
        'releasableToNato',
      );
    }
    const reach = await resolveReach(w.trx, actor, req);
    if (before.kind === 'intelligence') await assertWithinImportedReach(w.trx, before, reach);
    const change = await appendEntry(w, {
      incidentId,
      kind: 'reach-change',
      authorUserId: actor.userId,
      authorOrg: actor.organisation,
      // The record of a change is seen by those who may see the entry after it.
      ...reach,
      // Who the entry went to, without the names of RED recipients: this record may reach others.
      body: { entryId, previous: publicReach(reachOf(before)), next: publicReach(reach) },
    });
    await setReach(w, entryId, reach, change.id);
    if (releasesIncident) {
      await releaseIncident(w, incidentId, change.id);
      await notifyReleasedToNato(w, { incidentId, by: actor.organisation, reportEntryId: entryId });
    }
    const after = (await store.getEntry(w.trx, entryId))!;
    await w.emit({ type: 'reach-changed', incidentId, entryId, previous: reachOf(before) });
    const readers = await store.getReadersOf(w.trx, entryId);
    const losing = [
      ...new Set([
        before.authorOrg,
        ...resolveAudience(before.audience, before.presidency),
        ...(before.group?.members ?? []),
      ]),
    ]
      .filter(
        (org) => !isAllowed(readEntry, { userId: '', organisation: org, role: 'viewer' }, reachOf(after)),
      )
      .sort();
    return {
      entry: await presentOne(w.trx, actor, after),
      mayHaveRead: readers
        .filter(
          (r) =>
            !isAllowed(
              readEntry,
              { userId: r.user_id, organisation: r.organisation, role: 'viewer' },
              reachOf(after),
            ),
        )
        .map((r) => ({
          userId: r.user_id,
          name: r.display_name,
          organisation: r.organisation,
          at: String(r.at),
        })),
      organisationsLosingAccess: before.marking === 'TLP:RED' ? [] : losing,
    };
  });
}

/**
 * Releases the incident to NATO, by the reach change `changeId` of its first report: the incident itself, and the
 * shared facts written before (status changes, own assessments, activation, consultations…), which reach NATO once
 * the incident does; each gained entry is sent to open streams like any change of reach.
 */
async function releaseIncident(w: WriteContext, incidentId: string, changeId: string) {
  await w.trx.updateTable('incidents').set({ releasable_to_nato: 1 }).where('id', '=', incidentId).execute();
  const facts = await store.getEntriesWhere(w.trx, {
    incidentId,
    kinds: incidentPolicy.RELEASED_WITH_THE_INCIDENT,
  });
  for (const fact of facts.filter((e) => !e.releasableToNato && e.marking !== 'TLP:RED')) {
    await setReach(
      w,
      fact.id,
      {
        marking: fact.marking,
        audience: fact.audience,
        recipients: [],
        releasableToNato: true,
        sharingGroupId: fact.group?.id ?? null,
      },
      changeId,
    );
    await w.emit({ type: 'reach-changed', incidentId, entryId: fact.id, previous: reachOf(fact) });
  }
  await w.emit({ type: 'assessment', incidentId });
}

/**
 * Locks an entry's reach row until the write commits (PostgreSQL; SQLite's write lock covers the file). The audit
 * head every write locks first already orders all writers; this keeps the entry's own decision safe on its own.
 */
async function lockReach(w: WriteContext, entryId: string) {
  if (w.engine !== 'postgres') return;
  await w.trx
    .selectFrom('entry_reach')
    .select('entry_id')
    .where('entry_id', '=', entryId)
    .forUpdate()
    .execute();
}

function toGroup(
  g: NonNullable<Awaited<ReturnType<typeof store.getSharingGroup>>>,
  actor: Actor,
): SharingGroup {
  const subject = { ownerOrg: g.owner_org, hidden: g.hidden_membership === 1, members: g.members };
  return {
    id: g.id,
    name: g.name,
    ownerOrganisation: g.owner_org,
    hiddenMembership: g.hidden_membership === 1,
    members: isAllowed(groupPolicy.seeMembers, actor, subject) ? g.members : [],
    createdAt: g.created_at,
    updatedAt: g.updated_at,
  };
}

export async function listSharingGroups(platform: Platform, actor: Actor): Promise<SharingGroup[]> {
  return (await store.getSharingGroupsOf(platform.db.kysely, actor.organisation)).map((g) =>
    toGroup(g, actor),
  );
}

export async function createSharingGroup(
  platform: Platform,
  actor: Actor,
  req: NewSharingGroupRequest,
  idempotency?: IdempotencyScope,
): Promise<SharingGroup> {
  assertAllowed(
    groupPolicy.createGroup,
    'only coordinators and org-admins of participating organisations create sharing groups',
    actor,
  );
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const id = uuidv7();
    await w.trx
      .insertInto('sharing_groups')
      .values({
        id,
        name: req.name,
        owner_org: actor.organisation,
        hidden_membership: req.hiddenMembership ? 1 : 0,
        created_at: w.now,
        updated_at: w.now,
      })
      .execute();
    await w.trx
      .insertInto('sharing_group_members')
      .values([...new Set(req.members)].map((organisation) => ({ group_id: id, organisation })))
      .execute();
    await w.audit({
      action: 'sharing-group.created',
      subjectType: 'sharing-group',
      subjectId: id,
      details: { ...req },
    });
    return toGroup((await store.getSharingGroup(w.trx, id))!, actor);
  });
}

export async function updateSharingGroupMembers(
  platform: Platform,
  actor: Actor,
  id: string,
  members: readonly string[],
): Promise<SharingGroup> {
  return inWrite(platform, { actor }, async (w) => {
    const g = await store.getSharingGroup(w.trx, id);
    if (!g) throw new NotFound(`no sharing group ${id}`);
    const subject = { ownerOrg: g.owner_org, hidden: g.hidden_membership === 1, members: g.members };
    if (!isAllowed(groupPolicy.manageGroup, actor, subject)) {
      if (isAllowed(groupPolicy.useGroup, actor, subject))
        throw new Forbidden('only the owning organisation changes members');
      throw new NotFound(`no sharing group ${id}`);
    }
    await w.trx.deleteFrom('sharing_group_members').where('group_id', '=', id).execute();
    await w.trx
      .insertInto('sharing_group_members')
      .values([...new Set(members)].map((organisation) => ({ group_id: id, organisation })))
      .execute();
    await w.trx.updateTable('sharing_groups').set({ updated_at: w.now }).where('id', '=', id).execute();
    await w.audit({
      action: 'sharing-group.members-changed',
      subjectType: 'sharing-group',
      subjectId: id,
      details: { members },
    });
    const current = [...new Set(members)];
    await w.emit({ type: 'group-changed', groupId: id, previousMembers: g.members, members: current });
    return toGroup((await store.getSharingGroup(w.trx, id))!, actor);
  });
}

/**
 * A compiled export of an incident's log for a chosen audience: only entries every reader of it may see, without
 * entries whose marking forbids a recipient to take them off the platform, under the most restrictive marking.
 */
export async function exportIncident(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  query: { audience?: string[] | undefined; nato?: boolean | undefined },
): Promise<IncidentExport> {
  const incident = await visibleIncident(platform.db.kysely, actor, incidentId);
  // The NATO liaison is reached through the NATO flag, never as an organisation of an audience.
  const named = query.audience ?? [actor.organisation];
  const organisations = named.filter((o) => o !== 'NATO');
  for (const [i, org] of named.entries()) {
    if (org !== 'NATO' && !isParticipatingOrganisation(org)) {
      throw new Invalid(`audience[${i}]: "${org}" is not a participating organisation`, `audience[${i}]`);
    }
  }
  const nato = (query.nato ?? false) || named.includes('NATO');
  if (nato && !incident.releasableToNato)
    throw new Invalid('nato: this incident is not released to NATO', 'nato');
  const rows = await store.getVisibleEntries(platform.db.kysely, readerOf(actor), { incidentId });
  const visible = rows.filter((e) => mayRead(actor, incident, e) && e.kind !== 'reach-change');
  const product = compileProduct(
    visible,
    reachOf,
    { organisations, nato },
    {
      compiledBy: actor.organisation,
      leavesPlatform: true,
    },
  );
  logReads(platform, actor, product.included, 'export');
  const productHidden = namesHiddenFromProduct(
    await hiddenEntityNames(platform.db.kysely, actor, incident),
    visible.filter((e) => e.kind === 'report' || e.kind === 'update'),
    { organisations, nato },
  );
  const views = await derivedViewsFor(platform.db.kysely, actor, product.included);
  const replayed = views.get(incidentId)?.replayed;
  // An exercise's export reads in scenario time as its log does; a real incident's sends no query for it.
  const scenario = product.included.some((e) => e.inExercise)
    ? (await scenarioTimesOf(platform.db.kysely, [incidentId])).get(incidentId)
    : undefined;
  const row = await platform.db.kysely
    .selectFrom('incidents')
    .selectAll()
    .where('id', '=', incidentId)
    .executeTakeFirstOrThrow();
  return {
    product: {
      kind: 'incident-export',
      marking: product.marking,
      releasableToNato: product.releasableToNato && nato,
      audience: [...organisations, ...(nato ? ['NATO'] : [])],
      generatedAt: platform.clock.now().toISOString(),
      generatedBy: { name: actor.displayName, organisation: actor.organisation },
      notice: `${product.marking}: ${TLP_MEANINGS[product.marking]}`,
    },
    incident: {
      id: row.id,
      title: row.title,
      reportedBy: row.reported_by,
      occurredAt: row.occurred_at,
      exercise: row.exercise === 1,
    },
    entries: product.included.map((e) => {
      // Reasons derived from the facts are rendered for every reader of the export, not for its compiler.
      // A field its author withheld stays out once the export reaches anyone outside the author's organisation.
      const presented = entryForEveryReader(
        presentEntry(e, readerOf(actor), null, { hidden: productHidden, replayed }, scenario),
        { organisations, nato },
      );
      const inProduct = new Set(
        e.attachments
          .filter((a) => everyReaderMaySee({ organisations, nato }, attachmentReachOf(e, a)))
          .filter((a) => e.authorOrg === actor.organisation || exportableByRecipient(a.marking as TlpMarking))
          .map((a) => a.id),
      );
      // Who can see it, as every reader of the export is told: a hidden group's members only when all are its owner.
      const ownerOnly = !nato && organisations.every((o) => o === e.group?.ownerOrg);
      return {
        ...presented,
        whoCanSee: whoCanSee(e, ownerOnly ? e.group!.ownerOrg : ''),
        attachments: presented.attachments.filter((a) => inProduct.has(a.id)),
      };
    }),
    omitted: { notVisibleToAll: product.notVisibleToAll, notExportable: product.notExportable },
  };
}

/**
 * Searches incident titles and the entries the caller may see, ignoring case and accents in every EU alphabet. The
 * database answers from its index of folded text (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL), already
 * limited to what the reader may see; each hit is then checked again against the entry as this reader receives it,
 * so withheld text can never be found by searching for it. Status changes are rendered for each reader, so the
 * latest of them are checked by rendering instead.
 */
export async function search(platform: Platform, actor: Actor, text: string): Promise<SearchHit[]> {
  const asked = searchTokens(foldForSearch(text.trim()));
  if (asked.join('').length < 2) throw new Invalid('q: search for at least 2 letters or digits', 'q');
  if (asked.length > 16) throw new Invalid('q: search for at most 16 words', 'q');
  const scope = incidentPolicy.incidentListScope(actor);
  if (scope === 'none') return [];
  const db = platform.db.kysely;
  let titles = db.selectFrom('incidents').select(['id', 'title', 'releasable_to_nato', 'search_title']);
  for (const token of asked) titles = titles.where('search_title', 'like', `%${token}%`);
  if (scope === 'releasable-to-nato') titles = titles.where('releasable_to_nato', '=', 1);
  const titleHits = (await titles.limit(200).execute()).filter((i) =>
    matchesAllTokens(i.search_title ?? '', asked),
  );
  const hits: SearchHit[] = titleHits.map((i) => ({ incidentId: i.id, incidentTitle: i.title, entry: null }));
  const matching = await store.getVisibleEntries(db, readerOf(actor), {
    seqs: await store.entrySeqsMatchingAll(db, asked, 2000),
    order: 'desc',
    limit: 500,
  });
  const statusChanges = await store.getVisibleEntries(db, readerOf(actor), {
    kinds: ['status-change'],
    order: 'desc',
    limit: 500,
  });
  const candidates = [...matching, ...statusChanges];
  const incidents = await store.getIncidentTitles(db, [...new Set(candidates.map((e) => e.incidentId))]);
  const visible = candidates.filter((e) => {
    const incident = incidents.get(e.incidentId);
    return incident && mayRead(actor, incident, e);
  });
  const views = await derivedViewsFor(db, actor, visible);
  // A hit in an exercise reads in scenario time as its log does; a real incident's send no query for it.
  const scenario = await scenarioTimesOf(
    db,
    visible.filter((e) => e.inExercise).map((e) => e.incidentId),
  );
  const found: store.StoredEntry[] = [];
  for (const e of visible) {
    const presented = presentEntry(
      e,
      readerOf(actor),
      null,
      views.get(e.incidentId),
      scenario.get(e.incidentId),
    );
    const shown = foldForSearch([presented.text ?? '', ...stringsOf(presented.body)].join('\n'));
    if (!matchesAllTokens(shown, asked)) continue;
    found.push(e);
    hits.push({
      incidentId: e.incidentId,
      incidentTitle: incidents.get(e.incidentId)!.title,
      entry: presented,
    });
  }
  logReads(platform, actor, found, 'search');
  return hits.slice(0, 200);
}

/** Every string in a presented body, the text the reader is shown. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const SAFE_CONTENT_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** Types a browser would render or run (HTML, SVG, XML, scripts) are served as plain bytes. */
export function safeContentType(declared: string | undefined): string {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return SAFE_CONTENT_TYPES.has(type) ? type : 'application/octet-stream';
}

export function safeFileName(name: string): string {
  const printable = [...name.normalize('NFC')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? '_' : c))
    .join('');
  const cleaned = printable
    .replace(/["\\/:*?<>|]+/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || 'attachment';
}

export async function addAttachment(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  query: AttachmentQuery,
  file: { content: Buffer; contentType: string | undefined },
  idempotency?: IdempotencyScope,
): Promise<Attachment> {
  // Hashing is pure work on the upload; everything the attachment's reach is checked against is read below.
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await visibleIncident(w.trx, actor, incidentId);
    // The attachment may not reach further than its entry: read (and locked) as it is when the write commits.
    await lockReach(w, entryId);
    const entry = await store.getEntry(w.trx, entryId);
    if (!entry || entry.incidentId !== incidentId || !mayRead(actor, incident, entry))
      throw new NotFound(`no entry ${entryId}`);
    assertAllowed(
      changeReachPolicy,
      "only the author or their organisation's coordinators attach files to an entry",
      actor,
      entry,
    );
    if (file.content.length === 0) throw new Invalid('body: the file is empty', 'body');
    const chosen = {
      marking: query.marking,
      audience:
        query.marking === 'TLP:RED'
          ? []
          : (query.audience ?? [entry.authorOrg, ...entry.audience, ...(entry.group?.members ?? [])]),
      recipients:
        query.marking !== 'TLP:RED'
          ? []
          : query.recipients
            ? await resolveRecipients(w.trx, query.recipients, { releasableToNato: query.nato ?? false })
            : entry.recipients.map((r) => ({ userId: r.userId, email: r.email })),
      releasableToNato: query.nato ?? entry.releasableToNato,
    };
    const problem = attachmentReachProblem(entry, chosen);
    if (problem) throw new Invalid(`${problem.field}: ${problem.message}`, problem.field);
    const id = uuidv7();
    const row = {
      id,
      entry_id: entryId,
      file_name: safeFileName(query.name),
      content_type: safeContentType(file.contentType),
      size: file.content.length,
      sha256,
      marking: chosen.marking,
      audience: JSON.stringify({
        audience: [...new Set(chosen.audience)],
        recipients: chosen.recipients,
        releasableToNato: chosen.releasableToNato,
      }),
      // One row, one transaction: the file exists whole, with its audit record, or not at all.
      content: file.content.toString('base64'),
      created_at: w.now,
    };
    await w.trx.insertInto('attachments').values(row).execute();
    await w.audit({
      action: 'attachment.added',
      subjectType: 'attachment',
      subjectId: id,
      details: {
        entryId,
        incidentId,
        size: row.size,
        sha256,
        marking: chosen.marking,
      },
    });
    await w.trx
      .updateTable('incidents')
      .set({ last_activity_at: w.now })
      .where('id', '=', incidentId)
      .execute();
    // The entry is sent again to those who may read it, now with the attachment they may see.
    await w.emit({ type: 'reach-changed', incidentId, entryId, previous: reachOf(entry) });
    const stored = (await store.getEntry(w.trx, entryId))!.attachments.find((a) => a.id === id)!;
    return presentAttachment(stored);
  });
}

export async function getAttachment(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  entryId: string,
  attachmentId: string,
): Promise<{ meta: Attachment; content: Buffer }> {
  const incident = await visibleIncident(platform.db.kysely, actor, incidentId);
  const entry = await store.getEntry(platform.db.kysely, entryId);
  const found = await store.getAttachmentContent(platform.db.kysely, attachmentId);
  if (
    !entry ||
    !found ||
    entry.incidentId !== incidentId ||
    found.entryId !== entryId ||
    !mayRead(actor, incident, entry) ||
    !isAllowed(readEntry, readerOf(actor), attachmentReachOf(entry, found.meta))
  ) {
    throw new NotFound(`no attachment ${attachmentId}`);
  }
  platform.accessLog.record([
    {
      userId: actor.userId,
      organisation: actor.organisation,
      entryId,
      marking: found.meta.marking,
      path: 'attachment',
    },
  ]);
  return { meta: presentAttachment(found.meta), content: found.content };
}
