import type { Kysely, Selectable } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { notify } from '../alerting/flows.js';
import { assessIncidentFacts } from '../blueprint/rules.js';
import { listEntries } from '../entries/flows.js';
import type { Entry } from '../entries/model.js';
import { entryForEveryReader, namesHiddenFromProduct } from '../entries/product-names.js';
import { openIncident } from '../incidents/flows.js';
import { loadIncidentLog, visibleIncidentRow } from '../incidents/reader-log.js';
import { assessmentForReader, currentFacts, logFactOf, reportingStatus } from '../incidents/rules.js';
import { getFactEntries } from '../incidents/store.js';
import { factsOf, incidentView } from '../incidents/view-rules.js';
import { appendEntry } from '../log/append.js';
import { buildPicture } from '../picture/flows.js';
import { detailEntries } from '../picture/view-rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database, SitrepsTable } from '../platform/db/schema.js';
import { type IdempotencyScope, inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../platform/errors.js';
import { readerLanguage } from '../platform/language.js';
import { presidencyOf } from '../presidency/flows.js';
import { platformSettings } from '../settings/flows.js';
import type { PlatformSettings } from '../settings/model.js';
import { sitrepAbilities } from '../sharing/abilities.js';
import { markingRank, mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { compileProduct } from '../sharing/products.js';
import * as sitrepPolicy from '../sharing/sitreps.js';
import { reachOfEntry } from './entry-reach.js';
import type { CompileSitrepRequest, EditSitrepRequest, Section, Sitrep, SitrepDiff } from './model.js';
import { diffSitreps, prefill } from './rules.js';
import {
  assertSourcesStillReach,
  NARROWED_NOTICE,
  type StoredSources,
  sourcesStillReach,
} from './sources.js';

type Row = Selectable<SitrepsTable>;

/**
 * What the sitrep rules decide on, with the approvers that follow `presidency`: the incident's holder, the one the
 * database's calendar seated or an exercise's own (`presidencyOf`, read once per request, inside the write in a
 * command).
 */
function reachOf(row: Row, presidency: string | null): sitrepPolicy.SitrepReach {
  return {
    state: row.state as 'draft' | 'published',
    authorOrg: row.created_org,
    audience: JSON.parse(row.audience) as string[],
    nato: row.nato === 1,
    contributors: JSON.parse(row.contributors) as string[],
    approvers: sitrepPolicy.sitrepApprovers(presidency),
  };
}

/** Who compiled the draft, and whether the platform asks a second person to approve it. */
function approvalOf(row: Row, settings: PlatformSettings): sitrepPolicy.SitrepApproval {
  return { compiledBy: row.created_by, fourEyes: settings.sitrepFourEyes };
}

async function names(db: Kysely<Database>, ids: Array<string | null>) {
  const wanted = ids.filter((x): x is string => x !== null);
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** `people`: the names of compilers and approvers when a list already loaded them for all its rows at once. */
async function toSitrep(
  db: Kysely<Database>,
  row: Row,
  people?: Map<string, string>,
): Promise<Omit<Sitrep, 'abilities'>> {
  const who = people ?? (await names(db, [row.created_by, row.approved_by]));
  // The source ids stay on the row, for the approval's check: readers get the counts.
  const stored = JSON.parse(row.sources) as StoredSources;
  const sources = { entries: stored.entries, notVisibleToAll: stored.notVisibleToAll };
  const audience = JSON.parse(row.audience) as string[];
  // A draft whose source was narrowed since compiling shows no text: its readers may no longer see that source.
  const narrowed =
    row.state === 'draft' &&
    !(await sourcesStillReach(db, stored, { organisations: audience, nato: row.nato === 1 }));
  return {
    id: row.id,
    incidentId: row.incident_id,
    number: row.number,
    state: row.state as Sitrep['state'],
    title: row.title,
    audience,
    releasableToNato: row.nato === 1,
    marking: row.marking as TlpMarking,
    minimumMarking: row.minimum_marking as TlpMarking,
    sections: (JSON.parse(row.sections) as Section[]).map((s) =>
      narrowed ? { ...s, text: NARROWED_NOTICE } : s,
    ),
    contributors: JSON.parse(row.contributors) as string[],
    contributions: JSON.parse(row.contributions) as Sitrep['contributions'],
    sources,
    createdBy: { name: who.get(row.created_by) ?? row.created_by, organisation: row.created_org },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    approvedBy: row.approved_by
      ? { name: who.get(row.approved_by) ?? row.approved_by, organisation: row.approved_org ?? '' }
      : null,
    publishedAt: row.published_at,
    corrects: row.corrects,
  };
}

/**
 * A sitrep the actor may read; otherwise 404, so its existence is not revealed either. `forUpdate` locks its row
 * (PostgreSQL) for a command that decides on its state.
 */
async function readable(
  db: Kysely<Database>,
  actor: Actor,
  incidentId: string,
  id: string,
  presidency: string | null,
  forUpdate = false,
): Promise<Row> {
  const row = await db
    .selectFrom('sitreps')
    .selectAll()
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst();
  if (
    !row ||
    row.incident_id !== incidentId ||
    !isAllowed(sitrepPolicy.readSitrep, actor, reachOf(row, presidency))
  ) {
    throw new NotFound(`no sitrep ${id}`);
  }
  return row;
}

/**
 * The sitrep, read inside the write that decides on it. Every write first locks the audit head, so no other
 * command on this sitrep can commit between this read and this write; on PostgreSQL the row is locked as well.
 */
function readableIn(
  w: WriteContext,
  actor: Actor,
  incidentId: string,
  id: string,
  presidency: string | null,
): Promise<Row> {
  return readable(w.trx, actor, incidentId, id, presidency, w.engine === 'postgres');
}

/**
 * Compiles a draft sitrep for a chosen audience from what every reader of it may see, under the most restrictive
 * marking among those entries.
 */
export function compileSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  req: CompileSitrepRequest,
): Promise<Sitrep> {
  return inWrite(platform, { actor }, async (w) =>
    compileIn(w, platform, actor, incidentId, req, await presidencyOf(w.trx, incidentId)),
  );
}

/**
 * Compiles inside the write: who may compile, and which entries every reader of the sitrep may see, are decided
 * on the log as it is when the draft is stored, never on a read a reach change could have overtaken.
 */
async function compileIn(
  w: WriteContext,
  platform: Platform,
  actor: Actor,
  incidentId: string,
  req: CompileSitrepRequest,
  presidency: string | null,
  corrects?: Row,
): Promise<Sitrep> {
  const now = new Date(w.now);
  const incident = await openIncident(w, actor, incidentId);
  // One load of the log, read under the write's lock, for the incident, its picture and the prefill's facts.
  const log = await loadIncidentLog(w.trx, actor, incidentId, incident.row);
  const full = incidentView(log, actor, now);
  const affectedStates = [
    ...new Set([
      ...full.activatingStates,
      ...full.assessment.significantlyAffected,
      ...full.assessment.unconfirmed,
    ]),
  ];
  assertAllowed(
    sitrepPolicy.compileSitrep,
    'only ERCC, the Presidency or an affected member state compile sitreps',
    actor,
    {
      affectedStates,
      presidency,
    },
  );
  if (req.releasableToNato && !incident.releasableToNato) {
    throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
  }
  const audience = [...new Set([actor.organisation, ...req.audience])].sort();
  const visible = (await listEntries(platform, actor, incidentId, {}, w.trx)).filter(
    (e) => e.kind !== 'reach-change',
  );
  const product = compileProduct(
    visible,
    reachOfEntry,
    { organisations: audience, nato: req.releasableToNato },
    {
      compiledBy: actor.organisation,
      leavesPlatform: false,
    },
  );
  const picture = await buildPicture(platform, actor, incidentId, w.trx, log);
  const facts = currentFacts(factsOf(log));
  // Details on the picture come from entries the compiler sees; keep only those every reader of the sitrep may see.
  const included = new Set(product.included.map((e) => e.id));
  const detailSources = visible.filter(
    (e) => (e.kind === 'report' || e.kind === 'update') && !included.has(e.id),
  );
  // The compiler sees the details its own organisation withheld; a sitrep reaching beyond it must not.
  const withheldDetails = product.included.some(
    (e) =>
      (e.kind === 'report' || e.kind === 'update') &&
      e.withheld.some((x) => x.field.startsWith('impacts')) &&
      (req.releasableToNato || audience.some((o) => o !== e.author.organisation)),
  );
  const states = picture.states.map((s) =>
    detailSources.length > 0 || withheldDetails ? { ...s, services: [], usersAffected: null } : s,
  );
  // The assessment's sentences are rendered for every reader of the sitrep, not for its compiler.
  const assessment = assessmentForReader(
    assessIncidentFacts(facts, log.cepes?.register),
    namesHiddenFromProduct(log.hidden, detailEntries(log), {
      organisations: audience,
      nato: req.releasableToNato,
    }),
    readerLanguage(actor),
  );
  // Sectors and reporting deadlines are details of the entries they come from: only entries every reader sees count.
  const forEveryReader = product.included.map((e) =>
    entryForEveryReader(e, { organisations: audience, nato: req.releasableToNato }),
  );
  const shownBody = new Map(forEveryReader.map((e) => [e.id, e.body]));
  const productFacts = (
    await getFactEntries(w.trx, incidentId, [
      'report',
      'update',
      'own-assessment',
      'silence-procedure-concluded',
    ])
  )
    .filter((row) => shownBody.has(row.id))
    .map((row) => {
      // The fold needs the whole stored body; the times and the cause deadlines run from are as every reader sees them.
      const shown = shownBody.get(row.id)!;
      const { detectedAt, awareAt, cause } = shown;
      const stored = JSON.parse(row.body) as Record<string, unknown>;
      const body = {
        ...stored,
        detectedAt,
        awareAt,
        cause: stored.cause === undefined ? undefined : (cause ?? 'unknown'),
      };
      return logFactOf({ ...row, body: JSON.stringify(body) });
    });
  const sections = corrects
    ? (JSON.parse(corrects.sections) as Section[])
    : prefill(
        {
          title: full.title,
          occurredAt: full.occurredAt,
          // The cause is a detail of the report: only when every reader of the sitrep may see the report.
          // (as every reader receives it: a cause its author withheld stays out beyond the author's organisation).
          cause:
            (forEveryReader.find((e) => e.kind === 'report')?.body.cause as typeof facts.cause | undefined) ??
            null,
          assessment,
          activation: full.activation,
          consultations: full.consultations,
          states,
          sectors: sectorsNamedBy(forEveryReader),
          reporting: productFacts.some((f) => f.kind === 'report') ? reportingStatus(productFacts) : [],
          entries: forEveryReader,
          now,
        },
        readerLanguage(actor),
      );
  const minimum = mostRestrictive([product.marking, 'TLP:GREEN']);
  const id = uuidv7();
  const row: Row = {
    id,
    incident_id: incidentId,
    number: null,
    state: 'draft',
    title: req.title ?? corrects?.title ?? `Situation report: ${full.title}`,
    audience: JSON.stringify(audience),
    nato: req.releasableToNato ? 1 : 0,
    marking: minimum,
    minimum_marking: minimum,
    sections: JSON.stringify(sections),
    sources: JSON.stringify({
      entries: product.included.length,
      notVisibleToAll: product.notVisibleToAll,
      entryIds: product.included.map((e) => e.id),
    } satisfies StoredSources),
    contributors: '[]',
    contributions: '[]',
    created_by: actor.userId,
    created_org: actor.organisation,
    created_at: w.now,
    updated_at: w.now,
    approved_by: null,
    approved_org: null,
    published_at: null,
    corrects: corrects?.id ?? null,
    entry_id: null,
  };
  await w.trx.insertInto('sitreps').values(row).execute();
  await w.audit({
    action: 'sitrep.compiled',
    subjectType: 'sitrep',
    subjectId: id,
    details: { incidentId, audience, marking: minimum },
  });
  return forReader(actor, row, await toSitrep(w.trx, row), presidency, await platformSettings(w.trx));
}

export async function listSitreps(platform: Platform, actor: Actor, incidentId: string): Promise<Sitrep[]> {
  // Not knowing whether the incident exists is part of not being allowed to see it.
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const rows = await platform.db.kysely
    .selectFrom('sitreps')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .execute();
  const presidency = await presidencyOf(platform.db.kysely, incidentId);
  const readable = rows.filter((row) => isAllowed(sitrepPolicy.readSitrep, actor, reachOf(row, presidency)));
  // One query for every name the list shows, not one per sitrep.
  const people = await names(
    platform.db.kysely,
    readable.flatMap((row) => [row.created_by, row.approved_by]),
  );
  const settings = await platformSettings(platform.db.kysely);
  const out: Sitrep[] = [];
  for (const row of readable)
    out.push(forReader(actor, row, await toSitrep(platform.db.kysely, row, people), presidency, settings));
  return out;
}

export async function getSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
): Promise<Sitrep> {
  // Not knowing whether the incident exists is part of not being allowed to see it.
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const presidency = await presidencyOf(platform.db.kysely, incidentId);
  const row = await readable(platform.db.kysely, actor, incidentId, id, presidency);
  if (row.state === 'published') {
    platform.accessLog.record([
      {
        userId: actor.userId,
        organisation: actor.organisation,
        entryId: row.entry_id ?? row.id,
        marking: row.marking,
        path: 'sitrep',
      },
    ]);
  }
  return forReader(
    actor,
    row,
    await toSitrep(platform.db.kysely, row),
    presidency,
    await platformSettings(platform.db.kysely),
  );
}

/**
 * The sitrep as this reader gets it: with what the reader may do with it (approvers following `presidency`), and without what
 * only its compiler may know: how many entries it saw that not every reader may.
 */
function forReader(
  actor: Actor,
  row: Row,
  sitrep: Omit<Sitrep, 'abilities'>,
  presidency: string | null,
  settings: PlatformSettings,
): Sitrep {
  const abilities = sitrepAbilities(actor, reachOf(row, presidency), approvalOf(row, settings));
  if (isAllowed(sitrepPolicy.seeLeftOutSources, actor, { authorOrg: row.created_org }))
    return { ...sitrep, abilities };
  return { ...sitrep, abilities, sources: { ...sitrep.sources, notVisibleToAll: null } };
}

/** A draft, read and locked inside the write that changes it: a draft published meanwhile is never changed. */
async function draftIn(
  w: WriteContext,
  actor: Actor,
  incidentId: string,
  id: string,
  presidency: string | null,
) {
  const row = await readableIn(w, actor, incidentId, id, presidency);
  if (row.state !== 'draft')
    throw new Conflict(
      'a published sitrep is never changed; compile a correction instead',
      'state',
      'published',
    );
  return row;
}

/** The sitrep as a command returns it to its caller, who may be a contributor or an approver, not the compiler. */
async function reread(w: WriteContext, actor: Actor, id: string, presidency: string | null): Promise<Sitrep> {
  const row = (await w.trx
    .selectFrom('sitreps')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()) as Row;
  return forReader(actor, row, await toSitrep(w.trx, row), presidency, await platformSettings(w.trx));
}

export function editSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  req: EditSitrepRequest,
) {
  return inWrite(platform, { actor }, async (w) => {
    const presidency = await presidencyOf(w.trx, incidentId);
    const row = await draftIn(w, actor, incidentId, id, presidency);
    assertAllowed(
      sitrepPolicy.editSitrep,
      'only the compiling organisation edits the draft',
      actor,
      reachOf(row, presidency),
    );
    if (req.marking && markingRank(req.marking) < markingRank(row.minimum_marking as TlpMarking)) {
      throw new Invalid(
        `marking: may not be below ${row.minimum_marking}, the most restrictive marking of its sources`,
        'marking',
      );
    }
    const sections = JSON.parse(row.sections) as Section[];
    for (const change of req.sections ?? []) {
      const s = sections.find((x) => x.key === change.key);
      if (s) s.text = change.text;
    }
    await w.trx
      .updateTable('sitreps')
      .set({
        sections: JSON.stringify(sections),
        title: req.title ?? row.title,
        marking: req.marking ?? row.marking,
        updated_at: w.now,
      })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'sitrep.edited', subjectType: 'sitrep', subjectId: id });
    return reread(w, actor, id, presidency);
  });
}

