/**
 * Derived text over HTTP, on every engine (CONTRACT "Who sees what": anything derived from the facts names an entity
 * only to readers who may see the entry it came from). A fixed sample: one incident whose report withholds the name
 * of a disrupted CEPES, one whose status changes through an update TLP:AMBER to EE naming one, and two status-change
 * entries as they were stored before reasons became facts (their text names the withheld entity). Every read path is
 * checked for each reader: the entry list, each entry, search, export, the incident, the picture, the stream,
 * notifications and a sitrep's prefilled text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, IncidentExport, SearchHit } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import { appendEntry } from '../src/log/append.js';
import { inWrite } from '../src/platform/db/write.js';
import { defaultAudience } from '../src/sharing/entries.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { SseClient } from './support/sse.js';

const WITHHELD = 'Porvoo Kilnwater Terminal';
const AMBER = 'Muuga Tidewell Pipeline';
const KEPT = 'Valve Quillmark';
const READERS = ['fi', 'ee', 'de', 'ercc'] as const;
type ReaderKey = (typeof READERS)[number];
const ORG: Record<ReaderKey, string> = { fi: 'FI', ee: 'EE', de: 'DE', ercc: 'ERCC' };
/** What each reader may not see: FI wrote both; EE is in the AMBER update's audience only. */
const FORBIDDEN: Record<ReaderKey, string[]> = {
  fi: [],
  ee: [WITHHELD, KEPT],
  de: [WITHHELD, AMBER, KEPT],
  ercc: [WITHHELD, AMBER, KEPT],
};

const cepes = (name: string) => ({
  name,
  sector: 'energy',
  subsector: 'gas',
  // FI, which writes them, is where they are established: entitled to assert their disruption.
  establishedIn: 'FI',
  cepes: true,
  significantlyDisrupted: true,
});

