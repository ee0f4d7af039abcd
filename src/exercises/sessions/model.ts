import { z } from 'zod';
import { ReportingStage } from '../../incidents/model.js';

/** As large as a scenario file may be (scenario-file.ts, which the web app cannot import). */
const MAX_SCENARIO_BYTES = 512 * 1024;

/** The paces a facilitator chooses from: real time, ten times and sixty times (an hour a minute). */
export const SPEEDS = [1, 10, 60] as const;
export const Speed = z.literal(SPEEDS, { error: '1, 10 or 60 times real time' });

/** A built-in scenario (a file in scenarios/) by its name, or a facilitator's own scenario file as uploaded text. */
export const StartSessionRequest = z.union([
  z.strictObject({
    builtIn: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'the name of a file in scenarios/, without .yaml'),
    speed: Speed,
  }),
  z.strictObject({ yaml: z.string().min(1).max(MAX_SCENARIO_BYTES), speed: Speed }),
]);
export type StartSessionRequest = z.infer<typeof StartSessionRequest>;

export const SessionState = z.enum(['running', 'paused', 'finished']);

export const SessionStep = z.object({
  /** Minutes of scenario time after the first inject. */
  at: z.number(),
  label: z.string(),
  done: z.boolean(),
});

export const ExerciseSession = z.object({
  id: z.string(),
  scenarioId: z.string(),
  title: z.string(),
  speed: z.number(),
  state: SessionState,
  stepsDone: z.number(),
  stepsTotal: z.number(),
  /** Scenario time reached now, in minutes after the first inject. */
  scenarioMinutes: z.number(),
  next: SessionStep.nullable(),
  steps: z.array(SessionStep),
  incidentId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedByOrganisation: z.string(),
  /** Who an ad-hoc update may be written as: the scenario's principals. */
  principals: z.array(z.object({ handle: z.string(), organisation: z.string(), name: z.string() })),
  abilities: z.object({ pause: z.boolean(), resume: z.boolean(), inject: z.boolean() }),
});
export type ExerciseSession = z.infer<typeof ExerciseSession>;

/**
 * An inject a facilitator adds while the exercise runs: a note or a media report from exercise control, or an
 * update written as one of the scenario's principals.
 */
export const AdHocInject = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('note'), text: z.string().trim().min(1).max(20000) }),
  z.strictObject({
    kind: z.literal('media-report'),
    outlet: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(20000),
  }),
  z.strictObject({
    kind: z.literal('update'),
    as: z.string().min(1).max(63),
    stage: ReportingStage,
    text: z.string().trim().min(1).max(20000),
  }),
]);
export type AdHocInject = z.infer<typeof AdHocInject>;

export const BuiltInScenario = z.object({ name: z.string(), id: z.string(), title: z.string() });
