import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { Entry, IncidentExport } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';
/** A word only the restricted response entries carry, to look for on every read path. */
const WORD = 'zirconfjord';

/**
 * The response's own entry kinds (decisions, actions, meetings, minutes, shift handovers, forwards, ISAA reports)
 * reach only their audience on every read path: the log, an entry, the stream, the export and search.
 */
describe.each(engines())('the response entries on every read path on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const streams: Record<string, SseClient> = {};
  let id = '';
  /** The restricted entries by kind, and who may read each besides its author's organisation FI. */
  const written: Array<{ kind: string; entryId: string; reader: string }> = [];

  const entriesOf = async (who: string) =>
    (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items;
  const newEntry = async (kind: string, write: () => Promise<{ status: number }>) => {
    const before = new Set((await entriesOf('fi')).map((e) => e.id));
    const res = await write();
    expect(res.status).toBe(201);
    const added = (await entriesOf('fi')).filter((e) => !before.has(e.id) && e.kind === kind);
    expect(added).toHaveLength(1);
    return added[0]!.id;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['FI', 'DE', 'IE', 'ERCC', 'EEAS']) {
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
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      cause: 'hybrid',
      suspectedDeliberate: true,
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    id = incident.body.id;
    expect(
      (await as.ercc!.post(`/api/incidents/${id}/mechanisms`, { mechanism: 'ucpm', state: 'requested' }))
        .status,
    ).toBe(201);
    for (const who of ['de', 'eeas', 'ercc', 'fi']) {
      streams[who] = new SseClient(`${server.url}/api/stream`, { cookie: as[who]!.cookie! });
      expect(await streams[who]!.open()).toBe(200);
    }

    const restricted = { marking: 'TLP:AMBER', audience: ['FI', 'EEAS'] };
    const decision = await newEntry('decision', () =>
      as.fi!.post(`/api/incidents/${id}/decisions`, {
        level: 'strategic',
        decidedBy: 'FI crisis cell',
        what: `Close the ${WORD} shipping lane`,
        ...restricted,
      }),
    );
    written.push({ kind: 'decision', entryId: decision, reader: 'eeas' });
    written.push({
      kind: 'action',
      reader: 'eeas',
      entryId: await newEntry('action', () =>
        as.fi!.post(`/api/incidents/${id}/actions`, {
          title: `Patrol the ${WORD} lane`,
          ownerOrganisation: 'FI',
          decisionId: decision,
          ...restricted,
        }),
      ),
    });
    let meetingId = '';
    written.push({
      kind: 'meeting',
      reader: 'eeas',
      entryId: await newEntry('meeting', async () => {
        const res = await as.fi!.post<{ id: string }>(`/api/incidents/${id}/meetings`, {
          title: `${WORD} technical call`,
          format: 'technical-call',
          startsAt: '2026-11-02T12:00:00Z',
          endsAt: '2026-11-02T13:00:00Z',
          invited: ['FI', 'EEAS'],
          marking: 'TLP:AMBER',
          audience: ['FI', 'EEAS'],
        });
        meetingId = res.body.id;
        return res;
      }),
    });
    written.push({
      kind: 'meeting-minutes',
      reader: 'eeas',
      entryId: await newEntry('meeting-minutes', () =>
        as.fi!.post(`/api/incidents/${id}/meetings/${meetingId}/minutes`, {
          minutes: `The ${WORD} lane is closed`,
        }),
      ),
    });
    written.push({
      kind: 'shift-handover',
      reader: 'fi',
      entryId: await newEntry('shift-handover', () =>
        as.fi!.post(`/api/incidents/${id}/handovers`, { changed: `The ${WORD} lane closed at noon` }),
      ),
    });
    const update = await newEntry('update', () =>
      as.fi!.post(`/api/incidents/${id}/updates`, {
        stage: 'other',
        text: `Repair ship near ${WORD}`,
        marking: 'TLP:GREEN',
      }),
    );
    written.push({
      kind: 'forwarded',
      reader: 'ercc',
      entryId: await newEntry('forwarded', () =>
        as.fi!.post(`/api/incidents/${id}/entries/${update}/forwards`, { mechanism: 'ucpm' }),
      ),
    });
    written.push({
      kind: 'isaa-report',
      reader: 'eeas',
      entryId: await newEntry('isaa-report', () =>
        as.ie!.post(`/api/incidents/${id}/isaa`, {
          title: `${WORD} analysis`,
          audience: ['FI'],
          marking: 'TLP:AMBER',
          questions: [`Who is behind the ${WORD} cut?`],
        }),
      ),
    });
    // Everything above is written before this marker: a stream that carries it has had its chance at the rest.
    expect(
      (
        await as.fi!.post(`/api/incidents/${id}/entries`, {
          kind: 'note',
          text: 'marker',
          marking: 'TLP:GREEN',
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    for (const stream of Object.values(streams)) stream.close();
    await server?.close();
  });

  const entryIdOf = (data: unknown) => (data as { id?: string; entryId?: string }).id;

  it('gives each to its readers: in the log, as an entry and on the stream', async () => {
    expect(written.map((w) => w.kind)).toEqual([
      'decision',
      'action',
      'meeting',
      'meeting-minutes',
      'shift-handover',
      'forwarded',
      'isaa-report',
    ]);
    for (const { kind, entryId, reader } of written) {
      expect(
        (await entriesOf(reader)).map((e) => e.id),
        kind,
      ).toContain(entryId);
      expect((await as[reader]!.get(`/api/incidents/${id}/entries/${entryId}`)).status, kind).toBe(200);
      await streams[reader]!.waitFor((e) => e.event === 'entry' && entryIdOf(e.data) === entryId);
    }
  });

  it('shows none of them to an organisation outside their audience, on any read path', async () => {
    await streams.de!.waitFor((e) => e.event === 'entry' && (e.data as Entry).kind === 'note');
    const log = await entriesOf('de');
    const exported = (await as.de!.get<IncidentExport>(`/api/incidents/${id}/export`)).body;
    expect(exported.entries.length).toBeGreaterThan(0);
    for (const { kind, entryId } of written) {
      expect(
        log.map((e) => e.id),
        kind,
      ).not.toContain(entryId);
      expect((await as.de!.get(`/api/incidents/${id}/entries/${entryId}`)).status, kind).toBe(404);
      expect(
        streams.de!.events.map((e) => entryIdOf(e.data)),
        kind,
      ).not.toContain(entryId);
      expect(
        exported.entries.map((e) => e.id),
        kind,
      ).not.toContain(entryId);
    }
    // The forwarded update itself is GREEN: Germany reads it, but not that it went to UCPM nor what went.
    expect(JSON.stringify(log)).toContain(`Repair ship near ${WORD}`);
    const hits = (await as.de!.get<{ items: unknown[] }>(`/api/search?q=${WORD}`)).body.items;
    expect(JSON.stringify(hits)).not.toMatch(
      /shipping lane|Patrol the|technical call|lane is closed|closed at noon|analysis/,
    );
    expect(JSON.stringify(streams.de!.events)).not.toMatch(
      /shipping lane|Patrol the|technical call|lane is closed|closed at noon/,
    );
    // Search finds them for a reader of them: the outsider's empty answer is not an empty index.
    const eeasHits = (await as.eeas!.get<{ items: unknown[] }>(`/api/search?q=${WORD}`)).body.items;
    expect(JSON.stringify(eeasHits)).toContain('shipping lane');
  });

  it("exports each only for an audience that may read it: EEAS's own export carries the decision", async () => {
    const forEeas = (await as.eeas!.get<IncidentExport>(`/api/incidents/${id}/export`)).body;
    expect(forEeas.entries.map((e) => e.id)).toContain(written[0]!.entryId);
    const forEeasAndGermany = (
      await as.eeas!.get<IncidentExport>(`/api/incidents/${id}/export?audience=EEAS,DE`)
    ).body;
    for (const { kind, entryId } of written)
      expect(
        forEeasAndGermany.entries.map((e) => e.id),
        kind,
      ).not.toContain(entryId);
  });
});
