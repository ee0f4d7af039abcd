import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient, type SseEvent } from '../../test/support/sse.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { SharingGroup } from '../sharing/model.js';
import { hubs } from './routes.js';

/** Readers of several organisations and roles; each opens many streams at once (tabs, wall screens). */
const READERS = [
  { key: 'fi', organisation: 'FI', role: 'coordinator' },
  { key: 'fi2', organisation: 'FI', role: 'coordinator' },
  { key: 'fiv', organisation: 'FI', role: 'viewer' },
  { key: 'de', organisation: 'DE', role: 'coordinator' },
  { key: 'ee', organisation: 'EE', role: 'coordinator' },
  { key: 'fr', organisation: 'FR', role: 'viewer' },
  { key: 'eeas', organisation: 'EEAS', role: 'coordinator' },
  { key: 'ercc', organisation: 'ERCC', role: 'coordinator' },
  { key: 'nato', organisation: 'NATO', role: 'coordinator' },
] as const;
const STREAMS_PER_READER = 36;

const email = (key: string) => `${key}@example.eu`;
const about = (id: string) => (e: SseEvent) =>
  (e.event === 'entry' && (e.data as Entry).id === id) ||
  (e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === id);

describe.each(engines())('several hundred streams of mixed organisations on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const streams: Array<{ reader: string; stream: SseClient }> = [];

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const r of READERS) {
      await server.createUser({
        email: email(r.key),
        password: PASSWORD,
        organisation: r.organisation,
        role: r.role,
      });
      as[r.key] = new ApiClient(server.url);
      await as[r.key]!.login(email(r.key), PASSWORD);
    }
    for (const r of READERS) {
      for (let i = 0; i < STREAMS_PER_READER; i++) {
        const stream = new SseClient(`${server.url}/api/stream`, { cookie: as[r.key]!.cookie! });
        expect(await stream.open()).toBe(200);
        streams.push({ reader: r.key, stream });
      }
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of streams) s.stream.close();
    await server?.close();
  });

  it('delivers every allowed entry exactly once to every stream, and nothing else', async () => {
    expect(hubs.get(server.app)?.size).toBe(READERS.length * STREAMS_PER_READER);
    const fi = as.fi!;
    const de = as.de!;
    const natoIncident = (
      await fi.post<Incident>('/api/incidents', {
        title: 'Released to NATO',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
        releasableToNato: true,
      })
    ).body;
    const euIncident = (
      await de.post<Incident>('/api/incidents', {
        title: 'EU only',
        reportedBy: 'DE',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const group = (
      await fi.post<SharingGroup>('/api/sharing-groups', { name: 'Baltic cell', members: ['FI', 'EE'] })
    ).body;
    const notes: Record<string, unknown>[] = [
      { kind: 'note', text: 'green for all', marking: 'TLP:GREEN' },
      { kind: 'note', text: 'amber FI DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] },
      { kind: 'note', text: 'amber strict EEAS', marking: 'TLP:AMBER+STRICT', audience: ['EEAS'] },
      { kind: 'note', text: 'red to fi2', marking: 'TLP:RED', recipients: [email('fi2')] },
      { kind: 'note', text: 'clear to NATO', marking: 'TLP:CLEAR', releasableToNato: true },
      { kind: 'note', text: 'group', marking: 'TLP:AMBER', sharingGroup: group.id },
      { kind: 'note', text: 'amber ERCC FR', marking: 'TLP:AMBER', audience: ['ERCC', 'FR'] },
    ];
    const posted: Array<{ id: string; incidentId: string; note: number; author: string }> = [];
    for (const [i, body] of notes.entries()) {
      for (const [author, incident] of [
        [fi, natoIncident],
        [de, euIncident],
      ] as const) {
        if (author === de && (body.sharingGroup || body.releasableToNato)) continue;
        const res = await author.post<Entry>(`/api/incidents/${incident.id}/entries`, body);
        expect(res.status, `note ${i}: ${JSON.stringify(res.body)}`).toBe(201);
        posted.push({
          id: res.body.id,
          incidentId: incident.id,
          note: i,
          author: author === fi ? 'fi' : 'de',
        });
      }
    }
    // One widening and one narrowing: the first AMBER note reaches EE, the NATO note is taken back from NATO.
    const amber = posted.find((p) => p.note === 1 && p.author === 'fi')!;
    const toNato = posted.find((p) => p.note === 4)!;
    // NATO must have had the note before it is taken back; otherwise the fan-out may already read the narrowed
    // reach and rightly never deliver it (on PostgreSQL the event is read after the notification).
    await Promise.all(
      streams
        .filter((s) => s.reader === 'nato')
        .map((s) =>
          s.stream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === toNato.id, 60_000),
        ),
    );
    expect(
      (
        await fi.post(`/api/incidents/${amber.incidentId}/entries/${amber.id}/reach`, {
          marking: 'TLP:AMBER',
          audience: ['FI', 'DE', 'EE'],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fi.post(`/api/incidents/${toNato.incidentId}/entries/${toNato.id}/reach`, {
          marking: 'TLP:CLEAR',
          releasableToNato: false,
        })
      ).status,
    ).toBe(200);
    // The fence: seen by every reader; once a stream has it, it has everything written before.
    const fence = (
      await fi.post<Entry>(`/api/incidents/${natoIncident.id}/entries`, {
        kind: 'note',
        text: 'fence',
        marking: 'TLP:CLEAR',
        releasableToNato: true,
      })
    ).body;
    await Promise.all(
      streams.map((s) =>
        s.stream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.id, 60_000),
      ),
    );

    let allowed = 0;
    for (const r of READERS) {
      const mine = streams.filter((s) => s.reader === r.key);
      for (const p of posted) {
        const detail = await as[r.key]!.get<Entry>(`/api/incidents/${p.incidentId}/entries/${p.id}`);
        const changed = p.id === amber.id || p.id === toNato.id;
        for (const { stream } of mine) {
          const events = stream.events.filter(about(p.id));
          if (detail.status === 200) {
            allowed++;
            // The last word is the entry exactly as GET gives it; an entry never changed came exactly once.
            expect(events.at(-1), `${r.key} ${p.id}`).toMatchObject({ event: 'entry', data: detail.body });
            if (!changed) expect(events, `${r.key} ${p.id}`).toHaveLength(1);
          } else {
            expect(detail.status).toBe(404);
            // Only NATO ever had something it lost; nobody else may hear of these entries at all.
            if (r.key !== 'nato' || p.id !== toNato.id)
              expect(events, `${r.key} ${p.id} must not leak`).toEqual([]);
          }
        }
      }
      // Positions only increase on every stream, widening included.
      for (const { stream } of mine) {
        const ids = stream.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
        for (let i = 1; i < ids.length; i++) expect(ids[i]!).toBeGreaterThan(ids[i - 1]!);
      }
    }
    // Mixed audiences: many deliveries allowed, and several readers left out of each restricted note.
    expect(allowed).toBeGreaterThan(posted.length * STREAMS_PER_READER * 3);
    // NATO lost the note it had: withdrawn on each of its streams.
    for (const { stream } of streams.filter((s) => s.reader === 'nato')) {
      expect(stream.events.filter(about(toNato.id)).map((e) => e.event)).toEqual([
        'entry',
        'entry-withdrawn',
      ]);
    }
    // EE gained the AMBER note by the widening, on each of its streams.
    for (const { stream } of streams.filter((s) => s.reader === 'ee')) {
      expect(stream.events.filter(about(amber.id)).map((e) => e.event)).toEqual(['entry']);
    }
  }, 180_000);
});
