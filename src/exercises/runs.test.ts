import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { CoordinationMetrics } from '../coordination/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { ExerciseSession } from './sessions/model.js';

const MINUTE = 60_000;

const SCENARIO = `
id: web-drill
title: A drill run from the web
presidency: PL
participants: [FI, EE, ERCC]
principals:
  - { id: fi-control, organisation: FI, name: Exercise control Finland }
  - { id: ee-control, organisation: EE, name: Exercise control Estonia }
injects:
  - at: 0
    as: fi-control
    kind: report
    report:
      title: "Exercise: web drill"
      cause: physical
      impacts: [{ memberState: FI, level: significant }]
expected:
  - measure: own-assessment
    organisation: EE
    by: 10
    script: { at: 5, as: ee-control, level: minor }
`;

/** A run from the web is remembered like a CLI run: its scenario, its targets, when it finished. */
describe.each(engines())('a web exercise session as a run of its scenario on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.parse('2026-11-18T06:00:00Z'));
  let ercc: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: { SESSION_IDLE_MINUTES: '1440' } });
    await server.createUser({
      email: 'ercc@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
    });
    ercc = new ApiClient(server.url);
    await ercc.login('ercc@example.eu', PASSWORD);
  }, 60_000);
  afterAll(() => server?.close());

  it('measures the session against the scenario’s targets once its steps are played', async () => {
    const jobs = createJobs(server.platform);
    const started = await ercc.post<ExerciseSession>('/api/exercise-sessions', { yaml: SCENARIO, speed: 1 });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await jobs.runDue();
    clock.advance(5 * MINUTE);
    await jobs.runDue();
    const session = (await ercc.get<ExerciseSession>(`/api/exercise-sessions/${started.body.id}`)).body;
    expect(session.state).toBe('finished');
    const metrics = await ercc.get<CoordinationMetrics>(
      `/api/incidents/${session.incidentId}/coordination-metrics`,
    );
    expect(metrics.status, JSON.stringify(metrics.body)).toBe(200);
    expect(metrics.body.run).toMatchObject({ scenarioId: 'web-drill', speed: 1 });
    expect(metrics.body.run?.finishedAt).not.toBeNull();
    expect(metrics.body.targets).toEqual([
      { measure: 'own-assessment', organisation: 'EE', targetSeconds: 600, seconds: 300, met: true },
    ]);
  });
});
