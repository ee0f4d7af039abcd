import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { Handover } from './handover-model.js';

type Listed = { items: Handover[]; abilities: { write: boolean } };

describe.each(engines())("an incident's handover list says who may write one on %s", (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-03T09:00:00.000Z') });
    for (const [key, organisation, role] of [
      ['coordinator', 'FI', 'coordinator'],
      ['viewer', 'FI', 'viewer'],
    ] as const) {
      await server.createUser({
        email: `${key}@abilities.example.eu`,
        password: PASSWORD,
        organisation,
        role,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@abilities.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('a coordinator may write, a viewer may not but sees the note and may take the shift over', async () => {
    const created = await as.coordinator!.post<Incident>('/api/incidents', {
      title: 'Cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-03T08:00:00.000Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const path = `/api/incidents/${created.body.id}/handovers`;
    expect((await as.coordinator!.get<Listed>(path)).body.abilities).toEqual({ write: true });
    expect((await as.viewer!.get<Listed>(path)).body.abilities).toEqual({ write: false });
    expect((await as.viewer!.post(path, { changed: 'Nothing' })).status).toBe(403);
    expect((await as.coordinator!.post(path, { changed: 'Traffic rerouted' })).status).toBe(201);
    const seen = (await as.viewer!.get<Listed>(path)).body.items;
    expect(seen.map((h) => [h.changed, h.abilities.acknowledge])).toEqual([['Traffic rerouted', true]]);
  });
});