export function addContributor(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  organisation: string,
) {
  return inWrite(platform, { actor }, async (w) => {
    const presidency = await presidencyOf(w.trx, incidentId);
    const row = await draftIn(w, actor, incidentId, id, presidency);
    const reach = reachOf(row, presidency);
    assertAllowed(
      sitrepPolicy.editSitrep,
      'only the compiling organisation names contributors',
      actor,
      reach,
    );
    if (!reach.audience.includes(organisation)) {
      throw new Invalid(
        `organisation: ${organisation} is not in the sitrep's audience, so it may not read the draft`,
        'organisation',
      );
    }
    const contributors = [...new Set([...reach.contributors, organisation])];
    await w.trx
      .updateTable('sitreps')
      .set({ contributors: JSON.stringify(contributors), updated_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.audit({
      action: 'sitrep.contributor-added',
      subjectType: 'sitrep',
      subjectId: id,
      details: { organisation },
    });
    return reread(w, actor, id, presidency);
  });
}

export function contribute(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  input: { title: string; text: string },
) {
  return inWrite(platform, { actor }, async (w) => {
    const presidency = await presidencyOf(w.trx, incidentId);
    const row = await draftIn(w, actor, incidentId, id, presidency);
    assertAllowed(
      sitrepPolicy.contributeToSitrep,
      'only named contributors add sections',
      actor,
      reachOf(row, presidency),
    );
    const contributions = JSON.parse(row.contributions) as Sitrep['contributions'];
    const others = contributions.filter((c) => c.organisation !== actor.organisation);
    others.push({
      organisation: actor.organisation,
      author: actor.displayName,
      title: input.title,
      text: input.text,
      at: w.now,
    });
    await w.trx
      .updateTable('sitreps')
      .set({ contributions: JSON.stringify(others), updated_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'sitrep.contributed', subjectType: 'sitrep', subjectId: id });
    return reread(w, actor, id, presidency);
  });
}

/**
 * Approval publishes: the sitrep gets the next number, is frozen, and is distributed to its audience as an entry of
 * the incident's log with the sitrep's marking. The draft is read and locked inside the write, so of two approvals
 * at once the second finds it published (409) instead of publishing it again under the next number.
 */
export function approveSitrep(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  idempotency?: IdempotencyScope,
  reason?: string,
) {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    const incident = await openIncident(w, actor, incidentId);
    const presidency = await presidencyOf(w.trx, incidentId);
    const row = await draftIn(w, actor, incidentId, id, presidency);
    assertAllowed(
      sitrepPolicy.approveSitrepForOrganisation,
      onlyAsRulesSay(sitrepPolicy.approveSitrepForOrganisation),
      actor,
      reachOf(row, presidency),
    );
    // Four eyes, as the platform setting stands in this transaction: a change of it committed before wins.
    const approval = approvalOf(row, await platformSettings(w.trx));
    if (!isAllowed(sitrepPolicy.secondPersonApproves, actor, approval))
      throw new Forbidden(
        'four eyes: you compiled this sitrep, so another person of ERCC or the Presidency approves it',
        undefined,
        'sitrep-four-eyes',
      );
    const last = await w.trx
      .selectFrom('sitreps')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('incident_id', '=', incidentId)
      // Numbered within its series (the same audience and NATO release), whose readers see every sitrep of it: a
      // gap in the numbers would tell them that sitreps for others exist.
      .where('audience', '=', row.audience)
      .where('nato', '=', row.nato)
      .executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const audience = JSON.parse(row.audience) as string[];
    await assertSourcesStillReach(w.trx, JSON.parse(row.sources) as StoredSources, {
      organisations: audience,
      nato: row.nato === 1,
    });
    const entry = await appendEntry(w, {
      incidentId,
      kind: 'sitrep',
      authorUserId: row.created_by,
      authorOrg: row.created_org,
      marking: row.marking,
      audience,
      recipients: [],
      releasableToNato: row.nato === 1,
      body: {
        sitrepId: id,
        number,
        title: row.title,
        text: `SITREP ${number} published: ${row.title}`,
        ...(reason ? { reason } : {}),
      },
    });
    await w.trx
      .updateTable('sitreps')
      .set({
        state: 'published',
        number,
        approved_by: actor.userId,
        approved_org: actor.organisation,
        published_at: w.now,
        updated_at: w.now,
        entry_id: entry.id,
      })
      .where('id', '=', id)
      .execute();
    await w.audit({
      action: 'sitrep.published',
      subjectType: 'sitrep',
      subjectId: id,
      details: { incidentId, number, marking: row.marking },
    });
    // The NATO liaison is told of a sitrep released to it, as far as the sharing rules send it (src/sharing/).
    await notify(w, {
      organisations: [...audience, ...(row.nato === 1 ? ['NATO'] : [])].filter(
        (o) => o !== actor.organisation,
      ),
      kind: 'sitrep-published',
      incidentId: incident.id,
      body: { number, sitrepId: id },
      releasedToNato: row.nato === 1,
    });
    return reread(w, actor, id, presidency);
  });
}

