import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { notifyReportDistributed } from '../alerting/report-distributed.js';
import { metricsForEveryReader } from '../coordination/flows.js';
import { listEntries } from '../entries/flows.js';
import { entryForEveryReader } from '../entries/product-names.js';
import { openIncident } from '../incidents/flows.js';
import { loadIncidentLog, visibleIncidentRow } from '../incidents/reader-log.js';
import { incidentView } from '../incidents/view-rules.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { inWrite, type WriteContext } from '../platform/db/write.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { readerLanguage } from '../platform/language.js';
import * as policy from '../sharing/after-action.js';
import { markingRank, mostRestrictive, type TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import { compileProduct } from '../sharing/products.js';
import { readFollowUp } from '../sharing/recommendation-follow-up.js';
import { reachOfEntry } from '../sitreps/entry-reach.js';
import { type StoredSources, sourcesStillReach } from '../sitreps/sources.js';
import { latestFollowUps } from './follow-up-flows.js';
import type { FollowUp } from './follow-up-record.js';
import type {
  AfterActionReport,
  DraftReportRequest,
  EditReportRequest,
  Recommendation,
  RecommendationChange,
  RecommendationRequest,
  RecommendationStatus,
  ReportSection,
  ReportSectionKey,
} from './model.js';
import { reachOf } from './reach.js';
import { isOverdue, prefillReport } from './rules.js';
import * as store from './store.js';

/** What a draft shows in place of its sections once a source no longer reaches all of its readers. */
export const REPORT_NARROWED_NOTICE =
  'A source of this report no longer reaches every reader of it: its text is not shown. Draft the report again.';

/** A report the actor may read; otherwise 404, so its existence is not revealed either. */
async function readable(
  db: Kysely<Database>,
  actor: Actor,
  incidentId: string,
  id: string,
  forUpdate = false,
): Promise<store.ReportRow> {
  const row = await store.reportRow(db, id, forUpdate);
  if (!row || row.incident_id !== incidentId || !isAllowed(policy.readReport, actor, reachOf(row)))
    throw new NotFound(`no report ${id}`);
  return row;
}

/** The report, read and locked inside the write that decides on it. */
function readableIn(w: WriteContext, actor: Actor, incidentId: string, id: string) {
  return readable(w.trx, actor, incidentId, id, w.engine === 'postgres');
}

function recommendationFor(
  actor: Actor,
  reach: policy.ReportReach,
  r: store.RecommendationRow,
  now: Date,
  followUps: ReadonlyMap<string, FollowUp>,
): Recommendation {
  const status = r.status as RecommendationStatus;
  const followUp = followUps.get(r.id);
  return {
    id: r.id,
    reportId: r.report_id,
    incidentId: r.incident_id,
    text: r.text,
    owner: r.owner_org,
    dueDate: r.due_date,
    status,
    overdue: isOverdue(status, r.due_date, now),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    followUp: followUp && isAllowed(readFollowUp, actor, reach, { owner: r.owner_org }) ? followUp : null,
    abilities: {
      setStatus: isAllowed(policy.updateRecommendationStatus, actor, reach, { owner: r.owner_org }),
      plan: isAllowed(policy.planRecommendation, actor, reach),
    },
  };
}

async function toReport(
  db: Kysely<Database>,
  platform: Platform,
  actor: Actor,
  row: store.ReportRow,
): Promise<AfterActionReport> {
  const reach = reachOf(row);
  const stored = JSON.parse(row.sources) as StoredSources;
  const people = await store.peopleNamed(db, [row.created_by, row.reviewed_by]);
  // A draft whose source was narrowed since drafting shows no text: its readers may no longer see that source.
  const narrowed =
    row.state !== 'distributed' &&
    !(await sourcesStillReach(db, stored, { organisations: reach.audience, nato: reach.nato }));
  const sections = (JSON.parse(row.sections) as ReportSection[]).map((s) =>
    narrowed ? { ...s, text: REPORT_NARROWED_NOTICE } : s,
  );
  const now = platform.clock.now();
  const rows = await store.recommendationsOf(db, [row.id]);
  const followUps = await latestFollowUps(
    db,
    rows.map((r) => r.id),
  );
  const recommendations = rows.map((r) => recommendationFor(actor, reach, r, now, followUps));
  return {
    id: row.id,
    incidentId: row.incident_id,
    state: reach.state,
    title: row.title,
    audience: [...reach.audience],
    releasableToNato: reach.nato,
    marking: row.marking as TlpMarking,
    minimumMarking: row.minimum_marking as TlpMarking,
    sections,
    metrics: JSON.parse(row.metrics) as AfterActionReport['metrics'],
    sources: {
      entries: stored.entries,
      notVisibleToAll: isAllowed(policy.seeLeftOutReportSources, actor, reach)
        ? stored.notVisibleToAll
        : null,
    },
    createdBy: { name: people.get(row.created_by) ?? row.created_by, organisation: row.created_org },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    reviewedBy:
      row.reviewed_by && row.reviewed_at
        ? { name: people.get(row.reviewed_by) ?? row.reviewed_by, at: row.reviewed_at }
        : null,
    distributedAt: row.distributed_at,
    recommendations,
    abilities: {
      edit: isAllowed(policy.editReport, actor, reach),
      review: isAllowed(policy.reviewReport, actor, reach),
      distribute: isAllowed(policy.distributeReport, actor, reach),
      planRecommendations: isAllowed(policy.planRecommendation, actor, reach),
      writeSections: sections
        .filter((s) => isAllowed(policy.writeSection, actor, reach, { owner: s.owner }))
        .map((s) => s.key),
    },
  };
}

/**
 * Drafts the report for a chosen audience from what every reader of it may see: who drafts, whether the incident is
 * over and which entries go in are decided on the log as it stands in this write.
 */
export function draftReport(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  req: DraftReportRequest,
): Promise<AfterActionReport> {
  return inWrite(platform, { actor }, async (w) => {
    assertAllowed(policy.draftReport, onlyAsRulesSay(policy.draftReport), actor);
    const incident = await openIncident(w, actor, incidentId);
    const log = await loadIncidentLog(w.trx, actor, incidentId, incident.row);
    const view = incidentView(log, actor, new Date(w.now));
    const over = {
      deactivated: view.activation.state === 'deactivated',
      exercise: incident.row.exercise === 1,
    };
    if (!isAllowed(policy.incidentReportable, over))
      throw new Conflict(
        'a post-incident report is drafted once the Blueprint is deactivated for the incident (or for an exercise)',
        'state',
        'not-deactivated',
      );
    if (req.releasableToNato && !incident.releasableToNato)
      throw new Invalid('releasableToNato: this incident is not released to NATO', 'releasableToNato');
    // The drafter and CERG, which reviews it, are always among its readers.
    const audience = [
      ...new Set([actor.organisation, policy.REVIEWING_ORGANISATION, ...req.audience]),
    ].sort();
    const productAudience = { organisations: audience, nato: req.releasableToNato };
    const visible = (await listEntries(platform, actor, incidentId, {}, w.trx)).filter(
      (e) => e.kind !== 'reach-change',
    );
    const product = compileProduct(visible, reachOfEntry, productAudience, {
      compiledBy: actor.organisation,
      leavesPlatform: false,
    });
    const forEveryReader = product.included.map((e) => entryForEveryReader(e, productAudience));
    // The metrics page's measure over what every reader may see (an exercise in scenario time), not a second one.
    const metrics = await metricsForEveryReader(w.trx, incident.row, forEveryReader, productAudience);
    const sections = prefillReport({
      title: view.title,
      entries: forEveryReader,
      metrics,
      deactivatedAt: view.activation.deactivatedAt,
      closingSummary: view.activation.closingSummary,
      exercise: over.exercise,
      // Written in the drafter's language, as a sitrep's first draft is.
      language: readerLanguage(actor),
    });
    const minimum = mostRestrictive([product.marking, 'TLP:GREEN']);
    const id = uuidv7();
    const row: store.ReportRow = {
      id,
      incident_id: incidentId,
      state: 'draft',
      title: req.title ?? `Post-incident report: ${view.title}`,
      audience: JSON.stringify(audience),
      nato: req.releasableToNato ? 1 : 0,
      marking: minimum,
      minimum_marking: minimum,
      sections: JSON.stringify(sections),
      metrics: JSON.stringify(metrics),
      sources: JSON.stringify({
        entries: product.included.length,
        notVisibleToAll: product.notVisibleToAll,
        entryIds: product.included.map((e) => e.id),
      } satisfies StoredSources),
      created_by: actor.userId,
      created_org: actor.organisation,
      created_at: w.now,
      updated_at: w.now,
      reviewed_by: null,
      reviewed_at: null,
      distributed_by: null,
      distributed_at: null,
    };
    await w.trx.insertInto('after_action_reports').values(row).execute();
    await w.audit({
      action: 'after-action.drafted',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { incidentId, audience, marking: minimum },
    });
    return toReport(w.trx, platform, actor, row);
  });
}

/** The reports the actor may read, and whether it may draft one now (the web decides nothing itself). */
export async function listReports(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<{ items: AfterActionReport[]; canDraft: boolean }> {
  const db = platform.db.kysely;
  // Not knowing whether the incident exists is part of not being allowed to see it.
  const incident = await visibleIncidentRow(db, actor, incidentId);
  const rows = await store.reportRowsOf(db, incidentId);
  const items: AfterActionReport[] = [];
  for (const row of rows)
    if (isAllowed(policy.readReport, actor, reachOf(row)))
      items.push(await toReport(db, platform, actor, row));
  let canDraft = isAllowed(policy.draftReport, actor);
  if (canDraft) {
    const view = incidentView(
      await loadIncidentLog(db, actor, incidentId, incident),
      actor,
      platform.clock.now(),
    );
    canDraft = isAllowed(policy.incidentReportable, {
      deactivated: view.activation.state === 'deactivated',
      exercise: incident.exercise === 1,
    });
  }
  return { items, canDraft };
}

export async function getReport(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
): Promise<AfterActionReport> {
  await visibleIncidentRow(platform.db.kysely, actor, incidentId);
  const row = await readable(platform.db.kysely, actor, incidentId, id);
  if (row.state === 'distributed')
    platform.accessLog.record([
      {
        userId: actor.userId,
        organisation: actor.organisation,
        entryId: row.id,
        marking: row.marking,
        path: 'report',
      },
    ]);
  return toReport(platform.db.kysely, platform, actor, row);
}

async function reread(w: WriteContext, platform: Platform, actor: Actor, id: string) {
  const row = await store.reportRow(w.trx, id);
  if (!row) throw new NotFound(`no report ${id}`);
  return toReport(w.trx, platform, actor, row);
}

function sectionsOf(row: store.ReportRow): ReportSection[] {
  return JSON.parse(row.sections) as ReportSection[];
}

function sectionIn(sections: ReportSection[], key: ReportSectionKey): ReportSection {
  const s = sections.find((x) => x.key === key);
  if (!s) throw new NotFound(`no section ${key}`);
  return s;
}

export function editReport(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  req: EditReportRequest,
) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    assertAllowed(policy.editReport, onlyAsRulesSay(policy.editReport), actor, reachOf(row));
    if (req.marking && markingRank(req.marking) < markingRank(row.minimum_marking as TlpMarking))
      throw new Invalid(
        `marking: may not be below ${row.minimum_marking}, the most restrictive marking of its sources`,
        'marking',
      );
    await store.updateReport(w.trx, id, {
      title: req.title ?? row.title,
      marking: req.marking ?? row.marking,
      updated_at: w.now,
    });
    await w.audit({ action: 'after-action.edited', subjectType: 'after-action-report', subjectId: id });
    return reread(w, platform, actor, id);
  });
}

