import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { ExerciseClock, runExercise } from '../exercises/runner.js';
import { parseScenario } from '../exercises/scenario-file.js';
import type { Incident } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import { Forbidden } from '../platform/errors.js';
import { coordinationMetrics, metricsOverTime } from './flows.js';
import type { CoordinationMetrics, MetricsOverTime } from './model.js';

const SCENARIOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const baltic = parseScenario(fs.readFileSync(path.join(SCENARIOS, 'baltic-cables.yaml'), 'utf8'));
const START = Date.parse('2026-11-18T06:00:00Z');
const MINUTE = 60_000;

describe.each(engines())('coordination metrics over HTTP on %s', (engine) => {
  let server: TestServer;
  const clock = new ExerciseClock(START);
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: Array<[string, string, 'coordinator' | 'viewer' | 'admin']> = [
      ['fi', 'FI', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['de', 'DE', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
      ['ercc2', 'ERCC', 'coordinator'],
      ['nato', 'NATO', 'viewer'],
      ['admin', 'ERCC', 'admin'],
    ];
    for (const [key, organisation, role] of people)
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
  }, 60_000);
  afterAll(() => server?.close());

  /** Signs in afresh: the exercise clock jumps hours ahead between tests, past any idle session. */
  const signIn = async (key: string) => {
    const client = new ApiClient(server.url);
    await client.login(`${key}@example.eu`, PASSWORD);
    as[key] = client;
    return client;
  };
  const metricsOf = async (key: string, id: string) =>
    (await signIn(key)).get<CoordinationMetrics>(`/api/incidents/${id}/coordination-metrics`);
  const figure = (m: CoordinationMetrics, measure: string, organisation: string | null) =>
    m.metrics.find((x) => x.measure === measure && x.organisation === organisation)?.seconds;

  it('measures a run of the Baltic scenario against its targets and beside its earlier runs', async () => {
    const first = await runExercise(server.platform, clock, baltic, { speed: 0 });
    clock.set(clock.now().getTime() + 24 * 60 * MINUTE);
    const second = await runExercise(server.platform, clock, baltic, { speed: 0 });

    const read = await metricsOf('ee', second.incidentId);
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    const m = read.body;
    expect(m.exercise).toBe(true);
    expect(m.run).toMatchObject({ scenarioId: baltic.id, speed: 0 });
    expect(m.run?.finishedAt).not.toBeNull();
    // The same figures as the runner printed, in scenario time from the first inject.
    expect(m.metrics).toEqual(second.metrics);
    expect(figure(m, 'own-assessment', 'DE')).toBe(12 * 60);
    expect(figure(m, 'first-sitrep', null)).toBe(110 * 60);
    expect(m.targets.find((t) => t.measure === 'own-assessment' && t.organisation === 'DE')).toEqual({
      measure: 'own-assessment',
      organisation: 'DE',
      targetSeconds: 15 * 60,
      seconds: 12 * 60,
      met: true,
    });
    expect(m.targets.find((t) => t.measure === 'first-sitrep')?.met).toBe(true);
    expect(m.earlierRuns.map((r) => r.incidentId)).toEqual([first.incidentId]);
    expect(m.earlierRuns[0]!.metrics).toEqual(first.metrics);

    // An incident the caller may not see is not found; a platform admin reads no content at all.
    expect((await metricsOf('ee', '01900000-0000-7000-8000-000000000000')).status).toBe(404);
    // (Signed in through the flows: an admin's second factor follows the wall clock, not the exercise's.)
    const admin: Actor = {
      userId: '01900000-0000-7000-8000-0000000000ad',
      email: 'admin@example.eu',
      displayName: 'Admin',
      organisation: 'ERCC',
      role: 'admin',
      via: 'session',
      language: 'en',
    };
    await expect(coordinationMetrics(server.platform, admin, second.incidentId)).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(metricsOverTime(server.platform, admin, undefined)).rejects.toBeInstanceOf(Forbidden);
  }, 120_000);

  it('measures a real incident from its first report to the first approved public line, per reader', async () => {
    clock.set(clock.now().getTime() + 24 * 60 * MINUTE);
    const fi = await signIn('fi');
    const created = await fi.post<Incident>('/api/incidents', {
      title: 'Baltic grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - 10 * MINUTE).toISOString(),
      cause: 'cyber',
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    clock.set(clock.now().getTime() + 5 * MINUTE);
    const ee = await signIn('ee');
    expect(
      (await ee.post(`/api/incidents/${id}/assessments`, { memberState: 'EE', level: 'significant' })).status,
    ).toBe(201);
    clock.set(clock.now().getTime() + 15 * MINUTE);
    const drafted = await fi.post<{ messages: Array<{ messageId: string }> }>(
      `/api/incidents/${id}/public-messages`,
      {
        marking: 'TLP:CLEAR',
        event: 'Electricity grid disturbance',
        embargoUntil: clock.now().toISOString(),
        texts: [
          {
            language: 'en',
            headline: 'Power cuts',
            text: 'Rolling cuts tonight.',
            instruction: 'Charge phones.',
          },
          {
            language: 'fi',
            headline: 'Sähkökatkoja',
            text: 'Katkoja tänä yönä.',
            instruction: 'Lataa puhelimet.',
          },
          {
            language: 'et',
            headline: 'Elektrikatkestused',
            text: 'Katkestused öösel.',
            instruction: 'Laadige.',
          },
        ],
      },
    );
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    const mid = drafted.body.messages[0]!.messageId;
    clock.set(clock.now().getTime() + 10 * MINUTE);
    const approved = await fi.post(`/api/incidents/${id}/public-messages/${mid}/decisions`, {
      decision: 'approved',
      languages: ['en', 'fi'],
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const read = await metricsOf('de', id);
    expect(read.status).toBe(200);
    expect(read.body.exercise).toBe(false);
    expect(read.body.run).toBeNull();
    expect(read.body.targets).toEqual([]);
    expect(figure(read.body, 'own-assessment', 'EE')).toBe(5 * 60);
    expect(figure(read.body, 'first-public-line', null)).toBe(30 * 60);

    // A sitrep published to ERCC and FI counts for its audience only; NATO does not see the incident at all.
    clock.set(clock.now().getTime() + 10 * MINUTE);
    const ercc = await signIn('ercc');
    const compiled = await ercc.post<{ id: string }>(`/api/incidents/${id}/sitreps`, {
      audience: ['ERCC', 'FI'],
      releasableToNato: false,
    });
    expect(compiled.status, JSON.stringify(compiled.body)).toBe(201);
    const published = await (await signIn('ercc2')).post(
      `/api/incidents/${id}/sitreps/${compiled.body.id}/approval`,
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(figure((await metricsOf('fi', id)).body, 'first-sitrep', null)).toBe(40 * 60);
    expect(figure((await metricsOf('de', id)).body, 'first-sitrep', null)).toBeUndefined();
    expect((await metricsOf('nato', id)).status).toBe(404);

    // Across incidents: the real ones apart from the exercises, each with its own figures.
    const real = await as.de!.get<MetricsOverTime>('/api/coordination-metrics?exercise=false');
    expect(real.status).toBe(200);
    expect(real.body.items.map((i) => i.incidentId)).toEqual([id]);
    const exercises = await as.de!.get<MetricsOverTime>('/api/coordination-metrics?exercise=true');
    expect(exercises.body.items).toHaveLength(2);
    expect(exercises.body.items.every((i) => i.exercise)).toBe(true);
  }, 120_000);

  it('shows each organisation its own acknowledgements, and ERCC every organisation’s', async () => {
    const incident = await server.platform.db.kysely
      .selectFrom('incidents')
      .select(['id', 'created_at'])
      .where('exercise', '=', 0)
      .executeTakeFirstOrThrow();
    const at = new Date(Date.parse(incident.created_at) + 3 * MINUTE).toISOString();
    await server.platform.db.kysely
      .insertInto('notifications')
      .values(
        ['EE', 'DE'].map((organisation, i) => ({
          id: `01900000-0000-7000-8000-00000000000${i}`,
          organisation,
          kind: 'incident-reported',
          incident_id: incident.id,
          body: '{}',
          created_at: incident.created_at,
          acknowledged_at: at,
          acknowledged_by: null,
        })),
      )
      .execute();
    const acks = (m: CoordinationMetrics) =>
      m.metrics.filter((x) => x.measure === 'acknowledged').map((x) => x.organisation);
    expect(acks((await metricsOf('ee', incident.id)).body)).toEqual(['EE']);
    expect(acks((await metricsOf('de', incident.id)).body)).toEqual(['DE']);
    expect(acks((await metricsOf('ercc', incident.id)).body).sort()).toEqual(['DE', 'EE']);
  });
});
