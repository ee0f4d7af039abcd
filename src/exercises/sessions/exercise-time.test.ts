import { describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { exerciseScenario, exerciseServer, update } from '../../../test/support/exercise-session.js';
import type { CoordinationMetrics } from '../../coordination/model.js';
import type { ExerciseSession } from './model.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The report at T+0 and an update at T+120, which the test never reaches, so the session keeps running. */
const SCENARIO = exerciseScenario({
  id: 'exercise-time-test',
  participants: ['FI', 'EE', 'DE', 'ERCC'],
  later: [update(120)],
  expected: [
    { measure: 'own-assessment', organisation: 'EE', by: 20 },
    { measure: 'own-assessment', organisation: 'DE', by: 60 },
  ],
});

describe.each(engines())(
  "players' actions in a web session are measured in scenario time, on %s",
  (engine) => {
    const world = exerciseServer(engine, { organisations: ['ERCC', 'EE', 'DE'], keepSignedIn: true });
    const { clock, as } = world;

    it('counts N seconds on the wall as N×60 at ×60, and leaves paused time out', async () => {
      const session = await world.startSession(SCENARIO, 60);
      const { incidentId, jobs } = session;
      expect(incidentId).toBeTruthy();
      const assess = (who: string) =>
        as[who]!.post(`/api/incidents/${incidentId}/assessments`, { memberState: who, level: 'minor' });

      // 30 s on the wall at sixty times: T+30 minutes.
      clock.advance(30 * SECOND);
      const eeAt = clock.now().toISOString();
      expect((await assess('EE')).status).toBe(201);

      // Ten minutes paused count for nothing; 20 s more after resuming: T+50 minutes.
      await session.pause();
      clock.advance(10 * MINUTE);
      await session.resume();
      clock.advance(20 * SECOND);
      await jobs.runDue();
      expect((await assess('DE')).status).toBe(201);

      const figures = await as.ERCC!.get<CoordinationMetrics>(
        `/api/incidents/${incidentId}/coordination-metrics`,
      );
      expect(figures.status).toBe(200);
      const ownAssessment = (organisation: string) =>
        figures.body.metrics.find((m) => m.measure === 'own-assessment' && m.organisation === organisation)
          ?.seconds;
      expect(ownAssessment('EE')).toBe(30 * 60);
      expect(ownAssessment('DE')).toBe(50 * 60);
      expect(figures.body.targets).toEqual([
        {
          measure: 'own-assessment',
          organisation: 'EE',
          targetSeconds: 20 * 60,
          seconds: 30 * 60,
          met: false,
        },
        {
          measure: 'own-assessment',
          organisation: 'DE',
          targetSeconds: 60 * 60,
          seconds: 50 * 60,
          met: true,
        },
      ]);

      // The log keeps the instants it recorded: only the measure reads them in scenario time.
      const stored = await world.server.platform.db.kysely
        .selectFrom('entries')
        .select('created_at')
        .where('incident_id', '=', incidentId)
        .where('kind', '=', 'own-assessment')
        .where('author_org', '=', 'EE')
        .executeTakeFirstOrThrow();
      expect(stored.created_at).toBe(eeAt);

      // A second run of the scenario is measured on its own clock, and the first shows beside it as an earlier run.
      clock.advance(MINUTE);
      const again = await as.ERCC!.post<ExerciseSession>('/api/exercise-sessions', {
        yaml: SCENARIO,
        speed: 10,
      });
      await jobs.runDue();
      const second = (await as.ERCC!.get<ExerciseSession>(`/api/exercise-sessions/${again.body.id}`)).body
        .incidentId!;
      clock.advance(3 * MINUTE);
      expect(
        (await as.EE!.post(`/api/incidents/${second}/assessments`, { memberState: 'EE', level: 'minor' }))
          .status,
      ).toBe(201);
      const compared = (
        await as.ERCC!.get<CoordinationMetrics>(`/api/incidents/${second}/coordination-metrics`)
      ).body;
      expect(compared.metrics).toContainEqual({
        organisation: 'EE',
        measure: 'own-assessment',
        seconds: 30 * 60,
      });
      expect(compared.earlierRuns.map((r) => r.incidentId)).toContain(incidentId);
      expect(compared.earlierRuns.find((r) => r.incidentId === incidentId)?.metrics).toContainEqual({
        organisation: 'DE',
        measure: 'own-assessment',
        seconds: 50 * 60,
      });
    });
  },
);
