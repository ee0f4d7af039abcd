import { describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { exerciseScenario, exerciseServer, update } from '../../test/support/exercise-session.js';
import type { CoordinationMetrics } from '../coordination/model.js';
import type { AfterActionReport } from './model.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The report at T+0; the update at T+600 is never reached, so the session keeps running. */
const SCENARIO = exerciseScenario({
  id: 'report-exercise-time',
  participants: ['FI', 'EE', 'DE', 'ERCC', 'CERG'],
  later: [update(600)],
});

describe.each(engines())(
  'a post-incident report of a web session measures in scenario time, on %s',
  (engine) => {
    const world = exerciseServer(engine, { organisations: ['ERCC', 'CERG', 'EE', 'DE'], keepSignedIn: true });
    const { clock, as } = world;

    it("gives the metrics page's figures at ×60, pauses left out", async () => {
      const session = await world.startSession(SCENARIO, 60);
      const { incidentId } = session;
      const assess = (who: string) =>
        as[who]!.post(`/api/incidents/${incidentId}/assessments`, { memberState: who, level: 'minor' });

      // 30 s on the wall: T+30 min. Five paused minutes count for nothing; 45 s more: T+75 min.
      clock.advance(30 * SECOND);
      expect((await assess('EE')).status).toBe(201);
      await session.pause();
      clock.advance(5 * MINUTE);
      await session.resume();
      clock.advance(45 * SECOND);
      await session.jobs.runDue();
      expect((await assess('DE')).status).toBe(201);

      const page = await as.CERG!.get<CoordinationMetrics>(
        `/api/incidents/${incidentId}/coordination-metrics`,
      );
      expect(page.status).toBe(200);
      const drafted = await as.CERG!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
        audience: ['EE', 'DE', 'FI', 'ERCC'],
      });
      expect(drafted.status).toBe(201);

      expect(page.body.metrics).toContainEqual({
        organisation: 'EE',
        measure: 'own-assessment',
        seconds: 30 * 60,
      });
      expect(page.body.metrics).toContainEqual({
        organisation: 'DE',
        measure: 'own-assessment',
        seconds: 75 * 60,
      });
      expect(drafted.body.metrics).toEqual(page.body.metrics);
      const section = drafted.body.sections.find((s) => s.key === 'metrics')!.text;
      expect(section).toMatch(/\(EE\): 30 min after the first report/);
      expect(section).toMatch(/\(DE\): 1 h 15 min after the first report/);
    });
  },
);
