import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../../test/support/server.js';
import { SseClient } from '../../../test/support/sse.js';
import { AUDITED_CONTENT } from '../../audit/content.js';
import type { Entry } from '../../entries/model.js';
import type { Incident } from '../../incidents/model.js';
import { verifyAuditChain } from '../audit/store.js';

// Several instances need a shared database server; SQLite is one process's file.
describe.runIf(inject('postgresUrl'))('two server instances on one PostgreSQL', () => {
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
    await a.createUser({
      email: 'de@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'coordinator',
    });
    await a.createUser({
      email: 'eeas@example.eu',
      password: PASSWORD,
      organisation: 'EEAS',
      role: 'coordinator',
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('delivers an entry written on A to a subscriber on B exactly once, and only to its audience', async () => {
    const fiOnA = new ApiClient(a.url);
    await fiOnA.login('fi@example.eu', PASSWORD);
    const deOnB = new ApiClient(b.url);
    await deOnB.login('de@example.eu', PASSWORD);
    const eeasOnB = new ApiClient(b.url);
    await eeasOnB.login('eeas@example.eu', PASSWORD);
    const deStream = new SseClient(`${b.url}/api/stream`, { cookie: deOnB.cookie! });
    const eeasStream = new SseClient(`${b.url}/api/stream`, { cookie: eeasOnB.cookie! });
    expect(await deStream.open()).toBe(200);
    expect(await eeasStream.open()).toBe(200);

    const incident = (
      await fiOnA.post<Incident>('/api/incidents', {
        title: 'Two instances',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const notes: Entry[] = [];
    for (let i = 0; i < 5; i++) {
      notes.push(
        (
          await fiOnA.post<Entry>(`/api/incidents/${incident.id}/entries`, {
            kind: 'note',
            text: `amber ${i}`,
            marking: 'TLP:AMBER',
            audience: ['FI', 'DE'],
          })
        ).body,
      );
    }
    const fence = (
      await fiOnA.post<Entry>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'fence',
        marking: 'TLP:CLEAR',
      })
    ).body;
    await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.id);
    await eeasStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.id);
    const deIds = deStream.events.filter((e) => e.event === 'entry').map((e) => (e.data as Entry).id);
    for (const n of notes) expect(deIds.filter((id) => id === n.id)).toHaveLength(1);
    // In the order they were written.
    expect(deIds.filter((id) => notes.some((n) => n.id === id))).toEqual(notes.map((n) => n.id));
    expect(eeasStream.events.some((e) => notes.some((n) => JSON.stringify(e.data).includes(n.id)))).toBe(
      false,
    );

    // Withdrawing on A reaches the stream on B.
    await fiOnA.post(`/api/incidents/${incident.id}/entries/${notes[0]!.id}/reach`, {
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
    await deStream.waitFor(
      (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === notes[0]!.id,
    );
    deStream.close();
    eeasStream.close();
  });

  it('keeps one audit chain across instances under concurrent writes', async () => {
    const fiOnA = new ApiClient(a.url);
    await fiOnA.login('fi@example.eu', PASSWORD);
    const fiOnB = new ApiClient(b.url);
    await fiOnB.login('fi@example.eu', PASSWORD);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? fiOnA : fiOnB).post('/api/incidents', {
          title: `Concurrent ${i}`,
          reportedBy: 'FI',
          occurredAt: '2026-11-28T08:00:00Z',
        }),
      ),
    );
    const check = await verifyAuditChain(a.platform.db.kysely, a.platform.auditKey, AUDITED_CONTENT);
    expect(check.broken).toBeUndefined();
  });
});