/** A section goes to an organisation of the audience, who then writes it; null gives it back to the drafter. */
export function assignSection(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  key: ReportSectionKey,
  owner: string | null,
) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    const reach = reachOf(row);
    assertAllowed(policy.editReport, onlyAsRulesSay(policy.editReport), actor, reach);
    if (owner !== null && !reach.audience.includes(owner))
      throw new Invalid(
        `owner: ${owner} is not in the report's audience, so it may not read the report`,
        'owner',
      );
    const sections = sectionsOf(row);
    sectionIn(sections, key).owner = owner;
    await store.updateReport(w.trx, id, { sections: JSON.stringify(sections), updated_at: w.now });
    await w.audit({
      action: 'after-action.section-assigned',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { section: key, owner },
    });
    return reread(w, platform, actor, id);
  });
}

export function writeSection(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  key: ReportSectionKey,
  text: string,
) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    const sections = sectionsOf(row);
    const section = sectionIn(sections, key);
    assertAllowed(policy.writeSection, onlyAsRulesSay(policy.writeSection), actor, reachOf(row), {
      owner: section.owner,
    });
    section.text = text;
    section.writtenBy = { name: actor.displayName, organisation: actor.organisation, at: w.now };
    await store.updateReport(w.trx, id, { sections: JSON.stringify(sections), updated_at: w.now });
    await w.audit({
      action: 'after-action.section-written',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { section: key },
    });
    return reread(w, platform, actor, id);
  });
}

