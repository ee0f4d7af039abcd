import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';

// Several instances need a shared database server; SQLite's other processes are covered by cli.test.ts.
describe.runIf(inject('postgresUrl'))('streams across two instances on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ engine: 'postgres' });
    b = await startTestServer({
      engine: 'postgres',
      sharing: { dataDir: a.dataDir, databaseUrl: a.databaseUrl },
    });
    await a.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('ends a stream on B when its session signs out on A, and moves positions on across instances', async () => {
    const tab = new ApiClient(a.url);
    await tab.login('fi@example.eu', PASSWORD);
    const onB = new SseClient(`${b.url}/api/stream`, { cookie: tab.cookie! });
    expect(await onB.open()).toBe(200);
    const incident = (
      await tab.post<Incident>('/api/incidents', {
        title: 'Two',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const note = (
      await tab.post<Entry>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'A',
        marking: 'TLP:GREEN',
      })
    ).body;
    const got = await onB.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === note.id);
    expect(Number(got.id)).toBeGreaterThan(0);
    expect((await tab.post('/api/auth/logout')).status).toBe(204);
    await onB.ended();
  });
});
