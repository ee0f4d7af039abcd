import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { exerciseScenario, exerciseServer, note, update } from '../../test/support/exercise-session.js';
import type { Entry, IncidentExport, SearchHit } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';

const SECOND = 1_000;

/** The report at T+0 and an update at T+60; the note at T+600 is never reached, so the session keeps running. */
const SCENARIO = exerciseScenario({
  id: 'scenario-read-paths',
  participants: ['FI', 'EE', 'ERCC'],
  later: [update(60, 'Repair ship Kraken on its way.'), note(600, 'Still here.')],
});

type Items<T> = { items: T[] };

describe.each(engines())(
  'every read path of an exercise entry gives the scenario time GET …/entries gives, on %s',
  (engine) => {
    const world = exerciseServer(engine, { organisations: ['ERCC', 'EE', 'FI'], keepSignedIn: true });
    const { clock, as } = world;

    const offsetsById = (entries: readonly Entry[]) =>
      new Map(entries.map((e) => [e.id, e.scenarioOffsetSeconds]));

    it('finds the recorded clocks of an incident by index, not by scanning', async () => {
      const db = world.server.platform.db.kysely;
      // Each index that starts with incident_id: exercise_runs' is its primary key, exercise_sessions' is 0037's.
      const leadingIncident = async (table: string) =>
        engine === 'sqlite'
          ? (
              await sql<{ name: string }>`select il.name from pragma_index_list(${table}) il
                where (select name from pragma_index_info(il.name) where seqno = 0) = 'incident_id'`.execute(
                db,
              )
            ).rows
          : (
              await sql<{ name: string }>`select indexname as name from pg_indexes
                where tablename = ${table} and indexdef ~ ${String.raw`\(incident_id[,)]`}`.execute(db)
            ).rows;
      expect(await leadingIncident('exercise_runs')).toHaveLength(1);
      expect((await leadingIncident('exercise_sessions')).map((i) => i.name)).toEqual([
        'exercise_sessions_by_incident',
      ]);
    });

    it("a real incident's search hit and export carry none", async () => {
      const created = await as.FI!.post<Incident>('/api/incidents', {
        title: 'Cable cut in the Gulf of Finland',
        reportedBy: 'FI',
        occurredAt: '2026-11-18T05:00:00Z',
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const note = await as.FI!.post<Entry>(`/api/incidents/${id}/entries`, {
        kind: 'note',
        text: 'Divers from the Nautilus are out.',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);

      // Neither read looks for a recorded clock: a real incident has none. (Run before any exercise exists here, as
      // search renders the status changes of every incident the reader sees.)
      const queries = world.server.platform.db.queries;
      queries.trace = [];
      const search = await as.EE!.get<Items<SearchHit>>('/api/search?q=nautilus');
      const hit = search.body.items.find((h) => h.entry?.id === note.body.id);
      expect(hit?.entry).toBeDefined();
      expect(hit!.entry).not.toHaveProperty('scenarioOffsetSeconds');

      const exported = await as.FI!.get<IncidentExport>(`/api/incidents/${id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.entries.length).toBeGreaterThan(1);
      for (const e of exported.body.entries) expect(e).not.toHaveProperty('scenarioOffsetSeconds');
      const sent = queries.trace;
      delete queries.trace;
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((sql) => /exercise_(sessions|runs)/.test(sql))).toEqual([]);
    });

    it('a search hit and the export carry the offsets of the log at ×60', async () => {
      const { incidentId, jobs } = await world.startSession(SCENARIO, 60);
      // 60 s on the wall is T+60 min: the update is due. 15 s more, T+75 min, a player writes a note.
      clock.advance(60 * SECOND);
      await jobs.runDue();
      clock.advance(15 * SECOND);
      const note = await as.EE!.post<Entry>(`/api/incidents/${incidentId}/entries`, {
        kind: 'note',
        text: 'Kraken sighted off Tallinn.',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);

      const log = await as.EE!.get<Items<Entry>>(`/api/incidents/${incidentId}/entries`);
      expect(log.status).toBe(200);
      const logged = offsetsById(log.body.items);
      const update = log.body.items.find((e) => e.kind === 'update')!;
      expect(logged.get(update.id)).toBe(60 * 60);
      expect(logged.get(note.body.id)).toBe(75 * 60);

      const search = await as.EE!.get<Items<SearchHit>>('/api/search?q=kraken');
      expect(search.status).toBe(200);
      const hits = search.body.items.flatMap((h) => (h.entry ? [h.entry] : []));
      expect(hits.map((e) => e.id).sort()).toEqual([update.id, note.body.id].sort());
      for (const e of hits) expect(e.scenarioOffsetSeconds).toBe(logged.get(e.id));

      const exported = await as.EE!.get<IncidentExport>(`/api/incidents/${incidentId}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.entries.map((e) => e.id)).toEqual(
        expect.arrayContaining([update.id, note.body.id]),
      );
      for (const e of exported.body.entries) {
        expect(e.scenarioOffsetSeconds).toEqual(expect.any(Number));
        expect(e.scenarioOffsetSeconds).toBe(logged.get(e.id));
      }
    });
  },
);
