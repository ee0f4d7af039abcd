import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident, IncidentSummary } from '../incidents/model.js';
import type { CreatedDisplayToken, Me } from './model.js';

describe.each(engines())('wall-screen display tokens on %s', (engine) => {
  let server: TestServer;
  const fi = () => new ApiClient(server.url);
  let coordinator: ApiClient;
  let viewer: ApiClient;
  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'fiv@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'viewer',
    });
    coordinator = fi();
    await coordinator.login('fi@example.eu', PASSWORD);
    viewer = fi();
    await viewer.login('fiv@example.eu', PASSWORD);
  });
  afterAll(() => server?.close());

  it("carries the organisation's read rights, writes nothing, and stops when revoked", async () => {
    expect((await viewer.post('/api/display-tokens', { name: 'x' })).status).toBe(403);
    const created = await coordinator.post<CreatedDisplayToken>('/api/display-tokens', {
      name: 'Operations room, wall 1',
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^bpd_/);
    const incident = (
      await coordinator.post<Incident>('/api/incidents', {
        title: 'Wall',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    await coordinator.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'FI only',
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });

    const wall = fi();
    expect((await wall.post('/api/auth/display', { token: 'bpd_wrong' })).status).toBe(401);
    const signedIn = await wall.post<{ me: Me }>('/api/auth/display', { token: created.body.token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toMatchObject({ viaDisplay: true, role: 'viewer', organisation: { id: 'FI' } });
    expect(wall.cookie).toMatch(/^bp_display=/);
    expect((await wall.get<Me>('/api/me')).body).toMatchObject({
      viaDisplay: true,
      displayName: 'Operations room, wall 1',
    });
    expect(
      (await wall.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items.map((i) => i.id),
    ).toContain(incident.id);
    const entries = (await wall.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body.items;
    expect(entries.some((e) => e.text === 'FI only')).toBe(true);
    expect(
      (
        await wall.post(`/api/incidents/${incident.id}/entries`, {
          kind: 'note',
          text: 'x',
          marking: 'TLP:CLEAR',
        })
      ).status,
    ).toBe(403);

    await coordinator.delete(`/api/display-tokens/${created.body.id}`);
    expect((await wall.get('/api/incidents')).status).toBe(401);
  });
});
