import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createJobs } from '../../jobs.js';
import { ManualClock } from '../../platform/clock.js';
import type { Job } from '../../platform/jobs/store.js';
import { exerciseStepJob, STEP_JOB } from './flows.js';
import type { ExerciseSession } from './model.js';

const MINUTE = 60_000;
// The clock moves by hours while paused: sign-ins must outlast it.
const SIGNED_IN_FOR_DAYS = { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' };

/** Four steps: the report at T+0, an update at T+10, a scripted own assessment at T+15, a media report at T+20. */
const SCENARIO = `
id: session-test
title: A cable between Finland and Estonia
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
      title: "Exercise: cable down"
      cause: physical
      impacts: [{ memberState: FI, level: significant }]
  - at: 10
    as: fi-control
    kind: update
    update: { stage: other, text: Repair ship on its way. }
  - at: 20
    as: EXERCISE-CONTROL
    kind: media-report
    outlet: Public broadcaster
    text: A ship was seen over the cable route.
expected:
  - measure: own-assessment
    organisation: EE
    by: 20
    script: { at: 15, as: ee-control, level: minor }
`;

describe.each(engines())('exercise sessions run from the web on %s', (engine) => {
  let server: TestServer;
  let second: TestServer;
  const clock = new ManualClock(Date.parse('2026-11-18T06:00:00Z'));
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: SIGNED_IN_FOR_DAYS });
    second = await startTestServer({
      engine,
      clock,
      env: SIGNED_IN_FOR_DAYS,
      sharing: { dataDir: server.dataDir, databaseUrl: server.databaseUrl },
    });
    for (const [key, organisation, role] of [
      ['ercc', 'ERCC', 'coordinator'],
      ['fi', 'FI', 'coordinator'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await server?.close();
  });

  const advance = (ms: number) => clock.set(clock.now().getTime() + ms);
  const session = async (id: string) =>
    (await as.ercc!.get<ExerciseSession>(`/api/exercise-sessions/${id}`)).body;
  const entries = (incidentId: string) =>
    server.platform.db.kysely
      .selectFrom('entries')
      .select(['kind', 'author_org', 'body'])
      .where('incident_id', '=', incidentId)
      .orderBy('seq')
      .execute();
  const start = async (speed: number) => {
    const started = await as.ercc!.post<ExerciseSession>('/api/exercise-sessions', { yaml: SCENARIO, speed });
    expect(started.status).toBe(201);
    return started.body;
  };

  it('plays the steps in order as the clock comes to them, stops while paused and goes on after resuming', async () => {
    const jobs = createJobs(server.platform);
    const s = await start(10);
    expect(s).toMatchObject({ state: 'running', stepsDone: 0, stepsTotal: 4, next: { at: 0 } });
    await jobs.runDue();
    let now = await session(s.id);
    expect(now.stepsDone).toBe(1);
    const incident = await server.platform.db.kysely
      .selectFrom('incidents')
      .select(['exercise'])
      .where('id', '=', now.incidentId!)
      .executeTakeFirstOrThrow();
    expect(incident.exercise).toBe(1);
    expect(now.next).toMatchObject({ at: 10, label: 'inject 2: update' });

    // At ten times real time, T+10 comes a minute later: not a second before.
    advance(MINUTE - 1_000);
    await jobs.runDue();
    expect((await session(s.id)).stepsDone).toBe(1);
    advance(1_000);
    await jobs.runDue();
    now = await session(s.id);
    expect(now.stepsDone).toBe(2);
    expect(now.scenarioMinutes).toBe(10);

    const paused = await as.ercc!.post<ExerciseSession>(`/api/exercise-sessions/${s.id}/pause`, {});
    expect(paused.body).toMatchObject({ state: 'paused', abilities: { pause: false, resume: true } });
    advance(60 * MINUTE);
    await jobs.runDue();
    now = await session(s.id);
    expect(now).toMatchObject({ stepsDone: 2, scenarioMinutes: 10 });
    expect((await as.ercc!.post(`/api/exercise-sessions/${s.id}/pause`, {})).status).toBe(409);

    expect((await as.ercc!.post(`/api/exercise-sessions/${s.id}/resume`, {})).status).toBe(200);
    advance(30_000 - 1_000);
    await jobs.runDue();
    expect((await session(s.id)).stepsDone).toBe(2);
    advance(1_000);
    await jobs.runDue();
    expect((await session(s.id)).stepsDone).toBe(3);
    advance(30_000);
    await jobs.runDue();
    now = await session(s.id);
    expect(now).toMatchObject({ stepsDone: 4, state: 'finished', next: null });
    expect(now.finishedAt).not.toBeNull();

    const log = await entries(now.incidentId!);
    const played = log.filter((e) => ['update', 'own-assessment', 'note'].includes(e.kind));
    expect(played.map((e) => `${e.kind} ${e.author_org}`)).toEqual([
      'update FI',
      'own-assessment EE',
      'note EXERCISE-CONTROL',
    ]);
  });

  it('adds a facilitator’s inject at once, as exercise control or as a principal of the scenario', async () => {
    const jobs = createJobs(server.platform);
    const s = await start(60);
    const early = await as.ercc!.post(`/api/exercise-sessions/${s.id}/injects`, {
      kind: 'note',
      text: 'Too early',
    });
    expect(early.status).toBe(409);
    await jobs.runDue();
    const incidentId = (await session(s.id)).incidentId!;

    const media = await as.ercc!.post(`/api/exercise-sessions/${s.id}/injects`, {
      kind: 'media-report',
      outlet: 'Evening paper',
      text: 'Divers seen at the landing station.',
    });
    expect(media.status).toBe(201);
    const update = await as.ercc!.post(`/api/exercise-sessions/${s.id}/injects`, {
      kind: 'update',
      as: 'ee-control',
      stage: 'other',
      text: 'Estonian traffic rerouted.',
    });
    expect(update.status).toBe(201);
    const unknown = await as.ercc!.post<{ error: { field: string } }>(
      `/api/exercise-sessions/${s.id}/injects`,
      {
        kind: 'update',
        as: 'lv-control',
        stage: 'other',
        text: 'Nobody of that name.',
      },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('as');

    const log = await entries(incidentId);
    const texts = log.map(
      (e) => `${e.kind} ${e.author_org} ${(JSON.parse(e.body) as { text?: string }).text}`,
    );
    expect(texts).toContain(
      'note EXERCISE-CONTROL Media report (Evening paper): Divers seen at the landing station.',
    );
    expect(texts).toContain('update EE Estonian traffic rerouted.');
    // The scenario's own steps are untouched: the next is still the update at T+10.
    expect((await session(s.id)).stepsDone).toBe(1);
  });

  it('lets only facilitators start or see a session', async () => {
    const refused = await as.fi!.post('/api/exercise-sessions', { yaml: SCENARIO, speed: 1 });
    expect(refused.status).toBe(403);
    const s = await start(1);
    expect((await as.fi!.get(`/api/exercise-sessions/${s.id}`)).status).toBe(404);
    expect((await as.fi!.get<{ items: unknown[] }>('/api/exercise-sessions')).body.items).toEqual([]);
    const bad = await as.ercc!.post<{ error: { field: string; message: string } }>('/api/exercise-sessions', {
      yaml: SCENARIO.replace('as: ee-control, level', 'as: ee-contrl, level'),
      speed: 10,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'yaml' });
    expect(bad.body.error.message).toContain('ee-contrl');
    expect((await as.ercc!.post('/api/exercise-sessions', { yaml: SCENARIO, speed: 7 })).status).toBe(400);
    const builtIn = await as.ercc!.get<{ items: Array<{ name: string }> }>('/api/exercise-scenarios');
    expect(builtIn.body.items.map((i) => i.name)).toContain('baltic-cables');
    // Paused, it plays nothing into the tests that follow.
    expect((await as.ercc!.post(`/api/exercise-sessions/${s.id}/pause`, {})).status).toBe(200);
  });

  it('never plays a step twice: not after a crash between its writes and its record, nor with two runners', async () => {
    const s = await start(60);
    // The first instance plays the report's writes and dies before recording the step.
    const [pending] = await server.platform.db.kysely
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', STEP_JOB)
      .where('state', '=', 'pending')
      .where('payload', 'like', `%${s.id}%`)
      .execute();
    const job = { id: pending!.id, payload: JSON.parse(pending!.payload) } as Job;
    await exerciseStepJob(server.platform).act!(job);
    const reports = () =>
      server.platform.db.kysely
        .selectFrom('incidents')
        .select('id')
        .where('title', '=', 'Exercise: cable down')
        .execute();
    const before = (await reports()).length;

    // Another instance takes over: the step replays into the writes already stored, and is recorded once.
    await createJobs(second.platform).runDue();
    expect((await reports()).length).toBe(before);
    const now = await session(s.id);
    expect(now.stepsDone).toBe(1);
    expect(now.incidentId).not.toBeNull();

    // Both instances' runners at once when the next step comes due: one of them plays it.
    advance(10_000);
    await Promise.all([createJobs(server.platform).runDue(), createJobs(second.platform).runDue()]);
    expect((await session(s.id)).stepsDone).toBe(2);
    const updates = (await entries(now.incidentId!)).filter((e) => e.kind === 'update');
    expect(updates).toHaveLength(1);
  });
});
