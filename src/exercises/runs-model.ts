import { z } from 'zod';
import { Measure } from './scenario-model.js';

/** A target a scenario set: the step, whose (null for incident-wide ones), and by which minute after the first inject. */
export const ExpectedTarget = z.object({
  measure: Measure,
  organisation: z.string().nullable(),
  by: z.number(),
});
export type ExpectedTarget = z.infer<typeof ExpectedTarget>;

/** One run of a scenario into an exercise incident. */
export const ExerciseRunRecord = z.object({
  incidentId: z.string(),
  scenarioId: z.string(),
  title: z.string(),
  speed: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  targets: z.array(ExpectedTarget),
});
export type ExerciseRunRecord = z.infer<typeof ExerciseRunRecord>;
