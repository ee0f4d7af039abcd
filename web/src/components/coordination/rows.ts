import type { CoordinationMetrics, IncidentMetrics } from '../../api/coordination.js';

/** The order the Blueprint's steps follow, for rows and columns. */
export const MEASURE_ORDER = [
  'acknowledged',
  'own-assessment',
  'status-changed',
  'activated',
  'first-sitrep',
  'first-public-line',
] as const;
export type MeasureName = (typeof MEASURE_ORDER)[number];

/** The measure as the catalogue names it (the server speaks only these). */
export const measureName = (measure: string) => measure as MeasureName;

export interface StepRow {
  key: string;
  measure: string;
  organisation: string | null;
  seconds: number | null;
  targetSeconds: number | null;
  met: boolean | null;
  earlier: number[];
}

const keyOf = (measure: string, organisation: string | null) => `${measure} ${organisation ?? ''}`;

/** One row per step measured or targeted, in the Blueprint's order, then by organisation. */
export function stepRows(m: CoordinationMetrics): StepRow[] {
  const rows = new Map<string, StepRow>();
  const row = (measure: string, organisation: string | null) => {
    const key = keyOf(measure, organisation);
    let r = rows.get(key);
    if (!r) {
      r = { key, measure, organisation, seconds: null, targetSeconds: null, met: null, earlier: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const x of m.metrics) row(x.measure, x.organisation).seconds = x.seconds;
  for (const t of m.targets)
    Object.assign(row(t.measure, t.organisation), { targetSeconds: t.targetSeconds, met: t.met });
  for (const run of m.earlierRuns)
    for (const x of run.metrics) rows.get(keyOf(x.measure, x.organisation))?.earlier.push(x.seconds);
  const rank = (measure: string) => MEASURE_ORDER.indexOf(measure as (typeof MEASURE_ORDER)[number]);
  return [...rows.values()].sort(
    (a, b) =>
      rank(a.measure) - rank(b.measure) ||
      (a.seconds ?? Number.MAX_SAFE_INTEGER) - (b.seconds ?? Number.MAX_SAFE_INTEGER) ||
      (a.organisation ?? '').localeCompare(b.organisation ?? ''),
  );
}

/** The first time each step was taken in an incident, by anyone: the figure compared across incidents. */
export function firstOfEach(m: IncidentMetrics): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of m.metrics) {
    const known = out.get(x.measure);
    if (known === undefined || x.seconds < known) out.set(x.measure, x.seconds);
  }
  return out;
}
