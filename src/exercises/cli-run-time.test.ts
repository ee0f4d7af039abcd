import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { exerciseScenario, signInCoordinators, update } from '../../test/support/exercise-session.js';
import { type ApiClient, startTestServer, type TestServer } from '../../test/support/server.js';
import type { CoordinationMetrics } from '../coordination/model.js';
import { ManualClock } from '../platform/clock.js';
import { ExerciseClock, exerciseStart, runExercise } from './runner.js';
import { parseScenario } from './scenario-file.js';

const SECOND = 1_000;
const WALL_START = Date.parse('2026-11-18T06:00:00Z');

/** The report at T+0, Germany's scripted own assessment at T+45 unless a player of Germany gives one, an update at T+60. */
const scenario = parseScenario(
  exerciseScenario({
    id: 'cli-run-time',
    participants: ['FI', 'EE', 'DE', 'ERCC'],
    principals: [{ id: 'de-control', organisation: 'DE', name: 'Exercise control Germany' }],
    later: [update(60)],
    expected: [
      { measure: 'own-assessment', organisation: 'EE', by: 40 },
      {
        measure: 'own-assessment',
        organisation: 'DE',
        by: 50,
        script: { at: 45, as: 'de-control', level: 'minor' },
      },
    ],
  }),
);

describe.each(engines())(
  'players acting through a server while `exercise run --speed 60` plays are measured in scenario time, on %s',
  (engine) => {
    // The players' server runs on the wall clock; the command, on the same database, on its exercise clock.
    const wall = new ManualClock(WALL_START);
    const exerciseClock = new ExerciseClock(exerciseStart(WALL_START, 60, 60));
    let players: TestServer;
    let command: TestServer;
    const as: Record<string, ApiClient> = {};

    beforeAll(async () => {
      players = await startTestServer({ engine, clock: wall });
      command = await startTestServer({
        engine,
        clock: exerciseClock,
        sharing: { dataDir: players.dataDir, databaseUrl: players.databaseUrl },
      });
      Object.assign(as, await signInCoordinators(players, ['ERCC', 'EE']));
    }, 60_000);
    afterAll(async () => {
      await command?.close();
      await players?.close();
    });

    it("converts the players' instants and leaves the run's own as they are", async () => {
      let incidentId = '';
      let acted = false;
      const run = await runExercise(command.platform, exerciseClock, scenario, {
        speed: 60,
        wallStart: WALL_START,
        // Waiting moves the wall clock; 30 s into the first wait, Estonia assesses through the players' server.
        sleep: async (ms) => {
          if (!acted) {
            acted = true;
            wall.set(wall.now().getTime() + 30 * SECOND);
            incidentId = (
              await command.platform.db.kysely
                .selectFrom('exercise_runs')
                .select('incident_id')
                .where('scenario_id', '=', scenario.id)
                .executeTakeFirstOrThrow()
            ).incident_id;
            const assessed = await as.EE!.post(`/api/incidents/${incidentId}/assessments`, {
              memberState: 'EE',
              level: 'minor',
            });
            expect(assessed.status).toBe(201);
            wall.set(wall.now().getTime() + ms - 30 * SECOND);
          } else wall.set(wall.now().getTime() + ms);
        },
      });
      expect(run.incidentId).toBe(incidentId);

      // 30 s of the wall at sixty times is T+30 min; Germany's scripted assessment was stamped at T+45 by the run.
      const expected = [
        { organisation: 'EE', measure: 'own-assessment', seconds: 30 * 60 },
        { organisation: 'DE', measure: 'own-assessment', seconds: 45 * 60 },
      ];
      for (const metric of expected) expect(run.metrics).toContainEqual(metric);
      const page = await as.ERCC!.get<CoordinationMetrics>(
        `/api/incidents/${incidentId}/coordination-metrics`,
      );
      expect(page.status).toBe(200);
      for (const metric of expected) expect(page.body.metrics).toContainEqual(metric);
      expect(page.body.targets.find((t) => t.organisation === 'EE')).toMatchObject({
        seconds: 1800,
        met: true,
      });

      // The log keeps the server's instant; the run recorded its clock and principals to read it by.
      const stored = await players.platform.db.kysely
        .selectFrom('exercise_runs')
        .select(['timeline', 'principals'])
        .where('incident_id', '=', incidentId)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.timeline!)).toEqual([
        { at: new Date(WALL_START).toISOString(), scenarioMs: 0, running: true },
      ]);
      expect((JSON.parse(stored.principals) as Array<{ name: string }>).map((p) => p.name)).toContain(
        'Exercise control Germany',
      );
    });
  },
);
