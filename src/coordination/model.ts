import { z } from 'zod';

/**
 * Coordination metrics on the wire: how long from the first report (in an exercise, the first inject) to each step,
 * as one reader may see them. Measure names are CONTRACT's (`exercise run --json`).
 */
export const MetricView = z.object({
  organisation: z.string().nullable(),
  measure: z.string(),
  seconds: z.number().int(),
});

export const TargetView = z.object({
  measure: z.string(),
  organisation: z.string().nullable(),
  targetSeconds: z.number().int(),
  seconds: z.number().int().nullable(),
  met: z.boolean(),
});

export const RunView = z.object({
  scenarioId: z.string(),
  title: z.string(),
  speed: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** One incident's figures, in a comparison across incidents or across runs of a scenario. */
export const IncidentMetrics = z.object({
  incidentId: z.string(),
  title: z.string(),
  exercise: z.boolean(),
  /** When the clock starts: the first report, or the run's first inject. */
  start: z.string(),
  metrics: z.array(MetricView),
});
export type IncidentMetrics = z.infer<typeof IncidentMetrics>;

export const CoordinationMetrics = IncidentMetrics.extend({
  run: RunView.nullable(),
  /** The scenario's targets against what was measured; empty for a real incident. */
  targets: z.array(TargetView),
  /** Earlier runs of the same scenario, oldest first, measured for the same reader. */
  earlierRuns: z.array(IncidentMetrics),
});
export type CoordinationMetrics = z.infer<typeof CoordinationMetrics>;

export const MetricsOverTime = z.object({ items: z.array(IncidentMetrics) });
export type MetricsOverTime = z.infer<typeof MetricsOverTime>;

export const MetricsOverTimeQuery = z.strictObject({
  exercise: z.enum(['true', 'false']).optional(),
});
