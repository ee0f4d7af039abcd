import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecommendationForUs } from '../src/after-action/follow-up-model.js';
import type { AfterActionReport } from '../src/after-action/model.js';
import type { Entry } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import { ManualClock } from '../src/platform/clock.js';
import { engines } from './support/engines.js';
import { exerciseScenario, exerciseServer, signInCoordinators } from './support/exercise-session.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { SseClient } from './support/sse.js';

/*
 * Findings of an attacker on this session's changes (Recommendations for us and their follow-up, the exercise's
 * own Presidency, the wall-screen gate): each case is a way one of them showed something outside its audience.
 */

type List = { items: RecommendationForUs[] };

describe.each(engines())('what the follow-up of recommendations still told others, on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  let incidentId = '';
  let reportUrl = '';
  let recommendationId = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['ercc', 'ERCC'],
      ['cerg', 'CERG'],
      ['de', 'DE'],
      ['fr', 'FR'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.ercc!.post<{ id: string }>('/api/incidents', {
      title: 'Exercise: Rhine gas interconnector outage',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'DE', level: 'significant' }],
      exercise: true,
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
    const drafted = await as.ercc!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
      audience: ['DE', 'FR'],
    });
    expect(drafted.status).toBe(201);
    reportUrl = `/api/incidents/${incidentId}/after-action/${drafted.body.id}`;
    const added = await as.ercc!.post<AfterActionReport>(`${reportUrl}/recommendations`, {
      text: 'Rehearse the gas reroute twice a year',
      owner: 'DE',
      dueDate: '2026-12-20',
    });
    expect(added.status).toBe(201);
    recommendationId = added.body.recommendations[0]!.id;
    expect((await as.cerg!.post(`${reportUrl}/review`)).status).toBe(200);
    expect((await as.ercc!.post(`${reportUrl}/distribution`)).status).toBe(200);
  });
  afterAll(() => server?.close());

  it("keeps an organisation's follow-up from the one a recommendation is re-addressed to", async () => {
    const note = 'Our compressor station at Mallnow cannot take the reroute before March';
    const followed = await as.de!.post(`/api/after-action/recommendations/${recommendationId}/follow-up`, {
      status: 'planned',
      note,
    });
    expect(followed.status).toBe(201);
    // The drafter re-addresses the recommendation to FR, which reads the report as part of its audience.
    const moved = await as.ercc!.patch(`${reportUrl}/recommendations/${recommendationId}`, { owner: 'FR' });
    expect(moved.status).toBe(200);

    const fr = (await as.fr!.get<List>('/api/me/recommendations')).body.items;
    expect(fr.map((i) => i.id)).toEqual([recommendationId]);
    // DE's account is DE's, to those who track the recommendation: FR gets it neither as its follow-up nor in history.
    expect(fr[0]!.followUp).toBeNull();
    expect(fr[0]!.history).toEqual([]);
    const inReport = (await as.fr!.get<AfterActionReport>(reportUrl)).body.recommendations.find(
      (r) => r.id === recommendationId,
    );
    expect(inReport?.followUp ?? null).toBeNull();
    expect(JSON.stringify(await as.fr!.get(reportUrl))).not.toContain('Mallnow');

    // FR's own follow-up is then the one the recommendation shows, to FR and to those who track it.
    const own = await as.fr!.post<RecommendationForUs>(
      `/api/after-action/recommendations/${recommendationId}/follow-up`,
      { status: 'in-progress', note: 'Reroute drill booked for January' },
    );
    expect(own.status).toBe(201);
    expect(own.body.history.map((f) => f.recordedBy.organisation)).toEqual(['FR']);
    const tracked = (await as.ercc!.get<AfterActionReport>(reportUrl)).body.recommendations.find(
      (r) => r.id === recommendationId,
    );
    expect(tracked?.followUp).toMatchObject({ note: 'Reroute drill booked for January' });
  });
});

/** The exercise world's Presidency is Poland's; on 18 November 2026 the calendar's is Ireland's. */
const POLISH_WORLD = exerciseScenario({
  id: 'red-team-presidency',
  title: 'A pipeline between Finland and Estonia',
  participants: ['FI', 'EE', 'ERCC'],
  reportTitle: 'Exercise: Balticconnector pressure drop',
});

