import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { ExerciseClock, exerciseStart, runExercise } from './runner.js';
import { parseScenario } from './scenario-file.js';

const SCENARIOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const baltic = parseScenario(fs.readFileSync(path.join(SCENARIOS, 'baltic-cables.yaml'), 'utf8'));
const START = Date.parse('2026-11-18T06:00:00Z');

describe('exercise start', () => {
  it.each([
    [0, 120, START - 120 * 60_000],
    [1, 120, START],
    [60, 120, START - 118 * 60_000],
  ])(
    'at speed %d a %d-minute scenario starts so that it never runs ahead of the wall clock',
    (speed, span, at) => {
      expect(exerciseStart(START, span, speed)).toBe(at);
    },
  );
});

describe.each(engines())('an unattended run of the Baltic scenario on %s', (engine) => {
  let server: TestServer;
  const clock = new ExerciseClock(START);

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    await server.createUser({
      email: 'ee@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('plays every inject and scripted action, and measures the run in scenario time', async () => {
    const progress: string[] = [];
    const run = await runExercise(server.platform, clock, baltic, {
      speed: 0,
      onProgress: (done, total, label) => {
        progress.push(`${done}/${total} ${label}`);
      },
    });
    expect(progress.at(-1)).toMatch(/^(\d+)\/\1 /);
    const figure = (measure: string, organisation: string | null) =>
      run.metrics.find((m) => m.measure === measure && m.organisation === organisation)?.seconds;
    // Nobody played: every own assessment is the scripted one, at its scripted minute.
    expect(figure('own-assessment', 'DE')).toBe(12 * 60);
    expect(figure('own-assessment', 'LT')).toBe(30 * 60);
    expect(figure('own-assessment', 'SE')).toBe(35 * 60);
    expect(figure('own-assessment', 'EE')).toBe(70 * 60);
    expect(figure('first-sitrep', null)).toBe(110 * 60);
    expect(figure('status-changed', null)).toBeGreaterThan(0);

    // What the players see: an exercise incident with the injects, exercise control's among them.
    const ee = new ApiClient(server.url);
    await ee.login('ee@example.eu', PASSWORD);
    const incident = await ee.get<{
      exercise: boolean;
      presidency: string | null;
      report: { reportedBy: string };
    }>(`/api/incidents/${run.incidentId}`);
    expect(incident.status).toBe(200);
    expect(incident.body.exercise).toBe(true);
    // The scenario's Presidency, not the calendar's (Ireland on this date).
    expect(incident.body.presidency).toBe('PL');
    const entries = await ee.get<{
      items: Array<{ kind: string; author: { organisation: string }; text?: string }>;
    }>(`/api/incidents/${run.incidentId}/entries`);
    expect(
      entries.body.items.some(
        (e) => e.author.organisation === 'EXERCISE-CONTROL' && /Media report/.test(e.text ?? ''),
      ),
    ).toBe(true);
  }, 120_000);

  it('gives the same figures when the same scenario runs again', async () => {
    const again = new ExerciseClock(START + 86_400_000);
    const other = await startTestServer({ engine, clock: again });
    try {
      const first = await runExercise(other.platform, again, baltic, { speed: 0 });
      const second = await runExercise(other.platform, again, baltic, { speed: 0 });
      expect(second.metrics).toEqual(first.metrics);
      expect(second.incidentId).not.toBe(first.incidentId);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('keeps exercise-control principals out: they cannot sign in and cannot be activated', async () => {
    const principal = await server.platform.db.kysely
      .selectFrom('users')
      .select(['id', 'email', 'active'])
      .where('exercise_control', '=', 1)
      .executeTakeFirstOrThrow();
    expect(principal.active).toBe(0);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: principal.email, password: PASSWORD }),
    });
    expect(login.status).toBe(401);
  });
});
