import { uuidv7 } from 'uuidv7';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import { type IdempotencyScope, inWrite } from '../platform/db/write.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { platformSettings } from '../settings/flows.js';
import {
  readExerciseCompliance,
  recordOutsideExercise as recordRules,
} from '../sharing/coordination-metrics.js';
import { assertAllowed } from '../sharing/policy.js';
import type { ExerciseCompliance, HeldExercise, RecordOutsideExercise } from './compliance-model.js';
import { exerciseStanding } from './compliance-rules.js';
import { allRuns } from './runs.js';

/** Records an exercise held outside the platform, with its report; audited. */
export function recordOutsideExercise(
  platform: Platform,
  actor: Actor,
  req: RecordOutsideExercise,
  idempotency?: IdempotencyScope,
): Promise<HeldExercise> {
  return inWrite(platform, { actor, idempotency }, async (w) => {
    assertAllowed(
      recordRules,
      'only platform administrators record exercises held outside the platform',
      actor,
    );
    if (req.heldOn > w.now.slice(0, 10))
      throw new Invalid('heldOn: an exercise is recorded once it has been held', 'heldOn');
    const id = uuidv7();
    await w.trx
      .insertInto('outside_exercises')
      .values({
        id,
        held_on: req.heldOn,
        title: req.title,
        report_name: req.report.name,
        report_type: req.report.type,
        report: req.report.content,
        recorded_by: actor.userId,
        recorded_at: w.now,
      })
      .execute();
    await w.audit({
      action: 'exercise.outside-recorded',
      subjectType: 'outside-exercise',
      subjectId: id,
      details: { heldOn: req.heldOn, title: req.title, report: req.report.name },
    });
    return {
      where: 'outside',
      id,
      title: req.title,
      heldOn: req.heldOn,
      scenarioId: null,
      incidentId: null,
      reportName: req.report.name,
    };
  });
}

/** The exercise history and what it says against the Recommendation: first exercise due by, last one how long ago. */
export async function exerciseCompliance(platform: Platform, actor: Actor): Promise<ExerciseCompliance> {
  assertAllowed(readExerciseCompliance, 'only platform administrators read the exercise history', actor);
  const db = platform.db.kysely;
  const [settings, runs, outside] = await Promise.all([
    platformSettings(db),
    allRuns(db),
    db.selectFrom('outside_exercises').select(['id', 'held_on', 'title', 'report_name']).execute(),
  ]);
  const history: HeldExercise[] = [
    ...runs.map((r) => ({
      where: 'platform' as const,
      id: r.incidentId,
      title: r.title,
      heldOn: r.startedAt.slice(0, 10),
      scenarioId: r.scenarioId,
      incidentId: r.incidentId,
      reportName: null,
    })),
    ...outside.map((o) => ({
      where: 'outside' as const,
      id: o.id,
      title: o.title,
      heldOn: o.held_on,
      scenarioId: null,
      incidentId: null,
      reportName: o.report_name,
    })),
  ].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const standing = exerciseStanding(
    settings.recommendationAdoptedOn,
    history.map((h) => h.heldOn),
    platform.clock.now().toISOString(),
  );
  return { ...standing, history };
}

/** The report kept with an exercise held outside the platform. */
export async function outsideExerciseReport(platform: Platform, actor: Actor, id: string) {
  assertAllowed(readExerciseCompliance, 'only platform administrators read the exercise history', actor);
  const row = await platform.db.kysely
    .selectFrom('outside_exercises')
    .select(['report_name', 'report_type', 'report'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`no recorded exercise ${id}`);
  return { name: row.report_name, type: row.report_type, content: Buffer.from(row.report, 'base64') };
}
