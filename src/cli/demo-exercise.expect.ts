import { expect } from 'vitest';
import { coordinationMetrics } from '../coordination/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/** What the demo's run of the Baltic scenario must show on its metrics page (demo.test.ts). */
export async function expectExerciseDemo(platform: Platform, actor: (email: string) => Promise<Actor>) {
  const ee = await actor('coordinator.ee@exercise.blueprint.example');
  const run = await platform.db.kysely
    .selectFrom('exercise_runs')
    .select('incident_id')
    .where('scenario_id', '=', 'baltic-cables')
    .executeTakeFirstOrThrow();
  const metrics = await coordinationMetrics(platform, ee, run.incident_id);
  expect(metrics.exercise).toBe(true);
  expect(metrics.run).toMatchObject({ scenarioId: 'baltic-cables', speed: 0 });
  expect(metrics.metrics).toContainEqual({ organisation: 'DE', measure: 'own-assessment', seconds: 12 * 60 });
  expect(metrics.targets.find((t) => t.measure === 'first-sitrep')).toMatchObject({ met: true });
}
