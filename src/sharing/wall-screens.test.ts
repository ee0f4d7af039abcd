import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { CreatedDisplayToken } from '../accounts/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { API_ROOT, TAXII_MEDIA_TYPE } from '../taxii/model.js';

describe.each(engines())('what a wall screen reaches on %s', (engine) => {
  let server: TestServer;
  let coordinator: ApiClient;
  let wall: ApiClient;
  let displayToken: string;
  let incidentId: string;
  let entryId: string;
  let sitrepId: string;
  let messageId: string;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    coordinator = new ApiClient(server.url);
    await coordinator.login('fi@example.eu', PASSWORD);
    const incident = await coordinator.post<Incident>('/api/incidents', {
      title: 'Subsea cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(incident.status).toBe(201);
    incidentId = incident.body.id;
    const entry = await coordinator.post<Entry>(`/api/incidents/${incidentId}/entries`, {
      kind: 'note',
      text: 'Repair ship on its way',
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
    expect(entry.status).toBe(201);
    entryId = entry.body.id;
    const sitrep = await coordinator.post<{ id: string }>(`/api/incidents/${incidentId}/sitreps`, {
      audience: ['FI'],
    });
    expect(sitrep.status, JSON.stringify(sitrep.body)).toBe(201);
    sitrepId = sitrep.body.id;
    const message = await coordinator.post<{ messages: Array<{ messageId: string }> }>(
      `/api/incidents/${incidentId}/public-messages`,
      {
        marking: 'TLP:CLEAR',
        event: 'Subsea cable cut',
        embargoUntil: '2026-01-01T00:00:00Z',
        texts: [
          { language: 'en', headline: 'Cable cut', text: 'Connections are slower.' },
          { language: 'fi', headline: 'Kaapeli poikki', text: 'Yhteydet ovat hitaampia.' },
        ],
      },
    );
    expect(message.status, JSON.stringify(message.body)).toBe(201);
    messageId = message.body.messages[0]!.messageId;
    const approved = await coordinator.post(
      `/api/incidents/${incidentId}/public-messages/${messageId}/decisions`,
      { decision: 'approved', languages: ['en', 'fi'] },
    );
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const display = await coordinator.post<CreatedDisplayToken>('/api/display-tokens', { name: 'Ops room' });
    expect(display.status).toBe(201);
    displayToken = display.body.token;
    wall = new ApiClient(server.url);
    expect((await wall.post('/api/auth/display', { token: displayToken })).status).toBe(200);
  });
  afterAll(() => server?.close());

  const exports = () => [
    `/api/incidents/${incidentId}/stix`,
    `/api/incidents/${incidentId}/export`,
    `/api/incidents/${incidentId}/assistance/edxl-rm`,
    `/api/incidents/${incidentId}/public-messages/${messageId}/cap`,
    `/api/incidents/${incidentId}/sitreps/${sitrepId}/pdf`,
    `/api/incidents/${incidentId}/sitreps/${sitrepId}/docx`,
    `/api/incidents/${incidentId}/sitreps/${sitrepId}`,
    `/api/incidents/${incidentId}/entries/${entryId}`,
    '/api/search?q=cable',
  ];

  it('refuses every export, search and entry detail to a wall screen, which a coordinator gets', async () => {
    const bearer = new ApiClient(server.url, { authorization: `Bearer ${displayToken}` });
    for (const path of exports()) {
      expect((await coordinator.get(path)).status, path).toBe(200);
      for (const screen of [wall, bearer]) {
        const refused = await screen.get<{ error: { code: string; message: string } }>(path);
        expect(refused.status, path).toBe(403);
        expect(refused.body, path).toEqual({
          error: { code: 'forbidden', message: 'a wall screen only shows incidents and their pictures' },
        });
      }
    }
  });

  it('keeps showing the wall: incidents, the picture and the latest entries', async () => {
    for (const path of [
      '/api/me',
      '/api/incidents',
      `/api/incidents/${incidentId}`,
      `/api/incidents/${incidentId}/picture`,
      `/api/incidents/${incidentId}/entries`,
    ]) {
      expect((await wall.get(path)).status, path).toBe(200);
    }
    expect((await wall.get('/api/no-such-route')).status).toBe(404);
  });

  it('pulls TAXII with an API token only, never with a wall screen', async () => {
    const token = await coordinator.post<{ token: string }>('/api/me/tokens', { name: 'CERT feed' });
    expect(token.status).toBe(201);
    const root = `/taxii2/${API_ROOT}/collections/`;
    const pull = (credential: string) =>
      new ApiClient(server.url, { authorization: `Bearer ${credential}`, accept: TAXII_MEDIA_TYPE }).get(
        root,
      );
    expect((await pull(token.body.token)).status).toBe(200);
    expect((await pull(displayToken)).status).toBe(403);
  });
});
