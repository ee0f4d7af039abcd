import type { Kysely } from 'kysely';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { inWrite, type WriteContext } from '../platform/db/write.js';
import type { RunPrincipal } from './run-clock.js';
import { type ExerciseRunRecord, ExpectedTarget } from './runs-model.js';
import type { Scenario } from './scenario-model.js';

interface RunStarted {
  incidentId: string;
  scenario: Scenario;
  speed: number;
  startedAt: string;
  /** A CLI run's clock and the principals it stamps for (src/exercises/run-clock.ts); a web session keeps its own. */
  clock?: { timeline: string | null; principals: readonly RunPrincipal[] };
}

/**
 * Which scenario an exercise incident was played from, with the targets it set: recorded in the write that saw its
 * opening report create the incident (a web session's step), or in a write of its own (the CLI's run).
 */
export async function insertRun(w: WriteContext, run: RunStarted): Promise<void> {
  const targets = run.scenario.expected.map((e) =>
    ExpectedTarget.parse({ measure: e.measure, organisation: e.organisation ?? null, by: e.by }),
  );
  await w.trx
    .insertInto('exercise_runs')
    .values({
      incident_id: run.incidentId,
      scenario_id: run.scenario.id,
      title: run.scenario.title,
      speed: run.speed,
      started_at: run.startedAt,
      finished_at: null,
      targets: JSON.stringify(targets),
      timeline: run.clock?.timeline ?? null,
      principals: JSON.stringify(run.clock?.principals ?? []),
    })
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .execute();
  await w.audit({
    action: 'exercise.run-started',
    subjectType: 'incident',
    subjectId: run.incidentId,
    details: { scenario: run.scenario.id, speed: run.speed },
  });
}

export function recordRunStarted(platform: Platform, run: RunStarted): Promise<void> {
  return inWrite(platform, { actor: { userId: null, organisation: null } }, (w) => insertRun(w, run));
}

/** The run's last step was played. */
export async function finishRun(db: Kysely<Database>, incidentId: string, at: string): Promise<void> {
  await db
    .updateTable('exercise_runs')
    .set({ finished_at: at })
    .where('incident_id', '=', incidentId)
    .execute();
}

export function recordRunFinished(platform: Platform, incidentId: string, at: string): Promise<void> {
  return finishRun(platform.db.kysely, incidentId, at);
}

function runOf(row: {
  incident_id: string;
  scenario_id: string;
  title: string;
  speed: number;
  started_at: string;
  finished_at: string | null;
  targets: string;
}): ExerciseRunRecord {
  return {
    incidentId: row.incident_id,
    scenarioId: row.scenario_id,
    title: row.title,
    speed: Number(row.speed),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    targets: ExpectedTarget.array().parse(JSON.parse(row.targets)),
  };
}

/** When each run was played, newest first, for the exercise history. */
export async function allRuns(db: Kysely<Database>): Promise<ExerciseRunRecord[]> {
  const rows = await db.selectFrom('exercise_runs').selectAll().orderBy('started_at', 'desc').execute();
  return rows.map(runOf);
}
