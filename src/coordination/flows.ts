import type { Kysely } from 'kysely';
import type { Entry } from '../entries/model.js';
import { cliRunClock, type RunClock, sessionClock } from '../exercises/run-clock.js';
import { type ExpectedTarget, ExpectedTarget as ExpectedTargetSchema } from '../exercises/runs-model.js';
import { visibleIncidentRow } from '../incidents/reader-log.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import { presidenciesOf } from '../presidency/flows.js';
import { readCoordinationMetrics, seeAcknowledgementOf } from '../sharing/coordination-metrics.js';
import { incidentListScope, readIncident } from '../sharing/incidents.js';
import { assertAllowed, isAllowed } from '../sharing/policy.js';
import type { ProductAudience } from '../sharing/products.js';
import { readSitrep, sitrepApprovers } from '../sharing/sitreps.js';
import {
  againstTargets,
  coordinationSteps,
  type MeasuredEntry,
  type Metric,
  measureOnClock,
} from './metrics-rules.js';
import type { CoordinationMetrics, IncidentMetrics } from './model.js';
import * as store from './store.js';

/** How many incidents the comparison over time and across runs goes back. */
const HISTORY = 50;

interface Measured {
  id: string;
  title: string;
  exercise: boolean;
  start: string;
}

type StepEntry = Awaited<ReturnType<typeof store.visibleStepEntries>>[number];

const measuredEntry = (e: StepEntry, clock: RunClock | undefined): MeasuredEntry => ({
  id: e.id,
  kind: e.kind,
  authorOrg: e.author_org,
  createdAt: e.created_at,
  body: JSON.parse(e.body) as Record<string, unknown>,
  marking: e.marking,
  onRunClock: clock?.stampedByRun({ userId: e.author_user_id }) ?? false,
});

/**
 * The figures of these incidents as this reader may see them, in a fixed number of queries however many incidents
 * and entries: the reader's own step entries (filtered in SQL), the published sitreps and acknowledgements
 * (filtered in memory by their own rules).
 */
async function measureFor(
  db: Kysely<Database>,
  actor: Actor,
  incidents: readonly Measured[],
): Promise<Map<string, Metric[]>> {
  const ids = incidents.map((i) => i.id);
  const [entries, sitreps, acks, presidencies, clocks] = await Promise.all([
    store.visibleStepEntries(db, actor, ids),
    store.publishedSitreps(db, ids),
    store.acknowledgements(db, ids),
    presidenciesOf(db, ids),
    scenarioClocks(db, incidents),
  ]);
  const seen = new Map(
    ids.map((id) => [
      id,
      {
        entries: [] as MeasuredEntry[],
        sitrepsPublished: [] as Array<{ at: string; onRunClock: boolean }>,
        acknowledgements: [] as Array<{ organisation: string; at: string; onRunClock: boolean }>,
      },
    ]),
  );
  // Whoever took a step decides which clock stamped it (src/exercises/run-clock.ts): the approver of a sitrep
  // published it, the acknowledging person acknowledged.
  for (const e of entries) seen.get(e.incident_id)?.entries.push(measuredEntry(e, clocks.get(e.incident_id)));
  for (const s of sitreps) {
    // Who approves, and so who reads, follows the incident's Presidency (an exercise's is its scenario's).
    const approvers = sitrepApprovers(presidencies.get(s.incident_id) ?? null);
    const reach = {
      state: 'published' as const,
      authorOrg: s.created_org,
      audience: JSON.parse(s.audience) as string[],
      nato: s.nato === 1,
      contributors: JSON.parse(s.contributors) as string[],
      approvers,
    };
    if (isAllowed(readSitrep, actor, reach))
      seen.get(s.incident_id)?.sitrepsPublished.push({
        at: s.published_at!,
        onRunClock: clocks.get(s.incident_id)?.stampedByRun({ userId: s.approved_by }) ?? false,
      });
  }
  for (const a of acks)
    if (a.incident_id && isAllowed(seeAcknowledgementOf, actor, a.organisation))
      seen.get(a.incident_id)?.acknowledgements.push({
        organisation: a.organisation,
        at: a.acknowledged_at!,
        onRunClock: clocks.get(a.incident_id)?.stampedByRun({ name: a.acknowledged_by }) ?? false,
      });
  return new Map(
    incidents.map((i) => [
      i.id,
      measureOnClock(i.start, coordinationSteps(seen.get(i.id)!), clocks.get(i.id)?.toScenario),
    ]),
  );
}

/** When an incident's clock starts: its run's first inject for a scenario's run, else its first report. */
async function startOfMeasure(
  db: Kysely<Database>,
  incident: { id: string; created_at: string },
): Promise<{ start: string; run: RunRow | undefined }> {
  const [run] = await store.runsOf(db, [incident.id]);
  return { start: run?.started_at ?? incident.created_at, run };
}

/**
 * The coordination metrics of a compiled product (the post-incident report): the same steps and the same measure
 * as the metrics page, over what every reader of the product may see: its entries as compiled (sitreps among them,
 * published with their entry), and only the acknowledgements each of its organisations may see. An exercise is
 * measured in scenario time as the page measures it.
 */