export function reviewReport(platform: Platform, actor: Actor, incidentId: string, id: string) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    if (row.state !== 'draft') throw new Conflict(`the report is already ${row.state}`, 'state', row.state);
    assertAllowed(policy.reviewReport, onlyAsRulesSay(policy.reviewReport), actor, reachOf(row));
    await store.updateReport(w.trx, id, {
      state: 'reviewed',
      reviewed_by: actor.userId,
      reviewed_at: w.now,
      updated_at: w.now,
    });
    await w.audit({ action: 'after-action.reviewed', subjectType: 'after-action-report', subjectId: id });
    return reread(w, platform, actor, id);
  });
}

/**
 * Distribution presents the reviewed report to its audience. Its sources are checked again in this write: a reach
 * narrowed after drafting would otherwise hand readers text they may no longer see.
 */
export function distributeReport(platform: Platform, actor: Actor, incidentId: string, id: string) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    const reach = reachOf(row);
    if (row.state === 'distributed')
      throw new Conflict('the report is already distributed', 'state', row.state);
    if (row.state !== 'reviewed')
      throw new Conflict('CERG reviews the report before it is distributed', 'state', 'not-reviewed');
    assertAllowed(policy.distributeReport, onlyAsRulesSay(policy.distributeReport), actor, reach);
    const stored = JSON.parse(row.sources) as StoredSources;
    if (!(await sourcesStillReach(w.trx, stored, { organisations: reach.audience, nato: reach.nato })))
      throw new Conflict(
        'a source of this report no longer reaches every reader of it (its reach was narrowed): draft it again',
        'sources',
        'sources-narrowed',
      );
    await store.updateReport(w.trx, id, {
      state: 'distributed',
      distributed_by: actor.userId,
      distributed_at: w.now,
      updated_at: w.now,
    });
    await w.audit({
      action: 'after-action.distributed',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { incidentId, audience: reach.audience, marking: row.marking },
    });
    await notifyReportDistributed(w, {
      incidentId,
      reportId: id,
      by: actor.organisation,
      audience: reach.audience,
      nato: reach.nato,
    });
    return reread(w, platform, actor, id);
  });
}

