import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient, type SseEvent } from '../../test/support/sse.js';
import { type Entry, NewEntryRequest } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';

const mentions = (id: string) => (e: SseEvent) => JSON.stringify(e.data).includes(id);

describe.each(engines())('resuming a stream by Last-Event-ID on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  const note = async (body: Record<string, unknown>) => {
    const res = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, { kind: 'note', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
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
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Resume',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
  });
  afterAll(() => server?.close());

  it('sends what the reader gained and withdraws what it lost while away, in increasing positions', async () => {
    const kept = await note({ text: 'kept', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    const lost = await note({ text: 'lost', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    const widened = await note({ text: 'widened', marking: 'TLP:AMBER', audience: ['FI'] });
    const hidden = await note({ text: 'hidden', marking: 'TLP:AMBER', audience: ['FI'] });
    const first = new SseClient(`${server.url}/api/stream`, { cookie: as.de!.cookie! });
    await first.open();
    const fence = await note({ text: 'fence 1', marking: 'TLP:GREEN' });
    const seen = await first.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.id);
    first.close();

    // While DE is away: one entry narrowed away from it, one widened to it, one new for it, one new not for it.
    await as.fi!.post(`/api/incidents/${incident.id}/entries/${lost.id}/reach`, {
      marking: 'TLP:AMBER',
      audience: ['FI'],
    });
    await as.fi!.post(`/api/incidents/${incident.id}/entries/${widened.id}/reach`, {
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    const fresh = await note({ text: 'new for DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    const notForDe = await note({ text: 'not for DE', marking: 'TLP:AMBER', audience: ['FI'] });
    const fence2 = await note({ text: 'fence 2', marking: 'TLP:GREEN' });

    const resumed = new SseClient(`${server.url}/api/stream`, {
      cookie: as.de!.cookie!,
      'last-event-id': seen.id!,
    });
    await resumed.open();
    await resumed.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence2.id);
    const gained = resumed.events
      .filter((e) => e.event === 'entry' && (e.data as Entry).kind === 'note')
      .map((e) => (e.data as Entry).id);
    expect(gained.sort()).toEqual([widened.id, fresh.id, fence2.id].sort());
    expect(resumed.events.filter((e) => e.event === 'entry-withdrawn').map((e) => e.data)).toEqual([
      { incidentId: incident.id, entryId: lost.id },
    ]);
    for (const id of [kept.id, hidden.id, notForDe.id])
      expect(resumed.events.filter(mentions(id))).toEqual([]);
    // The entries come as GET gives them, and every position is after the one resumed from.
    const widenedEvent = resumed.events.find(
      (e) => e.event === 'entry' && (e.data as Entry).id === widened.id,
    )!;
    expect(widenedEvent.data).toEqual(
      (await as.de!.get(`/api/incidents/${incident.id}/entries/${widened.id}`)).body,
    );
    const ids = resumed.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
    expect(ids[0]!).toBeGreaterThan(Number(seen.id));
    for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
    resumed.close();
  });

  it('pages through everything after the position, however much happened', async () => {
    const start = new SseClient(`${server.url}/api/stream`, { cookie: as.de!.cookie! });
    await start.open();
    const marker = await note({ text: 'marker', marking: 'TLP:GREEN' });
    const seen = await start.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === marker.id);
    start.close();
    // More events than one page of the catch-up (1,000), written directly to keep the test quick.
    const { postEntry } = await import('../entries/flows.js');
    const { authenticate } = await import('../accounts/flows.js');
    const sessionSecret = as.fi!.cookie!.split('=')[1]!;
    const fi = (await authenticate(server.platform, { sessionSecret }, { touch: false }))!.actor;
    const written: string[] = [];
    for (let i = 0; i < 1_100; i++) {
      const e = await postEntry(
        server.platform,
        fi,
        incident.id,
        NewEntryRequest.parse({
          kind: 'note',
          text: `bulk ${i}`,
          marking: 'TLP:AMBER',
          audience: ['FI', 'DE'],
        }),
      );
      written.push(e.id);
    }
    const resumed = new SseClient(`${server.url}/api/stream`, {
      cookie: as.de!.cookie!,
      'last-event-id': seen.id!,
    });
    await resumed.open();
    await resumed.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === written.at(-1), 60_000);
    const got = resumed.events.filter((e) => e.event === 'entry').map((e) => (e.data as Entry).id);
    expect(got).toEqual(written);
    resumed.close();
  }, 120_000);
});