describe.each(engines())('what follow-up held against retries and outsiders, on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    Object.assign(as, await signInCoordinators(server, ['ERCC', 'CERG', 'DE', 'EE']));
    const created = await as.ERCC!.post<Incident>('/api/incidents', {
      title: 'Exercise: Rhine gas interconnector outage',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'DE', level: 'significant' }],
      exercise: true,
    });
    const base = `/api/incidents/${created.body.id}/after-action`;
    const drafted = await as.ERCC!.post<AfterActionReport>(base, { audience: ['DE'] });
    const url = `${base}/${drafted.body.id}`;
    const added = await as.ERCC!.post<AfterActionReport>(`${url}/recommendations`, {
      text: 'Recommendation for DE',
      owner: 'DE',
      dueDate: '2026-12-20',
    });
    expect(added.status).toBe(201);
    rec.de = added.body.recommendations[0]!.id;
    // EE is not in the report's audience: nothing is addressed to it, neither at first nor by re-addressing.
    const outside = { text: 'Recommendation for EE', owner: 'EE', dueDate: '2026-12-20' };
    const refused = await as.ERCC!.post<{ error: { field?: string } }>(`${url}/recommendations`, outside);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('owner');
    expect((await as.ERCC!.patch(`${url}/recommendations/${rec.de}`, { owner: 'EE' })).status).toBe(400);
    expect((await as.CERG!.post(`${url}/review`)).status).toBe(200);
    expect((await as.ERCC!.post(`${url}/distribution`)).status).toBe(200);
  });
  afterAll(() => server?.close());

  it('records one follow-up for many parallel retries of one Idempotency-Key', async () => {
    const path = `/api/after-action/recommendations/${rec.de}/follow-up`;
    const body = { status: 'planned', note: 'Reroute drill in the spring' };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        as.DE!.post<RecommendationForUs>(path, body, { 'idempotency-key': 'once' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const rows = await server.platform.db.kysely
      .selectFrom('after_action_follow_ups')
      .select('id')
      .where('recommendation_id', '=', rec.de!)
      .execute();
    expect(rows).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.followUp?.id))).toEqual(new Set([rows[0]!.id]));
  });

  it('gives an organisation outside the report neither the recommendation nor a way to follow it up', async () => {
    expect((await as.EE!.get<List>('/api/me/recommendations')).body.items).toEqual([]);
    const refused = await as.EE!.post(`/api/after-action/recommendations/${rec.de}/follow-up`, {
      status: 'done',
      note: 'Done',
    });
    expect(refused.status).toBe(404);
  });
});

describe.each(engines())('what a merge of exercises told another Presidency, on %s', (engine) => {
  const world = exerciseServer(engine, { organisations: ['ERCC', 'FI', 'IE', 'PL'] });
  const { as } = world;
  let played = '';
  let reported = '';

  beforeAll(async () => {
    played = (await world.startSession(POLISH_WORLD, 60)).incidentId;
    expect((await as.FI!.get<Incident>(`/api/incidents/${played}`)).body.presidency).toBe('PL');
    // An exercise incident reported by hand has no world of its own: its Presidency is the calendar's.
    const byHand = await as.FI!.post<Incident>('/api/incidents', {
      title: 'Exercise: Balticconnector pressure drop (second report)',
      reportedBy: 'FI',
      occurredAt: '2026-11-18T05:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
      exercise: true,
    });
    expect(byHand.status).toBe(201);
    expect(byHand.body.presidency).toBe('IE');
    reported = byHand.body.id;
  }, 60_000);

  it("does not hand the Presidency's entries of one exercise to another exercise's Presidency by a merge", async () => {
    // ERCC writes to the Presidency of the hand-reported exercise: Ireland reads it, Poland does not.
    const note = await as.ERCC!.post<Entry>(`/api/incidents/${reported}/entries`, {
      kind: 'note',
      text: 'Briefing for the Presidency: Inkoo terminal staffing',
      marking: 'TLP:AMBER',
      audience: ['ERCC', 'PRESIDENCY'],
    });
    expect(note.status).toBe(201);
    expect((await as.IE!.get(`/api/incidents/${reported}/entries/${note.body.id}`)).status).toBe(200);
    expect((await as.PL!.get(`/api/incidents/${reported}/entries/${note.body.id}`)).status).toBe(404);

    // FI, which reported the duplicate, merges it into the exercise Poland presides over.
    const merged = await as.FI!.post(`/api/incidents/${played}/merge`, { duplicateId: reported });
    const seenByPoland = await as.PL!.get<{ items: Entry[] }>(`/api/incidents/${played}/entries`);
    expect(JSON.stringify(seenByPoland.body)).not.toContain('Inkoo');
    // Two exercise worlds with different Presidencies are not one event: the merge is refused, saying why.
    expect(merged.status).toBe(409);
    expect(merged.body).toMatchObject({ error: { code: 'exercise-boundary', field: 'duplicateId' } });
  });
});

