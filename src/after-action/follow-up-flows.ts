import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { inWrite } from '../platform/db/write.js';
import { NotFound } from '../platform/errors.js';
import { readReport } from '../sharing/after-action.js';
import type { TlpMarking } from '../sharing/model.js';
import { assertAllowed, isAllowed, onlyAsRulesSay } from '../sharing/policy.js';
import * as policy from '../sharing/recommendation-follow-up.js';
import type {
  FollowUp,
  FollowUpFilter,
  FollowUpStatus,
  RecommendationForUs,
  RecordFollowUpRequest,
} from './follow-up-model.js';
import { statusAfterFollowUp } from './follow-up-rules.js';
import * as followUps from './follow-up-store.js';
import type { RecommendationStatus } from './model.js';
import { reachOf } from './reach.js';
import { isOverdue } from './rules.js';
import type { RecommendationRow } from './store.js';
import * as store from './store.js';

/**
 * Every follow-up these recommendations show, oldest first per recommendation, with who recorded it: those of the
 * organisation each is addressed to now (`showFollowUp`).
 */
async function followUpsByRecommendation(
  db: Kysely<Database>,
  recommendationIds: readonly string[],
): Promise<Map<string, FollowUp[]>> {
  const recorded = (await followUps.followUpsOf(db, recommendationIds)).filter((f) =>
    isAllowed(policy.showFollowUp, { owner: f.owner_org }, { organisation: f.organisation }),
  );
  const people = await store.peopleNamed(
    db,
    recorded.map((f) => f.recorded_by),
  );
  const byRecommendation = new Map<string, FollowUp[]>();
  for (const f of recorded)
    byRecommendation.set(f.recommendation_id, [
      ...(byRecommendation.get(f.recommendation_id) ?? []),
      {
        id: f.id,
        status: f.status as FollowUpStatus,
        note: f.note,
        recordedBy: { name: people.get(f.recorded_by) ?? f.recorded_by, organisation: f.organisation },
        recordedAt: f.recorded_at,
      },
    ]);
  return byRecommendation;
}

/** The latest follow-up of each of these recommendations that has one, for the report's own view. */
export async function latestFollowUps(
  db: Kysely<Database>,
  recommendationIds: readonly string[],
): Promise<Map<string, FollowUp>> {
  const all = await followUpsByRecommendation(db, recommendationIds);
  return new Map([...all].flatMap(([id, list]) => (list.length > 0 ? [[id, list.at(-1)!] as const] : [])));
}

/** The recommendations as this reader may see them, with their report, incident and follow-ups. */
async function present(
  db: Kysely<Database>,
  actor: Actor,
  recommendations: readonly RecommendationRow[],
  now: Date,
): Promise<RecommendationForUs[]> {
  const reports = new Map(
    (
      await followUps.reportsByIds(
        db,
        recommendations.map((r) => r.report_id),
      )
    ).map((r) => [r.id, r]),
  );
  const readable = recommendations.flatMap((rec) => {
    const report = reports.get(rec.report_id);
    if (!report) return [];
    const reach = reachOf(report);
    return isAllowed(policy.readRecommendationForUs, actor, reach, { owner: rec.owner_org })
      ? [{ rec, report, reach }]
      : [];
  });
  const incidents = new Map(
    (
      await followUps.incidentsByIds(
        db,
        readable.map((r) => r.rec.incident_id),
      )
    ).map((i) => [i.id, i]),
  );
  const recorded = await followUpsByRecommendation(
    db,
    readable.map((r) => r.rec.id),
  );
  return readable.map(({ rec, report, reach }) => {
    const incident = incidents.get(rec.incident_id);
    const history = recorded.get(rec.id) ?? [];
    const status = rec.status as RecommendationStatus;
    return {
      id: rec.id,
      text: rec.text,
      dueDate: rec.due_date,
      status,
      overdue: isOverdue(status, rec.due_date, now),
      report: {
        id: report.id,
        title: report.title,
        marking: report.marking as TlpMarking,
        distributedAt: report.distributed_at ?? report.updated_at,
      },
      incident: {
        id: rec.incident_id,
        title: incident?.title ?? '',
        exercise: Number(incident?.exercise ?? 0) === 1,
      },
      followUp: history.at(-1) ?? null,
      history,
      abilities: {
        recordFollowUp: isAllowed(policy.recordFollowUp, actor, reach, { owner: rec.owner_org }),
      },
    };
  });
}

/**
 * "Recommendations for us": every recommendation addressed to the reader's organisation across the distributed
 * reports it may read, by due date; `followUp` keeps those whose latest follow-up has that status (`none`: not
 * followed up yet).
 */
export async function recommendationsForUs(
  platform: Platform,
  actor: Actor,
  filter: { followUp?: FollowUpFilter | undefined } = {},
): Promise<RecommendationForUs[]> {
  assertAllowed(policy.haveRecommendationsForUs, onlyAsRulesSay(policy.haveRecommendationsForUs), actor);
  const db = platform.db.kysely;
  const items = await present(
    db,
    actor,
    await followUps.recommendationsAddressedTo(db, actor.organisation),
    platform.clock.now(),
  );
  const wanted = filter.followUp;
  if (wanted === undefined) return items;
  return items.filter((i) => (i.followUp?.status ?? 'none') === wanted);
}

/**
 * The addressed organisation records what it does with a recommendation: the follow-up is kept with its note and
 * time, and moves the recommendation's tracked status. Decided on the recommendation and its report as this write
 * reads them; a recommendation the caller may not read is 404, so it is not revealed either.
 */
export function recordFollowUp(
  platform: Platform,
  actor: Actor,
  recommendationId: string,
  req: RecordFollowUpRequest,
): Promise<RecommendationForUs> {
  return inWrite(platform, { actor }, async (w) => {
    const rec = await followUps.recommendationById(w.trx, recommendationId, w.engine === 'postgres');
    const report = rec && (await store.reportRow(w.trx, rec.report_id));
    if (!rec || !report || !isAllowed(readReport, actor, reachOf(report)))
      throw new NotFound(`no recommendation ${recommendationId}`);
    assertAllowed(policy.recordFollowUp, onlyAsRulesSay(policy.recordFollowUp), actor, reachOf(report), {
      owner: rec.owner_org,
    });
    const id = uuidv7();
    await followUps.insertFollowUp(w.trx, {
      id,
      recommendation_id: rec.id,
      report_id: rec.report_id,
      organisation: actor.organisation,
      status: req.status,
      note: req.note,
      recorded_by: actor.userId,
      recorded_at: w.now,
    });
    const status = statusAfterFollowUp(req.status);
    await followUps.setRecommendationStatus(w.trx, rec.id, {
      status,
      updated_by: actor.userId,
      updated_at: w.now,
    });
    await w.audit({
      action: 'after-action.follow-up-recorded',
      subjectType: 'after-action-report',
      subjectId: rec.report_id,
      details: { recommendationId: rec.id, followUpId: id, followUp: req.status, status },
    });
    const [item] = await present(w.trx, actor, [{ ...rec, status }], new Date(w.now));
    if (!item) throw new NotFound(`no recommendation ${recommendationId}`);
    return item;
  });
}