/** A published sitrep never changes: its correction is a new draft that will carry the next number. */
export function correctSitrep(platform: Platform, actor: Actor, incidentId: string, id: string) {
  return inWrite(platform, { actor }, async (w) => {
    const presidency = await presidencyOf(w.trx, incidentId);
    const row = await readableIn(w, actor, incidentId, id, presidency);
    if (row.state !== 'published')
      throw new Conflict('only a published sitrep is corrected; edit the draft instead', 'state', 'draft');
    return compileIn(
      w,
      platform,
      actor,
      incidentId,
      { audience: JSON.parse(row.audience) as string[], releasableToNato: row.nato === 1, title: row.title },
      presidency,
      row,
    );
  });
}

export async function diff(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  fromId: string,
  toId: string,
): Promise<SitrepDiff> {
  const [a, b] = await Promise.all([
    getSitrep(platform, actor, incidentId, fromId),
    getSitrep(platform, actor, incidentId, toId),
  ]);
  return diffSitreps(a, b);
}

/** The sectors and subsectors the report and update entries of a product name, in the order first named. */
function sectorsNamedBy(entries: readonly Entry[]): Array<{ sector: string; subsectors: string[] }> {
  const sectors = new Map<string, string[]>();
  for (const e of entries) {
    if (e.kind !== 'report' && e.kind !== 'update') continue;
    const refs = (e.body as { sectors?: unknown }).sectors;
    for (const ref of Array.isArray(refs) ? (refs as Array<{ sector?: unknown; subsector?: unknown }>) : []) {
      if (typeof ref?.sector !== 'string') continue;
      const subs = sectors.get(ref.sector) ?? [];
      if (typeof ref.subsector === 'string' && !subs.includes(ref.subsector)) subs.push(ref.subsector);
      sectors.set(ref.sector, subs);
    }
  }
  return [...sectors].map(([sector, subsectors]) => ({ sector, subsectors }));
}
