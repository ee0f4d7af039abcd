import { z } from 'zod';
import { inScenarioTime, type SessionTimeline, timelineOf } from './sessions/time-rules.js';

/**
 * How an exercise's run reads in scenario time when it is measured. A web session stamps everything (its injects
 * and its players' actions) with the platform's clock, so all of it is read through the session's timeline. A
 * `blueprint exercise run` stamps its own writes with its exercise clock, in scenario time already, while players
 * who act through a running server meanwhile are stamped by the server's clock: the run records its clock in the
 * same timeline format (`exercise_runs.timeline`) and the principals it wrote as (`exercise_runs.principals`), and
 * only the steps those principals did not take are converted, so none is converted twice.
 */
export interface RunClock {
  /** The scenario instant a platform instant was, counted from the run's start. */
  toScenario(instant: string): string;
  /** Whether a step taken by this account (its id, or the name an acknowledgement records) is on the run's clock. */
  stampedByRun(by: { userId?: string | null; name?: string | null }): boolean;
}

/** An exercise-control principal of a CLI run, as the run records it. */
export const RunPrincipal = z.object({ id: z.string(), name: z.string() });
export type RunPrincipal = z.infer<typeof RunPrincipal>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The timeline a CLI run records: scenario time 0 at the wall instant the run started, moving at its speed (a run
 * sleeps between steps and never pauses). A run without waiting has no pace to read players' instants by: null.
 */
export function cliRunTimeline(wallStartMs: number, speed: number): string | null {
  if (!(speed > 0)) return null;
  return JSON.stringify([{ at: iso(wallStartMs), scenarioMs: 0, running: true }] satisfies SessionTimeline);
}

/** A web session's clock: everything it measures was stamped by the platform's clock. */
export function sessionClock(
  session: { timeline: string; started_at: string; speed: number | string },
  start: string,
): RunClock {
  const toScenario = inScenarioTime(
    timelineOf(session.timeline, session.started_at),
    Number(session.speed),
    start,
  );
  return { toScenario, stampedByRun: () => false };
}

/** A CLI run's clock, when it recorded one. */
export function cliRunClock(run: {
  timeline: string | null;
  principals: string;
  speed: number | string;
  started_at: string;
}): RunClock | undefined {
  if (run.timeline === null) return undefined;
  const principals = RunPrincipal.array().parse(JSON.parse(run.principals));
  const ids = new Set(principals.map((p) => p.id));
  // An acknowledgement records its author's name only; the principals' names are the scenario's and their accounts
  // are exercise control, never players, so a name of theirs is their acknowledgement.
  const names = new Set(principals.map((p) => p.name));
  return {
    toScenario: inScenarioTime(timelineOf(run.timeline, run.started_at), Number(run.speed), run.started_at),
    stampedByRun: (by) =>
      (by.userId != null && ids.has(by.userId)) || (by.name != null && names.has(by.name)),
  };
}
