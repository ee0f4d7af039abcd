import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Disinformation, IncidentDisinformation } from './disinformation-model.js';

const HOUR = 3600_000;

describe.each(engines())('the disinformation log over HTTP on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};
  let incidentId = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['fi', 'FI', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['lv', 'LV', 'coordinator'],
      ['fiviewer', 'FI', 'viewer'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Baltic grid disturbance',
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    incidentId = created.body.id;
  });
  afterAll(() => server?.close());

  const narrative = {
    narrative: 'The blackout was staged to test martial law',
    platforms: ['Telegram', 'a regional news site'],
    countries: ['EE', 'FI'],
    observedSince: new Date(clock.now().getTime() - 2 * HOUR).toISOString(),
    reach: 'high',
    rebuttal: 'The cause is a failed cable; no emergency law is in force.',
    links: ['https://example.org/post/1'],
  };
  const path = () => `/api/incidents/${incidentId}/disinformation`;

  it('logs a narrative that only its audience sees, on the list and in the incident log', async () => {
    const posted = await as.fi!.post<Disinformation>(path(), {
      ...narrative,
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({
      narrative: narrative.narrative,
      platforms: narrative.platforms,
      countries: ['EE', 'FI'],
      reach: 'high',
      rebuttal: narrative.rebuttal,
      marking: 'TLP:AMBER',
      recordedBy: { organisation: 'FI' },
    });
    expect(posted.body.audience.sort()).toEqual(['EE', 'FI']);

    const byEe = await as.ee!.get<IncidentDisinformation>(path());
    expect(byEe.body.items.map((i) => i.id)).toEqual([posted.body.id]);
    expect(byEe.body.abilities.record).toBe(true);

    const byLv = await as.lv!.get<IncidentDisinformation>(path());
    expect(byLv.status).toBe(200);
    expect(byLv.body.items).toEqual([]);
    const lvLog = await as.lv!.get<{ items: Array<{ id: string; kind: string }> }>(
      `/api/incidents/${incidentId}/entries?kind=disinformation`,
    );
    expect(lvLog.status).toBe(200);
    expect(JSON.stringify(lvLog.body)).not.toContain(posted.body.id);
    const eeLog = await as.ee!.get(`/api/incidents/${incidentId}/entries?kind=disinformation`);
    expect(JSON.stringify(eeLog.body)).toContain(posted.body.id);
    expect(JSON.stringify(eeLog.body)).toContain('martial law');
  });

  it('refuses bad input with 400 naming the field, and a viewer with 403', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...narrative, narrative: '' }, 'narrative'],
      [{ ...narrative, platforms: [] }, 'platforms'],
      [{ ...narrative, countries: ['Estonia'] }, 'countries[0]'],
      [{ ...narrative, observedSince: 'yesterday' }, 'observedSince'],
      [{ ...narrative, reach: 'huge' }, 'reach'],
      [{ ...narrative, links: ['javascript:alert(1)'] }, 'links[0]'],
      [{ ...narrative, marking: 'TLP:RED' }, 'marking'],
      [{ ...narrative, audience: ['NATO'] }, 'audience.0'],
    ];
    for (const [body, field] of cases) {
      const refused = await as.fi!.post(path(), body);
      expect(refused.status, field).toBe(400);
      expect(refused.body, field).toMatchObject({ error: { field } });
    }
    expect((await as.fiviewer!.post(path(), narrative)).status).toBe(403);
  });
});
