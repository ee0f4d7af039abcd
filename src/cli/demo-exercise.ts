import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExerciseClock, exerciseStart, runExercise } from '../exercises/runner.js';
import { parseScenario } from '../exercises/scenario-file.js';
import type { Config } from '../platform/config.js';
import { closePlatform, openPlatform } from '../server.js';

/** The built-in scenarios, found from the source tree and from the built server alike. */
function scenarioFile(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../../scenarios', name),
    path.resolve(here, '../../../scenarios', name),
  ];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`the built-in scenario ${name} is missing`);
  return found;
}

/**
 * The Baltic scenario run once, unattended and without waiting, so the demo shows an exercise's coordination
 * metrics against its targets. The run has its own clock, ending now, so it opens a platform of its own on it.
 */
export async function demoExercise(config: Config): Promise<string[]> {
  const scenario = parseScenario(fs.readFileSync(scenarioFile('baltic-cables.yaml'), 'utf8'));
  const span = Math.max(
    ...scenario.injects.map((i) => i.at),
    ...scenario.expected.map((a) => a.script?.at ?? 0),
  );
  const clock = new ExerciseClock(exerciseStart(Date.now(), span, 0));
  const platform = await openPlatform(config, { clock });
  try {
    const run = await runExercise(platform, clock, scenario, { speed: 0 });
    return [
      `The ${scenario.title} scenario, run once unattended (npx blueprint exercise run scenarios/baltic-cables.yaml --speed 0 runs it again): its coordination metrics against the targets at /incidents/${run.incidentId}/metrics; in it ${scenario.presidency} holds the Presidency, as the scenario says, whatever the calendar`,
    ];
  } finally {
    await closePlatform(platform);
  }
}