export function addRecommendation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  req: RecommendationRequest,
) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    const reach = reachOf(row);
    assertAllowed(policy.planRecommendation, onlyAsRulesSay(policy.planRecommendation), actor, reach);
    assertOwnerReads(reach, req.owner);
    const recId = uuidv7();
    await w.trx
      .insertInto('after_action_recommendations')
      .values({
        id: recId,
        report_id: id,
        incident_id: incidentId,
        text: req.text,
        owner_org: req.owner,
        due_date: req.dueDate,
        status: 'open',
        created_by: actor.userId,
        created_at: w.now,
        updated_by: actor.userId,
        updated_at: w.now,
      })
      .execute();
    await w.audit({
      action: 'after-action.recommendation-added',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { recommendationId: recId, owner: req.owner, dueDate: req.dueDate },
    });
    return reread(w, platform, actor, id);
  });
}

/** The owner must be among the report's readers, or it could never read what it is asked to do. */
function assertOwnerReads(reach: policy.ReportReach, owner: string) {
  if (!reach.audience.includes(owner))
    throw new Invalid(`owner: ${owner} is not in the report's audience`, 'owner');
}

/**
 * Status is the owner's to report (or the drafter's and CERG's); text, owner and due date are re-planned only by the
 * drafter and CERG.
 */