export async function metricsForEveryReader(
  db: Kysely<Database>,
  incident: { id: string; created_at: string; exercise: number },
  entries: readonly Entry[],
  audience: ProductAudience,
): Promise<Metric[]> {
  const [{ start }, acks] = await Promise.all([
    startOfMeasure(db, incident),
    store.acknowledgements(db, [incident.id]),
  ]);
  const clock = (
    await scenarioClocks(db, [{ id: incident.id, title: '', exercise: incident.exercise === 1, start }])
  ).get(incident.id);
  const readers = audience.organisations.map((organisation) => ({
    userId: '',
    organisation,
    role: 'viewer' as const,
  }));
  const steps = coordinationSteps({
    entries: entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      authorOrg: e.author.organisation,
      createdAt: e.createdAt,
      body: e.body,
      marking: e.marking,
      onRunClock: clock?.stampedByRun({ userId: e.author.userId }) ?? false,
    })),
    // A sitrep's entry is appended as it is published, at the same instant, with the sitrep's own reach; a run's
    // principals compile and approve a scripted sitrep both, so its author tells which clock stamped it.
    sitrepsPublished: entries
      .filter((e) => e.kind === 'sitrep')
      .map((e) => ({
        at: e.createdAt,
        onRunClock: clock?.stampedByRun({ userId: e.author.userId }) ?? false,
      })),
    acknowledgements: acks
      .filter((a) => readers.every((r) => isAllowed(seeAcknowledgementOf, r, a.organisation)))
      .map((a) => ({
        organisation: a.organisation,
        at: a.acknowledged_at!,
        onRunClock: clock?.stampedByRun({ name: a.acknowledged_by }) ?? false,
      })),
  });
  return measureOnClock(start, steps, clock?.toScenario);
}

/**
 * For the exercise incidents whose clock was recorded, how their instants read in scenario time: a web session
 * stamps its injects and its players' actions with the platform's clock, while its scenario runs at its pace and
 * stands still while paused; a `blueprint exercise run` stamps its own writes in scenario time already, and players
 * acting through a server meanwhile with the server's clock (src/exercises/run-clock.ts). Real incidents, and runs
 * without waiting, are measured as stamped.
 */
async function scenarioClocks(
  db: Kysely<Database>,
  incidents: readonly Measured[],
): Promise<Map<string, RunClock>> {
  const exercises = incidents.filter((i) => i.exercise);
  const ids = exercises.map((i) => i.id);
  const startOf = new Map(exercises.map((i) => [i.id, i.start]));
  const [sessions, runs] = await Promise.all([store.sessionClocksOf(db, ids), store.runsOf(db, ids)]);
  const out = new Map<string, RunClock>();
  for (const run of runs) {
    const clock = cliRunClock(run);
    if (clock) out.set(run.incident_id, clock);
  }
  for (const s of sessions)
    if (s.incident_id) out.set(s.incident_id, sessionClock(s, startOf.get(s.incident_id)!));
  return out;
}

function refuseAdmins(actor: Actor) {
  assertAllowed(
    readCoordinationMetrics,
    'platform administrators read no incident content, so no coordination metrics either',
    actor,
  );
}

type RunRow = Awaited<ReturnType<typeof store.runsOf>>[number];

const targetsOf = (run: RunRow): ExpectedTarget[] =>
  ExpectedTargetSchema.array().parse(JSON.parse(run.targets));

/**
 * One incident's coordination metrics for this reader: from the first report (for a scenario's run, its first
 * inject) to each step; for a run, against the scenario's targets and beside the earlier runs of the scenario.
 */
export async function coordinationMetrics(
  platform: Platform,
  actor: Actor,
  incidentId: string,
): Promise<CoordinationMetrics> {
  refuseAdmins(actor);
  const db = platform.db.kysely;
  const row = await visibleIncidentRow(db, actor, incidentId);
  const { start, run } = await startOfMeasure(db, row);
  const self: Measured = { id: row.id, title: row.title, exercise: row.exercise === 1, start };
  const earlier = run
    ? (await store.runsOfScenarioBefore(db, run.scenario_id, run.started_at, HISTORY)).filter((r) =>
        isAllowed(readIncident, actor, { releasableToNato: r.releasable_to_nato === 1 }),
      )
    : [];
  const others: Measured[] = earlier.map((r) => ({
    id: r.incident_id,
    title: r.title,
    exercise: true,
    start: r.started_at,
  }));
  const figures = await measureFor(db, actor, [self, ...others]);
  const metrics = figures.get(self.id) ?? [];
  return {
    incidentId: self.id,
    title: self.title,
    exercise: self.exercise,
    start: self.start,
    metrics,
    run: run
      ? {
          scenarioId: run.scenario_id,
          title: run.title,
          speed: Number(run.speed),
          startedAt: run.started_at,
          finishedAt: run.finished_at,
        }
      : null,
    targets: run
      ? againstTargets(
          metrics,
          targetsOf(run).map((t) => ({
            measure: t.measure,
            organisation: t.organisation ?? undefined,
            by: t.by,
          })),
        )
      : [],
    earlierRuns: others.map((o) => ({
      incidentId: o.id,
      title: o.title,
      exercise: true,
      start: o.start,
      metrics: figures.get(o.id) ?? [],
    })),
  };
}

/** The newest incidents' figures for this reader, oldest first, for a chart over time. */
export async function metricsOverTime(
  platform: Platform,
  actor: Actor,
  exercise: boolean | undefined,
): Promise<IncidentMetrics[]> {
  refuseAdmins(actor);
  const db = platform.db.kysely;
  const scope = incidentListScope(actor);
  if (scope === 'none') return [];
  const rows = (await store.recentIncidents(db, scope, exercise, HISTORY)).reverse();
  const runs = new Map(
    (
      await store.runsOf(
        db,
        rows.map((r) => r.id),
      )
    ).map((r) => [r.incident_id, r]),
  );
  const measured: Measured[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    exercise: r.exercise === 1,
    start: runs.get(r.id)?.started_at ?? r.created_at,
  }));
  const figures = await measureFor(db, actor, measured);
  return measured.map((m) => ({
    incidentId: m.id,
    title: m.title,
    exercise: m.exercise,
    start: m.start,
    metrics: figures.get(m.id) ?? [],
  }));
}
