import fs from 'node:fs';
import type { Command } from 'commander';
import { againstTargets } from '../coordination/metrics-rules.js';
import { ExerciseClock, exerciseStart, runExercise } from '../exercises/runner.js';
import { parseScenario, ScenarioError } from '../exercises/scenario-file.js';
import type { Scenario } from '../exercises/scenario-model.js';
import { STEP_JOB } from '../exercises/sessions/flows.js';
import { createJobs } from '../jobs.js';
import type { Config } from '../platform/config.js';
import { closePlatform, openPlatform } from '../server.js';
import { UsageError } from './usage-error.js';

/** How far the scenario reaches, in minutes: its last inject or scripted action. */
function spanOf(scenario: Scenario): number {
  return Math.max(...scenario.injects.map((i) => i.at), ...scenario.expected.map((a) => a.script?.at ?? 0));
}

function progressBar(done: number, total: number, label: string): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(100);
}

/**
 * `blueprint exercise run FILE [--speed N] [--json]`: plays a scenario into a new exercise incident, on the
 * exercise's own clock, and prints how long each coordination step took (CONTRACT.md, Interchange and exercises).
 */
export function exerciseCommands(program: Command, config: () => Config): void {
  const exercise = program.command('exercise').description('exercises played through the live platform');
  exercise
    .command('run')
    .description('play a scenario file into a new exercise incident and print its coordination times')
    .argument('<file>', 'the scenario (YAML, see docs/exercises.md; built-in ones in scenarios/)')
    .option('--speed <n>', 'times faster than real time; 0 runs without waiting', '1')
    .option('--json', 'print one line of JSON at the end instead of a table')
    .action(async (file: string, opts: { speed: string; json?: boolean }) => {
      const speed = Number(opts.speed);
      if (!Number.isFinite(speed) || (speed !== 0 && speed < 1) || speed > 3600)
        throw new UsageError('--speed: 0 (no waiting) or from 1 to 3600 times real time');
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`<file>: cannot read ${file}`);
      }
      let scenario: Scenario;
      try {
        scenario = parseScenario(text, file);
      } catch (e) {
        if (e instanceof ScenarioError) throw new UsageError(e.message);
        throw e;
      }
      // The wall clock the run paces itself by; recorded with the run so that players' actions through a server,
      // stamped by the server's clock, are measured in scenario time (src/exercises/run-clock.ts).
      const wallStart = Date.now();
      const clock = new ExerciseClock(exerciseStart(wallStart, spanOf(scenario), speed));
      const platform = await openPlatform(config(), { clock });
      // A web session's steps are due by the server's clock, not this run's: the server plays them.
      const jobs = createJobs(platform, { without: [STEP_JOB] });
      const onTerminal = process.stderr.isTTY === true;
      try {
        const run = await runExercise(platform, clock, scenario, {
          speed,
          wallStart,
          onProgress: async (done, total, label) => {
            // Jobs the run's writes scheduled (deadlines, reminders) come due on the exercise's clock.
            await jobs.runDue();
            if (onTerminal) process.stderr.write(progressBar(done, total, label));
          },
        });
        if (onTerminal) process.stderr.write('\n');
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(run)}\n`);
          return;
        }
        process.stdout.write(`${scenario.title}\nexercise incident ${run.incidentId}\n\n`);
        for (const m of run.metrics)
          process.stdout.write(
            `${(m.organisation ?? 'all').padEnd(8)} ${m.measure.padEnd(18)} ${minutes(m.seconds)}\n`,
          );
        const targets = againstTargets(run.metrics, scenario.expected);
        if (targets.length > 0) process.stdout.write('\nagainst the targets\n');
        for (const t of targets)
          process.stdout.write(
            `${(t.organisation ?? 'all').padEnd(8)} ${t.measure.padEnd(18)} target ${minutes(t.targetSeconds)}, ${
              t.seconds === null ? 'not reached' : `${minutes(t.seconds)} ${t.met ? '(met)' : '(late)'}`
            }\n`,
          );
      } finally {
        await closePlatform(platform);
      }
    });
}

function minutes(seconds: number): string {
  return `T+${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
