import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Entry } from './model.js';

describe.each(engines())('hybrid response tracks over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-02T09:00:00.000Z') });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['de', 'DE'],
      ['eeas', 'EEAS'],
      ['ercc', 'ERCC'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `${key} person`,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const notes = async (who: string, id: string) =>
    (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items.filter(
      (e) => e.kind === 'note',
    );

  it('an attribution-track note without audience reaches the EEAS and the affected states only', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Subsea cable cut, anchor dragged',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      cause: 'hybrid',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Estonia says, for itself, that it is disrupted too: both are affected states.
    const update = await as.ee!.post(`/api/incidents/${id}/updates`, {
      stage: 'cer-initial-notification',
      text: 'Our landing station lost the link',
      marking: 'TLP:AMBER',
      impacts: [{ memberState: 'EE', level: 'significant' }],
    });
    expect(update.status).toBe(201);

    const attribution = await as.eeas!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'The vessel is tied to a state actor; response options in preparation',
      marking: 'TLP:AMBER',
      track: 'attribution',
    });
    expect(attribution.status).toBe(201);
    expect(attribution.body.track).toBe('attribution');
    expect(attribution.body.audience).toEqual(['EE', 'EEAS', 'FI']);
    const service = await as.fi!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Traffic rerouted over the northern cable',
      marking: 'TLP:GREEN',
    });
    expect(service.status).toBe(201);
    expect(service.body.track).toBe('consequence-management');

    for (const reader of ['eeas', 'fi', 'ee']) {
      const seen = await notes(reader, id);
      expect(seen.find((e) => e.id === attribution.body.id)?.track).toBe('attribution');
      expect(seen.find((e) => e.id === service.body.id)?.track).toBe('consequence-management');
    }
    for (const outsider of ['de', 'ercc']) {
      const seen = (await notes(outsider, id)).map((e) => e.id);
      expect(seen).toContain(service.body.id);
      expect(seen).not.toContain(attribution.body.id);
      const direct = await as[outsider]!.get(`/api/incidents/${id}/entries/${attribution.body.id}`);
      expect(direct.status).toBe(404);
    }

    // Its correction, naming neither track nor audience, stays on the track and within the same reach.
    const correction = await as.eeas!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'The vessel is tied to a state actor; two response options drafted',
      marking: 'TLP:AMBER',
      supersedes: attribution.body.id,
    });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({ track: 'attribution', audience: ['EE', 'EEAS', 'FI'] });
    expect((await notes('de', id)).map((e) => e.id)).not.toContain(correction.body.id);
  });

  it('an author may still name the audience of an attribution-track note; an unknown track is a 400', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'GNSS jamming near the border',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    const id = created.body.id;
    const named = await as.eeas!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Shared with the Commission too',
      marking: 'TLP:AMBER',
      audience: ['EEAS', 'FI', 'ERCC'],
      track: 'attribution',
    });
    expect(named.status).toBe(201);
    expect(named.body.audience).toEqual(['EEAS', 'ERCC', 'FI']);
    const wrong = await as.eeas!.post<{ error: { field?: string } }>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:AMBER',
      track: 'blame',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('track');
  });
});
