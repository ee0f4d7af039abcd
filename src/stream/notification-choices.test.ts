import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';

describe.each(engines())("a live notification follows each reader's own choice on %s", (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fr', 'FR'],
      ['de1', 'DE'],
      ['de2', 'DE'],
      ['de3', 'DE'],
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
  });
  afterAll(() => server?.close());

  it('keeps it off the stream of whoever turned its kind off in the bell, and only theirs', async () => {
    // de1 opened its stream first, so it would be the first reader the event is presented for.
    const off = await as.de1!.put('/api/me/alert-preferences', {
      choices: [{ trigger: 'own-assessment-requested', channel: 'in-app', enabled: false }],
    });
    expect(off.status).toBe(200);
    const de1 = new SseClient(`${server.url}/api/stream`, { cookie: as.de1!.cookie! });
    const de2 = new SseClient(`${server.url}/api/stream`, { cookie: as.de2!.cookie! });
    const de3 = new SseClient(`${server.url}/api/stream`, { cookie: as.de3!.cookie! });
    try {
      for (const s of [de1, de2, de3]) expect(await s.open()).toBe(200);
      const reported = await as.fr!.post<Incident>('/api/incidents', {
        title: 'Rhine gas interconnector outage',
        reportedBy: 'FR',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        impacts: [{ memberState: 'DE', level: 'significant' }],
      });
      expect(reported.status).toBe(201);
      await de2.waitFor((e) => e.event === 'notification');
      await de3.waitFor((e) => e.event === 'notification');
      // A later entry all three see: once de1 has it, whatever came before it on its stream has arrived too.
      const note = await as.fr!.post<Entry>(`/api/incidents/${reported.body.id}/entries`, {
        kind: 'note',
        text: 'Flows rerouted through Waidhaus',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);
      await de1.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === note.body.id);
      expect(de1.events.map((e) => e.event)).not.toContain('notification');
    } finally {
      for (const s of [de1, de2, de3]) s.close();
    }
  });
});
