import type { Kysely } from 'kysely';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { inWrite } from '../platform/db/write.js';
import { type ExerciseRunRecord, ExpectedTarget } from './runs-model.js';
import type { Scenario } from './scenario-model.js';

/**
 * Which scenario an exercise incident was played from, with the targets it set: recorded when its opening report
 * created the incident, finished when the last step ran.
 */
export async function recordRunStarted(
  platform: Platform,
  run: { incidentId: string; scenario: Scenario; speed: number; startedAt: string },
): Promise<void> {
  const targets = run.scenario.expected.map((e) =>
    ExpectedTarget.parse({ measure: e.measure, organisation: e.organisation ?? null, by: e.by }),
  );
  await inWrite(platform, { actor: { userId: null, organisation: null } }, async (w) => {
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
      })
      .execute();
    await w.audit({
      action: 'exercise.run-started',
      subjectType: 'incident',
      subjectId: run.incidentId,
      details: { scenario: run.scenario.id, speed: run.speed },
    });
  });
}

export async function recordRunFinished(platform: Platform, incidentId: string, at: string): Promise<void> {
  await platform.db.kysely
    .updateTable('exercise_runs')
    .set({ finished_at: at })
    .where('incident_id', '=', incidentId)
    .execute();
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
