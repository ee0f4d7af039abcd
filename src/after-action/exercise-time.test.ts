import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { CoordinationMetrics } from '../coordination/model.js';
import type { ExerciseSession } from '../exercises/sessions/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { AfterActionReport } from './model.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const SIGNED_IN = { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' };

/** The report at T+0; the update at T+600 is never reached, so the session keeps running. */
const SCENARIO = `
id: report-exercise-time
title: A cable between Finland and Estonia
presidency: PL
participants: [FI, EE, DE, ERCC, CERG]
principals:
  - { id: fi-control, organisation: FI, name: Exercise control Finland }
injects:
  - at: 0
    as: fi-control
    kind: report
    report:
      title: "Exercise: cable down"
      cause: physical
      impacts: [{ memberState: FI, level: significant }]
  - at: 600
    as: fi-control
    kind: update
    update: { stage: other, text: Repair ship on its way. }
`;

describe.each(engines())(
  'a post-incident report of a web session measures in scenario time, on %s',
  (engine) => {
    let server: TestServer;
    const clock = new ManualClock(Date.parse('2026-11-18T06:00:00Z'));
    const as: Record<string, ApiClient> = {};

    beforeAll(async () => {
      server = await startTestServer({ engine, clock, env: SIGNED_IN });
      for (const organisation of ['ERCC', 'CERG', 'EE', 'DE']) {
        const email = `${organisation.toLowerCase()}@example.eu`;
        await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
        as[organisation] = new ApiClient(server.url);
        await as[organisation]!.login(email, PASSWORD);
      }
    }, 60_000);
    afterAll(() => server?.close());

    const advance = (ms: number) => clock.set(clock.now().getTime() + ms);

    it("gives the metrics page's figures at ×60, pauses left out", async () => {
      const jobs = createJobs(server.platform);
      const started = await as.ERCC!.post<ExerciseSession>('/api/exercise-sessions', {
        yaml: SCENARIO,
        speed: 60,
      });
      expect(started.status).toBe(201);
      const sessionPath = `/api/exercise-sessions/${started.body.id}`;
      await jobs.runDue();
      const incidentId = (await as.ERCC!.get<ExerciseSession>(sessionPath)).body.incidentId!;
      const assess = (who: string) =>
        as[who]!.post(`/api/incidents/${incidentId}/assessments`, { memberState: who, level: 'minor' });

      // 30 s on the wall: T+30 min. Five paused minutes count for nothing; 45 s more: T+75 min.
      advance(30 * SECOND);
      expect((await assess('EE')).status).toBe(201);
      expect((await as.ERCC!.post(`${sessionPath}/pause`, {})).status).toBe(200);
      advance(5 * MINUTE);
      expect((await as.ERCC!.post(`${sessionPath}/resume`, {})).status).toBe(200);
      advance(45 * SECOND);
      await jobs.runDue();
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
