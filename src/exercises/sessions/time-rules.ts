import { z } from 'zod';

/**
 * A web session's clock as it ran. Everything written while a session plays (its injects, and what players do
 * through the ordinary pages) is stamped with the platform's clock, which moves in real time, while the scenario
 * moves at the session's pace and stands still while paused. The session therefore records each turn of its clock:
 * when it started, paused and resumed, and where scenario time stood then. From that record any instant of the
 * platform's clock converts to scenario time when the run is measured. The log's instants are never rewritten
 * (the audit chain hashes them); only the measure reads them through this record.
 */
export const ClockTurn = z.object({
  /** The platform's clock at the turn. */
  at: z.string(),
  /** Scenario time at the turn, in ms after the first inject. */
  scenarioMs: z.number(),
  /** Whether scenario time moves from here on (false: paused; it runs on after the last step, as players may). */
  running: z.boolean(),
});
export type ClockTurn = z.infer<typeof ClockTurn>;

export const SessionTimeline = z.array(ClockTurn);
export type SessionTimeline = z.infer<typeof SessionTimeline>;

/** The session's clock as stored, with its start for sessions recorded before turns were kept. */
export function timelineOf(stored: string, startedAt: string): SessionTimeline {
  const turns = SessionTimeline.parse(JSON.parse(stored));
  return turns.length > 0 ? turns : [{ at: startedAt, scenarioMs: 0, running: true }];
}

/** Where scenario time stood at platform instant `atMs`; before the session started it counts back at its pace. */
export function scenarioMsAt(timeline: SessionTimeline, speed: number, atMs: number): number {
  let turn: ClockTurn | undefined;
  for (const t of timeline) {
    if (Date.parse(t.at) <= atMs) turn = t;
    else break;
  }
  if (!turn) {
    // Before the first turn: negative, so the measure leaves it out like anything before the first inject.
    const first = timeline[0]!;
    return first.scenarioMs + (atMs - Date.parse(first.at)) * speed;
  }
  return turn.running ? turn.scenarioMs + (atMs - Date.parse(turn.at)) * speed : turn.scenarioMs;
}

/**
 * Converts an instant of the platform's clock to the instant it was in the scenario, counted from `start` (the
 * run's start, when scenario time was 0), so `measure` reads seconds of scenario time from it.
 */
export function inScenarioTime(
  timeline: SessionTimeline,
  speed: number,
  start: string,
): (platformInstant: string) => string {
  const startMs = Date.parse(start);
  return (instant) => new Date(startMs + scenarioMsAt(timeline, speed, Date.parse(instant))).toISOString();
}
