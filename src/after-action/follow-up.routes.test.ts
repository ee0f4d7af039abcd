import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { ManualClock } from '../platform/clock.js';
import type { RecommendationForUs } from './follow-up-model.js';
import type { AfterActionReport } from './model.js';

type List = { items: RecommendationForUs[] };

/**
 * "Recommendations for us": each organisation lists the recommendations addressed to it in distributed reports it
 * may read, and its coordinators record their follow-up.
 */
describe.each(engines())('recommendations for us and their follow-up on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  let incidentId = '';
  const rec: Record<string, string> = {};

  const reportOf = async (
    audience: string[],
    recommendations: Array<[string, string]>,
    beforeReview: (url: string) => Promise<void> = async () => {},
  ) => {
    const base = `/api/incidents/${incidentId}/after-action`;
    const drafted = await as.ercc!.post<AfterActionReport>(base, { audience });
    expect(drafted.status).toBe(201);
    const url = `${base}/${drafted.body.id}`;
    let report = drafted.body;
    for (const [owner, text] of recommendations) {
      const added = await as.ercc!.post<AfterActionReport>(`${url}/recommendations`, {
        text,
        owner,
        dueDate: '2026-12-20',
      });
      expect(added.status).toBe(201);
      report = added.body;
    }
    await beforeReview(url);
    expect((await as.cerg!.post(`${url}/review`)).status).toBe(200);
    return { url, report };
  };
  const idOf = (report: AfterActionReport, text: string) =>
    report.recommendations.find((r) => r.text === text)!.id;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation, role] of [
      ['ercc', 'ERCC', 'coordinator'],
      ['cerg', 'CERG', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['viewer', 'EE', 'viewer'],
      ['de', 'DE', 'coordinator'],
      ['fi', 'FI', 'coordinator'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.ercc!.post<{ id: string }>('/api/incidents', {
      title: 'Exercise: Estlink 2 cable fault',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
      exercise: true,
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;

    // Distributed to EE and DE, with one recommendation for each.
    const shared = await reportOf(
      ['EE', 'DE'],
      [
        ['EE', 'Keep a repair vessel under contract'],
        ['DE', 'Rehearse the gas reroute twice a year'],
      ],
    );
    expect((await as.cerg!.post(`${shared.url}/distribution`)).status).toBe(200);
    rec.ee = idOf(shared.report, 'Keep a repair vessel under contract');
    rec.de = idOf(shared.report, 'Rehearse the gas reroute twice a year');

    // Reviewed, not distributed: EE reads it for the section it writes, but nothing in it is for EE yet.
    const pending = await reportOf(
      ['EE'],
      [['EE', 'Publish own assessments within the hour']],
      async (url) => {
        expect((await as.ercc!.put(`${url}/sections/lessons/owner`, { owner: 'EE' })).status).toBe(200);
      },
    );
    rec.pending = idOf(pending.report, 'Publish own assessments within the hour');
    expect((await as.ee!.get(pending.url)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("lists only the organisation's own recommendations of distributed reports, with report and incident", async () => {
    const ee = await as.ee!.get<List>('/api/me/recommendations');
    expect(ee.status).toBe(200);
    expect(ee.body.items.map((i) => i.id)).toEqual([rec.ee]);
    expect(ee.body.items[0]).toMatchObject({
      text: 'Keep a repair vessel under contract',
      status: 'open',
      incident: { id: incidentId, title: 'Exercise: Estlink 2 cable fault', exercise: true },
      report: { title: 'Post-incident report: Exercise: Estlink 2 cable fault' },
      followUp: null,
      history: [],
      abilities: { recordFollowUp: true },
    });
    // A viewer sees the list; only coordinators record follow-up.
    const viewer = await as.viewer!.get<List>('/api/me/recommendations');
    expect(viewer.body.items.map((i) => [i.id, i.abilities.recordFollowUp])).toEqual([[rec.ee, false]]);
    expect((await as.de!.get<List>('/api/me/recommendations')).body.items.map((i) => i.id)).toEqual([rec.de]);
    expect((await as.fi!.get<List>('/api/me/recommendations')).body.items).toEqual([]);
    const me = await as.ee!.get<{ abilities: { readRecommendationsForUs: boolean } }>('/api/me');
    expect(me.body.abilities.readRecommendationsForUs).toBe(true);
  });

  it('refuses follow-up by another organisation (403) and hides it from one outside the report (404)', async () => {
    const body = { status: 'done', note: 'Done by us' };
    const path = (id: string) => `/api/after-action/recommendations/${id}/follow-up`;
    const de = await as.de!.post<{ error: { code: string } }>(path(rec.ee!), body);
    expect(de.status).toBe(403);
    expect((await as.viewer!.post(path(rec.ee!), body)).status).toBe(403);
    expect((await as.cerg!.post(path(rec.ee!), body)).status).toBe(403);
    expect((await as.fi!.post(path(rec.ee!), body)).status).toBe(404);
    expect((await as.ee!.post(path('no-such-recommendation'), body)).status).toBe(404);
    // Not distributed yet: nothing to follow up, even for the organisation it names and which reads the draft.
    expect((await as.ee!.post(path(rec.pending!), body)).status).toBe(403);
    const history = await server.platform.db.kysely
      .selectFrom('after_action_follow_ups')
      .select('id')
      .execute();
    expect(history).toEqual([]);
  });

  it('refuses a bad follow-up with the field it names', async () => {
    const path = `/api/after-action/recommendations/${rec.ee}/follow-up`;
    const unknown = await as.ee!.post<{ error: { field?: string } }>(path, { status: 'maybe', note: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('status');
    const empty = await as.ee!.post<{ error: { field?: string } }>(path, { status: 'planned', note: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('note');
    expect((await as.ee!.get('/api/me/recommendations?followUp=someday')).status).toBe(400);
  });

  it('records follow-up once per Idempotency-Key, audited, moving the status, and filters by it', async () => {
    const path = `/api/after-action/recommendations/${rec.ee}/follow-up`;
    const first = { status: 'in-progress', note: 'Tender for a vessel is out' };
    const planned = await as.ee!.post<RecommendationForUs>(path, first, { 'idempotency-key': 'fu-1' });
    expect(planned.status).toBe(201);
    expect(planned.body).toMatchObject({
      status: 'in-progress',
      followUp: {
        status: 'in-progress',
        note: 'Tender for a vessel is out',
        recordedBy: { organisation: 'EE' },
        recordedAt: '2026-12-01T09:00:00.000Z',
      },
    });
    const again = await as.ee!.post<RecommendationForUs>(path, first, { 'idempotency-key': 'fu-1' });
    expect(again.body).toEqual(planned.body);
    expect(
      (await as.ee!.post(path, { status: 'done', note: 'other' }, { 'idempotency-key': 'fu-1' })).status,
    ).toBe(409);

    clock.advance(600_000);
    const done = await as.ee!.post<RecommendationForUs>(path, {
      status: 'done',
      note: 'Vessel contracted until 2028',
    });
    expect(done.body.status).toBe('done');
    expect(done.body.history.map((f) => f.status)).toEqual(['in-progress', 'done']);

    expect(
      (await as.ee!.get<List>('/api/me/recommendations?followUp=done')).body.items.map((i) => i.id),
    ).toEqual([rec.ee]);
    expect((await as.ee!.get<List>('/api/me/recommendations?followUp=in-progress')).body.items).toEqual([]);
    expect((await as.ee!.get<List>('/api/me/recommendations?followUp=none')).body.items).toEqual([]);
    expect(
      (await as.de!.get<List>('/api/me/recommendations?followUp=none')).body.items.map((i) => i.id),
    ).toEqual([rec.de]);

    // The report's own view follows the status the addressed organisation reported.
    const reports = await as.ercc!.get<{ items: AfterActionReport[] }>(
      `/api/incidents/${incidentId}/after-action`,
    );
    const tracked = reports.body.items.flatMap((r) => r.recommendations).find((r) => r.id === rec.ee);
    expect(tracked?.status).toBe('done');
    // Its drafter and CERG track the follow-up; another organisation of the audience sees the status, not the note.
    expect(tracked?.followUp).toMatchObject({ status: 'done', note: 'Vessel contracted until 2028' });
    const byOthers = async (client: ApiClient) =>
      (
        await client.get<{ items: AfterActionReport[] }>(`/api/incidents/${incidentId}/after-action`)
      ).body.items
        .flatMap((r) => r.recommendations)
        .find((r) => r.id === rec.ee);
    expect((await byOthers(as.cerg!))?.followUp?.status).toBe('done');
    expect((await byOthers(as.ee!))?.followUp?.status).toBe('done');
    expect(await byOthers(as.de!)).toMatchObject({ status: 'done', followUp: null });
    const across = await as.de!.get<{ items: Array<{ id: string; followUp: unknown }> }>(
      '/api/after-action/recommendations',
    );
    expect(across.body.items.find((r) => r.id === rec.ee)?.followUp).toBeNull();
    const audit = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select('action')
      .where('action', '=', 'after-action.follow-up-recorded')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
