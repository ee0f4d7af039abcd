import { pauseSession, startSession } from '../exercises/sessions/flows.js';
import type { Actor } from '../platform/actor.js';
import type { Platform } from '../platform/context.js';

/**
 * A facilitator's session of the GNSS jamming scenario at sixty times real time, started by the ERCC and paused
 * before its first inject: the facilitator's page shows it ready, and resuming it plays the scenario live.
 */
export async function demoExerciseSession(platform: Platform, ercc: Actor): Promise<string[]> {
  const session = await startSession(platform, ercc, { builtIn: 'gnss-jamming', speed: 60 });
  await pauseSession(platform, ercc, session.id);
  return [
    `A facilitator's exercise (${session.title}, ×60), paused before its first inject: sign in as coordinator.ercc@exercise.blueprint.example and resume it at /exercises/run; what players do meanwhile is measured in scenario time, sixty times the wall clock, pauses left out, and the exercise incident's log and its post-incident report show each event at its scenario time (T+01:15) beside the wall time`,
  ];
}