describe.each(engines())('derived text over HTTP on %s', (engine) => {
  let server: TestServer;
  const as = {} as Record<ReaderKey, ApiClient>;
  const streams = {} as Record<ReaderKey, SseClient>;
  let withheldId = '';
  let amberId = '';
  let legacyIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const ids: Record<string, string> = {};
    for (const key of READERS) {
      const email = `${key}@example.eu`;
      ids[key] = (
        await server.createUser({ email, password: PASSWORD, organisation: ORG[key], role: 'coordinator' })
      ).id;
      as[key] = new ApiClient(server.url);
      await as[key].login(email, PASSWORD);
    }
    for (const key of READERS) {
      streams[key] = new SseClient(`${server.url}/api/stream`, { cookie: as[key].cookie! });
      expect(await streams[key].open()).toBe(200);
    }

    const first = await as.fi.post<Incident>('/api/incidents', {
      title: 'Gas terminal outage',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00+02:00',
      // FI is affected, so it may compile the sitreps below.
      impacts: [{ memberState: 'FI', level: 'significant' }],
      entities: [cepes(WITHHELD)],
      withheld: [{ field: 'entities[0].name', reason: 'national-security' }],
    });
    expect(first.status).toBe(201);
    withheldId = first.body.id;

    const second = await as.fi.post<Incident>('/api/incidents', {
      title: 'Pipeline pressure loss',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T09:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(second.body.status).toBe('below-threshold');
    amberId = second.body.id;
    const update = await as.fi.post<Incident>(`/api/incidents/${amberId}/updates`, {
      stage: 'cer-detailed-report',
      text: 'The pipeline operator reports a full stop.',
      marking: 'TLP:AMBER',
      audience: ['EE'],
      entities: [cepes(AMBER)],
    });
    expect(update.status).toBe(201);
    expect(update.body.status).toBe('applies');
    // A detail FI keeps to itself: its own people see it, a product for others never shows it.
    const kept = await as.fi.post(`/api/incidents/${amberId}/updates`, {
      stage: 'cer-detailed-report',
      text: `${KEPT} is the suspected cause.`,
      withheld: [{ field: 'text', reason: 'ongoing-investigation' }],
    });
    expect(kept.status).toBe(201);

    // Status changes as stored before their reasons were facts: text naming the withheld entity, kept forever by
    // the audit chain. One still matches what the log gives at its place, one no longer does.
    legacyIds = await inWrite(
      server.platform,
      { actor: { userId: ids.fi!, organisation: 'FI' } },
      async (w) => {
        const out: string[] = [];
        for (const body of [
          {
            from: null,
            to: 'applies',
            met: ['T2'],
            reasons: [
              `The Blueprint applies because T2 is met: 1 CEPES significantly disrupted: ${WITHHELD} (designated CEPES).`,
            ],
          },
          { from: 'applies', to: 'below-threshold', met: [], reasons: [`${WITHHELD} recovered.`] },
        ]) {
          const appended = await appendEntry(w, {
            incidentId: withheldId,
            kind: 'status-change',
            authorUserId: ids.fi!,
            authorOrg: 'FI',
            marking: 'TLP:GREEN',
            audience: defaultAudience(),
            recipients: [],
            releasableToNato: false,
            body,
          });
          out.push(appended.id);
        }
        return out;
      },
    );
    for (const key of READERS) {
      await streams[key].waitFor(
        (e) =>
          e.event === 'entry' &&
          (e.data as Entry).kind === 'status-change' &&
          (e.data as Entry).incidentId === amberId &&
          (e.data as Entry).body.from === 'below-threshold',
      );
    }
  });
  afterAll(async () => {
    for (const key of READERS) streams[key]?.close();
    await server?.close();
  });

  const statusChanges = async (key: ReaderKey, incidentId: string) =>
    (await as[key].get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items.filter(
      (e) => e.kind === 'status-change',
    );

  it.each(READERS)('the entry list and each entry render reasons for %s', async (key) => {
    for (const incidentId of [withheldId, amberId]) {
      const list = await as[key].get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`);
      expect(list.status).toBe(200);
      for (const name of FORBIDDEN[key]) expect(JSON.stringify(list.body)).not.toContain(name);
      for (const e of list.body.items) {
        const one = await as[key].get<Entry>(`/api/incidents/${incidentId}/entries/${e.id}`);
        expect(one.status).toBe(200);
        for (const name of FORBIDDEN[key]) expect(JSON.stringify(one.body)).not.toContain(name);
      }
    }
    const [applies] = (await statusChanges(key, amberId)).filter((e) => e.body.to === 'applies');
    expect(applies!.body.reasons).toEqual([
      key === 'fi' || key === 'ee'
        ? `The Blueprint applies because T2 is met: 1 CEPES significantly disrupted: ${AMBER} (designated CEPES), asserted by FI.`
        : 'The Blueprint applies because T2 is met: 1 CEPES significantly disrupted: withheld by FI, asserted by FI.',
    ]);
    expect(applies!.body).not.toHaveProperty('facts');
  });

  it.each(READERS)('older stored entries are rendered again, never served, for %s', async (key) => {
    const old = (await statusChanges(key, withheldId)).filter((e) => legacyIds.includes(e.id));
    expect(old.map((e) => e.id)).toEqual(legacyIds);
    const named =
      key === 'fi' ? `${WITHHELD} (designated CEPES), asserted by FI` : 'withheld by FI, asserted by FI';
    expect(old[0]!.body.reasons).toEqual([
      `The Blueprint applies because T2 is met: 1 CEPES significantly disrupted: ${named}.`,
    ]);
    // The log no longer gives this one's status: the transition only, not its stored text.
    expect(old[1]!.body).toEqual({ from: 'applies', to: 'below-threshold', met: [], reasons: [] });
  });

  it.each(READERS)('search finds only what %s may read, matching the rendered text', async (key) => {
    for (const name of [WITHHELD, AMBER]) {
      const hits = (await as[key].get<{ items: SearchHit[] }>(`/api/search?q=${encodeURIComponent(name)}`))
        .body;
      const found = JSON.stringify(hits);
      if (FORBIDDEN[key].includes(name)) {
        expect(found).not.toContain(name);
        expect(hits.items.filter((h) => h.entry !== null)).toEqual([]);
      } else {
        expect(hits.items.some((h) => h.entry?.kind === 'status-change')).toBe(true);
      }
    }
    // What a reader is shown can be searched for, though no stored body holds it.
    const withheldText = await as[key].get<{ items: SearchHit[] }>(
      `/api/search?q=${encodeURIComponent('withheld by FI')}`,
    );
    const statusHits = withheldText.body.items.filter((h) => h.entry?.kind === 'status-change');
    expect(statusHits.length > 0).toBe(key !== 'fi');
  });

  it.each(READERS)(
    'the incident, the picture and the export for %s name nothing they may not see',
    async (key) => {
      for (const incidentId of [withheldId, amberId]) {
        for (const path of [`/api/incidents/${incidentId}`, `/api/incidents/${incidentId}/picture`]) {
          const res = await as[key].get(path);
          expect(res.status).toBe(200);
          for (const name of FORBIDDEN[key]) expect(JSON.stringify(res.body)).not.toContain(name);
        }
        const exported = await as[key].get<IncidentExport>(`/api/incidents/${incidentId}/export`);
        expect(exported.status).toBe(200);
        for (const name of FORBIDDEN[key]) expect(JSON.stringify(exported.body)).not.toContain(name);
      }
    },
  );

  it('an export FI makes for EE withholds what EE may not see', async () => {
    const exported = await as.fi.get<IncidentExport>(`/api/incidents/${withheldId}/export?audience=FI,EE`);
    expect(exported.status).toBe(200);
    const changes = exported.body.entries.filter((e) => e.kind === 'status-change');
    expect(changes.length).toBeGreaterThan(0);
    expect(JSON.stringify(changes)).not.toContain(WITHHELD);
    expect(JSON.stringify(changes)).toContain('withheld by FI');
    const forDe = await as.fi.get<IncidentExport>(`/api/incidents/${amberId}/export?audience=FI,DE`);
    expect(JSON.stringify(forDe.body)).not.toContain(AMBER);
    const own = await as.fi.get<IncidentExport>(`/api/incidents/${amberId}/export`);
    expect(JSON.stringify(own.body)).toContain(KEPT);
  });

  it.each(READERS)('the stream and notifications for %s name nothing they may not see', async (key) => {
    const events = JSON.stringify(streams[key].events);
    expect(streams[key].events.some((e) => e.event === 'entry')).toBe(true);
    for (const name of FORBIDDEN[key]) expect(events).not.toContain(name);
    const notifications = await as[key].get('/api/notifications');
    expect(notifications.status).toBe(200);
    for (const name of FORBIDDEN[key]) expect(JSON.stringify(notifications.body)).not.toContain(name);
  });

  it('a sitrep is prefilled for its whole audience, not for its compiler', async () => {
    for (const [incidentId, audience, hidden] of [
      [withheldId, ['EE'], WITHHELD],
      [amberId, ['DE'], AMBER],
    ] as const) {
      const compiled = await as.fi.post<{ sections: Array<{ text: string }> }>(
        `/api/incidents/${incidentId}/sitreps`,
        {
          audience,
        },
      );
      expect(compiled.status).toBe(201);
      const text = compiled.body.sections.map((s) => s.text).join('\n');
      expect(text).toContain('withheld by FI');
      expect(text).not.toContain(hidden);
      expect(text).not.toContain(KEPT);
    }
    // Compiled for FI alone, FI's own names are shown.
    const own = await as.fi.post<{ sections: Array<{ text: string }> }>(`/api/incidents/${amberId}/sitreps`, {
      audience: ['FI'],
    });
    expect(own.body.sections.map((s) => s.text).join('\n')).toContain(AMBER);
    expect(own.body.sections.map((s) => s.text).join('\n')).toContain(KEPT);
  });
});