export function changeRecommendation(
  platform: Platform,
  actor: Actor,
  incidentId: string,
  id: string,
  recommendationId: string,
  req: RecommendationChange,
) {
  return inWrite(platform, { actor }, async (w) => {
    const row = await readableIn(w, actor, incidentId, id);
    const reach = reachOf(row);
    const rec = (await store.recommendationsOf(w.trx, [id])).find((r) => r.id === recommendationId);
    if (!rec) throw new NotFound(`no recommendation ${recommendationId}`);
    const replans = req.text !== undefined || req.owner !== undefined || req.dueDate !== undefined;
    if (replans)
      assertAllowed(policy.planRecommendation, onlyAsRulesSay(policy.planRecommendation), actor, reach);
    if (req.status !== undefined)
      assertAllowed(
        policy.updateRecommendationStatus,
        onlyAsRulesSay(policy.updateRecommendationStatus),
        actor,
        reach,
        { owner: rec.owner_org },
      );
    if (req.owner !== undefined) assertOwnerReads(reach, req.owner);
    await w.trx
      .updateTable('after_action_recommendations')
      .set({
        text: req.text ?? rec.text,
        owner_org: req.owner ?? rec.owner_org,
        due_date: req.dueDate ?? rec.due_date,
        status: req.status ?? rec.status,
        updated_by: actor.userId,
        updated_at: w.now,
      })
      .where('id', '=', recommendationId)
      .execute();
    await w.audit({
      action: 'after-action.recommendation-changed',
      subjectType: 'after-action-report',
      subjectId: id,
      details: { recommendationId, ...req },
    });
    return reread(w, platform, actor, id);
  });
}

/** Every recommendation the caller may read, across incidents: those of reports it may read. */
export async function listRecommendations(
  platform: Platform,
  actor: Actor,
  filter: { overdue?: boolean } = {},
): Promise<Recommendation[]> {
  const db = platform.db.kysely;
  const reports = (await store.reportsWithRecommendations(db)).filter((row) =>
    isAllowed(policy.readReport, actor, reachOf(row)),
  );
  const reach = new Map(reports.map((r) => [r.id, reachOf(r)]));
  const now = platform.clock.now();
  const rows = await store.recommendationsOf(db, [...reach.keys()]);
  const followUps = await latestFollowUps(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => recommendationFor(actor, reach.get(r.report_id)!, r, now, followUps))
    .filter((r) => filter.overdue === undefined || r.overdue === filter.overdue);
}

/**
 * How many recommendations are overdue per owning organisation, without their text or incident: the figure the
 * admin page shows, where platform admins read no content.
 */
export async function overdueCounts(
  platform: Platform,
  actor: Actor,
): Promise<Array<{ owner: string; overdue: number }>> {
  assertAllowed(policy.seeOverdueCounts, onlyAsRulesSay(policy.seeOverdueCounts), actor);
  const now = platform.clock.now();
  const rows = await platform.db.kysely
    .selectFrom('after_action_recommendations')
    .select(['owner_org', 'status', 'due_date'])
    .where('status', 'in', ['open', 'in-progress'])
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows)
    if (isOverdue(r.status as RecommendationStatus, r.due_date, now))
      counts.set(r.owner_org, (counts.get(r.owner_org) ?? 0) + 1);
  return [...counts]
    .map(([owner, overdue]) => ({ owner, overdue }))
    .sort((a, b) => a.owner.localeCompare(b.owner));
}
