import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Picture } from '../picture/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Incident, IncidentSummary } from './model.js';

const NOW = '2026-11-02T09:00:00.000Z';

// The assessment is folded from the log: an update or own assessment its author retracted no longer counts, and a
// correction stands in the original's place once, never beside it.
describe.each(engines())('retracted and corrected facts in the assessment on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const organisation of ['FI', 'EE', 'DE']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@retracted-facts.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@retracted-facts.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const report = async (title: string) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const incident = async (who: string, id: string) =>
    (await as[who]!.get<Incident>(`/api/incidents/${id}`)).body;
  const picture = async (who: string, id: string) =>
    (await as[who]!.get<Picture>(`/api/incidents/${id}/picture`)).body;
  const retract = async (id: string, entryId: string) => {
    const retracted = await as.ee!.post<Entry>(`/api/incidents/${id}/entries/${entryId}/retraction`, {
      reason: 'Sent for the wrong incident',
    });
    expect(retracted.status, JSON.stringify(retracted.body)).toBe(201);
  };
  const newestOf = async (id: string, kind: string) => {
    const entries = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`);
    return entries.body.items.filter((e) => e.kind === kind).at(-1)!;
  };

  it('no longer counts a state an update made significantly affected once the update is retracted', async () => {
    const { id } = await report('Substation fire, update retracted');
    const updated = await as.ee!.post<Incident>(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'Estonian grid hit as well',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(201);
    expect(updated.body.assessment.significantlyAffected).toEqual(['EE', 'FI']);
    expect(updated.body.assessment.status).toBe('decision-required');
    expect(updated.body.assessment.reasons.join(' ')).toMatch(/Estonia|\bEE\b/);

    await retract(id, (await newestOf(id, 'update')).id);

    for (const who of ['fi', 'ee', 'de']) {
      const seen = await incident(who, id);
      expect(seen.assessment.significantlyAffected, who).toEqual(['FI']);
      expect(seen.assessment.status, who).toBe('below-threshold');
      expect(seen.memberStates, who).toEqual(['FI']);
      expect(seen.assessment.reasons.join(' '), who).not.toMatch(/Estonia|\bEE\b/);
      const states = (await picture(who, id)).states;
      expect(
        states.map((s) => s.code),
        who,
      ).toEqual(['FI']);
    }
    const listed = await as.de!.get<{ items: IncidentSummary[] }>('/api/incidents');
    const summary = listed.body.items.find((s) => s.id === id)!;
    expect(summary.assessment.significantlyAffected).toEqual(['FI']);
    expect(summary.status).toBe('below-threshold');
  });

  it('no longer counts a retracted own assessment: the claims of others stand again', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Ferry cyber attack, own assessment retracted',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    const id = created.body.id;
    expect(created.body.assessment.unconfirmed).toEqual(['EE']);
    const own = await as.ee!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: 'EE',
      level: 'none',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.assessment.ownAssessments).toEqual(['EE', 'FI']);
    expect(own.body.assessment.unconfirmed).toEqual([]);

    await retract(id, (await newestOf(id, 'own-assessment')).id);

    for (const who of ['fi', 'ee', 'de']) {
      const seen = await incident(who, id);
      expect(seen.assessment.ownAssessments, who).toEqual(['FI']);
      expect(seen.assessment.unconfirmed, who).toEqual(['EE']);
      const ee = (await picture(who, id)).states.find((s) => s.code === 'EE')!;
      expect(ee.ownAssessment, who).toBe(false);
      expect(ee.claimedBy, who).toEqual(['FI']);
    }
  });

  it('counts a corrected update once, as it stands', async () => {
    const { id } = await report('Pipeline leak, update corrected');
    await as.ee!.post<Incident>(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'Estonian gas supply reduced',
      impacts: [{ memberState: 'EE', level: 'minor', service: 'gas supply' }],
    });
    const update = await newestOf(id, 'update');
    const corrected = await as.ee!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Estonian gas supply reduced in Tartu only',
      marking: 'TLP:GREEN',
      supersedes: update.id,
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    for (const who of ['fi', 'de']) {
      const seen = await incident(who, id);
      expect(seen.assessment.minorlyAffected, who).toEqual(['EE']);
      expect(seen.assessment.significantlyAffected, who).toEqual(['FI']);
      const ee = (await picture(who, id)).states.filter((s) => s.code === 'EE');
      expect(
        ee.map((s) => [s.level, s.services]),
        who,
      ).toEqual([['minor', ['gas supply']]]);
    }
  });

  it("refuses to retract the incident's first report, naming what to do instead", async () => {
    const { id } = await report('Wrongly reported outage');
    const first = (await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items.find(
      (e) => e.kind === 'report',
    )!;
    const refused = await as.fi!.post(`/api/incidents/${id}/entries/${first.id}/retraction`, {
      reason: 'Not an incident after all',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'first-report' } });
    expect((await incident('de', id)).assessment.significantlyAffected).toEqual(['FI']);
  });
});
