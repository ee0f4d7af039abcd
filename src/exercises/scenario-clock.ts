import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { cliRunClock, type RunClock, sessionClock } from './run-clock.js';

/**
 * An exercise incident's recorded clock with the instant its scenario started, so the instants of its log can be
 * shown as the scenario time they were. The log keeps the instants as stamped; only their reading changes.
 */
export interface ScenarioTime {
  /** When scenario time was 0 (the run's first inject), on the clock that stamped the run's own writes. */
  start: string;
  clock: RunClock;
}

/**
 * The scenario clocks of those of these incidents that were played with one recorded: a web session's (its
 * timeline), else a CLI run's that waited between steps (`exercise_runs.timeline`). Real incidents have neither,
 * and a run without waiting records none. The same clocks the coordination metrics read their durations by.
 */
export async function scenarioTimesOf(
  db: Kysely<Database>,
  incidentIds: readonly string[],
): Promise<Map<string, ScenarioTime>> {
  const out = new Map<string, ScenarioTime>();
  const ids = [...new Set(incidentIds)];
  if (ids.length === 0) return out;
  const [runs, sessions] = await Promise.all([
    db
      .selectFrom('exercise_runs')
      .select(['incident_id', 'timeline', 'principals', 'speed', 'started_at'])
      .where('incident_id', 'in', ids)
      .where('timeline', 'is not', null)
      .execute(),
    db
      .selectFrom('exercise_sessions')
      .select(['incident_id', 'speed', 'started_at', 'timeline'])
      .where('incident_id', 'in', ids)
      .execute(),
  ]);
  for (const run of runs) {
    const clock = cliRunClock(run);
    if (clock) out.set(run.incident_id, { start: run.started_at, clock });
  }
  // A session's run starts when the session does (its run is recorded with the session's start).
  for (const s of sessions)
    if (s.incident_id) out.set(s.incident_id, { start: s.started_at, clock: sessionClock(s, s.started_at) });
  return out;
}

/**
 * Whole seconds of scenario time from the scenario's start to an instant of the log, written by this account: a
 * step the run's own clock stamped is in scenario time already, any other is read through the recorded clock.
 */
export function scenarioOffsetSeconds(time: ScenarioTime, at: string, authorUserId: string | null): number {
  const inScenario = time.clock.stampedByRun({ userId: authorUserId }) ? at : time.clock.toScenario(at);
  return Math.floor((Date.parse(inScenario) - Date.parse(time.start)) / 1000);
}