describe.each(engines())("what a report's distribution alert told the roll call, on %s", (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  let incidentId = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    Object.assign(as, await signInCoordinators(server, ['CERG', 'ERCC', 'EE', 'IE']));
    const created = await as.ERCC!.post<Incident>('/api/incidents', {
      title: 'Exercise: Estlink 2 cable fault',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
      exercise: true,
    });
    expect(created.status).toBe(201);
    // The Presidency (IE by the calendar) and ERCC see every organisation's row of the roll call.
    expect(created.body.presidency).toBe('IE');
    incidentId = created.body.id;
  });
  afterAll(() => server?.close());

  it('keeps a report distributed to EE alone, and when it went out, off the rows others see', async () => {
    const base = `/api/incidents/${incidentId}/after-action`;
    const drafted = await as.CERG!.post<AfterActionReport>(base, { audience: ['EE'] });
    expect(drafted.status).toBe(201);
    const url = `${base}/${drafted.body.id}`;
    expect((await as.CERG!.post(`${url}/review`)).status).toBe(200);
    expect((await as.CERG!.post(`${url}/distribution`)).status).toBe(200);
    const rowOf = async (reader: string, organisation: string) =>
      (
        await as[reader]!.get<{
          organisations: Array<{ organisation: string; alerts: Array<{ kind: string }> }>;
        }>(`/api/incidents/${incidentId}/roll-call`)
      ).body.organisations
        .find((o) => o.organisation === organisation)
        ?.alerts.map((a) => a.kind) ?? [];
    // EE was told, and sees it on its own row.
    expect(await rowOf('EE', 'EE')).toContain('after-action-report-distributed');
    // Neither the Presidency nor ERCC may read the report; its alert to EE is not theirs to see.
    for (const reader of ['IE', 'ERCC']) {
      expect((await as[reader]!.get(url)).status).toBe(404);
      const row = await rowOf(reader, 'EE');
      expect(row, reader).toContain('incident-reported');
      expect(row, reader).not.toContain('after-action-report-distributed');
    }
  });
});

describe.each(engines())('what a wall screen was told it may open, on %s', (engine) => {
  let server: TestServer;
  let wall: ApiClient;
  let de: ApiClient;
  let displayToken = '';

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'de@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'coordinator',
    });
    de = new ApiClient(server.url);
    await de.login('de@example.eu', PASSWORD);
    const display = await de.post<{ token: string }>('/api/display-tokens', { name: 'Ops room' });
    expect(display.status).toBe(201);
    displayToken = display.body.token;
    wall = new ApiClient(server.url);
    expect((await wall.post('/api/auth/display', { token: display.body.token })).status).toBe(200);
  });
  afterAll(() => server?.close());

  it('offers a wall screen no page its gate refuses: the assistance board, Recommendations for us', async () => {
    const me = await wall.get<{ abilities: Record<string, unknown> }>('/api/me');
    expect(me.status).toBe(200);
    expect((await wall.get('/api/assistance/board')).status).toBe(403);
    expect((await wall.get('/api/me/recommendations')).status).toBe(403);
    expect(me.body.abilities).toMatchObject({ readAssistanceBoard: false, readRecommendationsForUs: false });
  });

  it("keeps the bell's notifications off a wall screen's stream, as its gate keeps the bell", async () => {
    expect((await wall.get('/api/notifications')).status).toBe(403);
    const screen = new SseClient(`${server.url}/api/stream`, { authorization: `Bearer ${displayToken}` });
    const person = new SseClient(`${server.url}/api/stream`, { cookie: de.cookie! });
    try {
      expect(await screen.open()).toBe(200);
      expect(await person.open()).toBe(200);
      await server.createUser({
        email: 'fr@example.eu',
        password: PASSWORD,
        organisation: 'FR',
        role: 'coordinator',
      });
      const fr = new ApiClient(server.url);
      await fr.login('fr@example.eu', PASSWORD);
      // FR reports DE significantly affected: DE is asked for its own assessment, in the bell of its people.
      const reported = await fr.post<Incident>('/api/incidents', {
        title: 'Rhine gas interconnector outage',
        reportedBy: 'FR',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        impacts: [{ memberState: 'DE', level: 'significant' }],
      });
      expect(reported.status).toBe(201);
      await person.waitFor((e) => e.event === 'notification');
      // A later entry both see: once the screen has it, whatever came before it on the stream has arrived too.
      const note = await fr.post<Entry>(`/api/incidents/${reported.body.id}/entries`, {
        kind: 'note',
        text: 'Flows rerouted through Waidhaus',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);
      await screen.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === note.body.id);
      expect(screen.events.map((e) => e.event)).not.toContain('notification');
    } finally {
      screen.close();
      person.close();
    }
  });
});
