import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Decision, IncidentDecisions } from './decisions-model.js';

const NOW = '2026-11-02T09:00:00.000Z';

/** A hybrid incident's decisions belong to one track each, like its notes (src/sharing/tracks.ts). */
describe.each(engines())('decisions on the two tracks over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let id = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['FI', 'DE', 'EEAS']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      cause: 'hybrid',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    id = created.body.id;
  });
  afterAll(() => server?.close());

  const decisionsOf = async (who: string) =>
    (await as[who]!.get<IncidentDecisions>(`/api/incidents/${id}/decisions`)).body.decisions;
  const logOf = async (who: string) =>
    (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=decision`)).body.items;

  it('an attribution-track decision without an audience goes to the EEAS and the affected states only', async () => {
    const recorded = await as.eeas!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'EEAS crisis cell',
      what: 'Prepare attribution options for the Council',
      track: 'attribution',
      marking: 'TLP:AMBER',
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ track: 'attribution', audience: ['EEAS', 'FI'] });

    expect((await decisionsOf('fi')).find((d) => d.id === recorded.body.id)?.track).toBe('attribution');
    expect((await logOf('fi')).find((e) => e.id === recorded.body.id)?.track).toBe('attribution');
    expect((await decisionsOf('de')).map((d) => d.id)).not.toContain(recorded.body.id);
    expect((await logOf('de')).map((e) => e.id)).not.toContain(recorded.body.id);
  });

  it('a decision names no track, or consequence management: it stays there, for all participants', async () => {
    for (const track of [undefined, 'consequence-management']) {
      const recorded = await as.fi!.post<Decision>(`/api/incidents/${id}/decisions`, {
        level: 'operational',
        decidedBy: 'FI crisis cell',
        what: `Reroute traffic over Sweden (${track ?? 'no track'})`,
        ...(track ? { track } : {}),
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body.track).toBe('consequence-management');
      expect((await decisionsOf('de')).map((d) => d.id)).toContain(recorded.body.id);
      expect((await logOf('de')).find((e) => e.id === recorded.body.id)?.track).toBe(
        'consequence-management',
      );
    }
  });

  it('an attribution-track decision with a chosen audience keeps it, and an unknown track is refused by its field', async () => {
    const chosen = await as.eeas!.post<Decision>(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'EEAS',
      what: 'Brief Germany on the vessel',
      track: 'attribution',
      marking: 'TLP:AMBER',
      audience: ['EEAS', 'DE'],
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body.audience).toEqual(['EEAS', 'DE']);
    expect((await decisionsOf('de')).map((d) => d.id)).toContain(chosen.body.id);

    const bad = await as.eeas!.post<{ error: { field?: string } }>(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'EEAS',
      what: 'x',
      track: 'diplomatic',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('track');
  });
});
