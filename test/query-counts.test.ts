/**
 * Queries per read path, counted on the platform's query counter: a view loads an incident's log in a handful of
 * queries, and a list in a number independent of how many incidents it shows (no query per item). These are
 * counts, not timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentSummary } from '../src/incidents/model.js';
import type { Picture } from '../src/picture/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';

/** The bounds this read path keeps. */
const AT_MOST = { list: 10, incident: 8, picture: 8 };
/**
 * The goal of 12. The write's own: the transaction, the head lock (with the last entry sequence), the
 * incident row, the entry with its reach (one statement on PostgreSQL; the audience and recipient rows are written
 * by the database's triggers), and once per batch the audit records with the head's move (by trigger on SQLite) and
 * the stream events with their notification. The reassessment reads the log once (entries with their attachments
 * and the Presidency's holder, TLP:RED recipients) and the response is projected from it, with one aggregate more.
 */
const POST_UPDATE_AT_MOST = { sqlite: 12, postgres: 12 };
/** A note: the write's own queries (as above), answered from what it wrote without reading the entry back. */
const POST_ENTRY_AT_MOST = { sqlite: 12, postgres: 9 };

describe.each(engines())('queries per read path on %s', (engine) => {
  let server: TestServer;
  const fi = () => as.fi!;
  const as: Record<string, ApiClient> = {};
  const ids: string[] = [];

  async function queriesOf<T>(run: () => Promise<T>): Promise<{ count: number; result: T }> {
    // Reads of AMBER or RED entries are logged in batches: flushed first, so no earlier batch lands in the count.
    await server.platform.accessLog.flush();
    // Every reader's session as this process remembers it between requests, so each count is the path's own.
    for (const client of Object.values(as)) await client.get('/api/me');
    const before = server.platform.db.queries.count;
    const result = await run();
    return { count: server.platform.db.queries.count - before, result };
  }

  /** An incident with what a busy log holds: withheld names, updates, a correction, notes, a TLP:RED update. */
  async function seedIncident(i: number) {
    const report = await fi().post<Incident>('/api/incidents', {
      title: `Counted incident ${i}`,
      reportedBy: 'FI',
      occurredAt: '2026-11-28T08:00:00Z',
      entities: [
        { name: `Grid operator ${i}`, sector: 'energy', memberStatesServed: ['FI', 'EE'] },
        { name: `Cable landing ${i}`, sector: 'energy', memberStatesServed: ['FI'] },
      ],
      withheld: [{ field: 'entities[1].name', reason: 'national-security' }],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(report.status).toBe(201);
    const id = report.body.id;
    for (let k = 0; k < 2; k++) {
      const update = await fi().post(`/api/incidents/${id}/updates`, {
        stage: 'other',
        text: `update ${k}`,
        impacts: [{ memberState: 'FI', level: k === 1 ? 'significant' : 'minor' }],
      });
      expect(update.status).toBe(201);
      const note = await fi().post<{ id: string }>(`/api/incidents/${id}/entries`, {
        kind: 'note',
        text: `note ${k}`,
        marking: k === 0 ? 'TLP:AMBER' : 'TLP:GREEN',
        ...(k === 0 ? { audience: ['FI'] } : {}),
      });
      expect(note.status).toBe(201);
      if (k === 1) {
        const correction = await fi().post(`/api/incidents/${id}/entries`, {
          kind: 'note',
          text: 'note 1, corrected',
          marking: 'TLP:GREEN',
          supersedes: note.body.id,
        });
        expect(correction.status).toBe(201);
      }
    }
    const red = await fi().post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'for one person',
      marking: 'TLP:RED',
      recipients: ['fi2@example.eu'],
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(red.status).toBe(201);
    ids.push(id);
  }

  beforeAll(async () => {
    server = await startTestServer({ engine, env: { SESSION_IDLE_MINUTES: '240' } });
    for (const [key, org] of [
      ['fi', 'FI'],
      ['fi2', 'FI'],
      ['de', 'DE'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: org,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    for (let i = 0; i < 5; i++) await seedIncident(i);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it('lists incidents in the same number of queries for 5 and for 20 of them', async () => {
    const five = await queriesOf(() => as.de!.get<{ items: IncidentSummary[] }>('/api/incidents'));
    expect(five.result.status).toBe(200);
    expect(five.result.body.items).toHaveLength(5);
    for (let i = 5; i < 20; i++) await seedIncident(i);
    const twenty = await queriesOf(() => as.de!.get<{ items: IncidentSummary[] }>('/api/incidents'));
    expect(twenty.result.body.items).toHaveLength(20);
    // The withheld name is withheld in every summary, though loaded for all of them at once.
    for (const s of twenty.result.body.items) {
      expect(JSON.stringify(s.assessment)).not.toMatch(/Cable landing/);
    }
    expect(twenty.count).toBe(five.count);
    expect(twenty.count).toBeLessThanOrEqual(AT_MOST.list);
  }, 120_000);

  it('shows one incident and its picture in a handful of queries', async () => {
    const id = ids[0]!;
    const incident = await queriesOf(() => as.de!.get<Incident>(`/api/incidents/${id}`));
    expect(incident.result.status).toBe(200);
    expect(incident.result.body.report).not.toBeNull();
    expect(incident.count).toBeLessThanOrEqual(AT_MOST.incident);
    const picture = await queriesOf(() => as.de!.get<Picture>(`/api/incidents/${id}/picture`));
    expect(picture.result.status).toBe(200);
    expect(picture.result.body.states.map((s) => s.code)).toEqual(['FI']);
    expect(picture.count).toBeLessThanOrEqual(AT_MOST.picture);
  });

  it('answers an update with the incident without reading its log twice', async () => {
    const id = ids[1]!;
    const update = await queriesOf(() =>
      as.de!.post<Incident>(`/api/incidents/${id}/updates`, {
        stage: 'other',
        text: 'DE update',
        impacts: [{ memberState: 'DE', level: 'minor' }],
      }),
    );
    expect(update.result.status).toBe(201);
    expect(update.result.body.assessment.minorlyAffected).toContain('DE');
    expect(update.count).toBeLessThanOrEqual(POST_UPDATE_AT_MOST[engine]);
  });

  it('answers a new note from what it wrote, reading nothing back', async () => {
    const note = await queriesOf(() =>
      as.de!.post<{ id: string; text: string }>(`/api/incidents/${ids[1]!}/entries`, {
        kind: 'note',
        text: 'DE note',
        marking: 'TLP:GREEN',
        audience: ['FI', 'DE'],
      }),
    );
    expect(note.result.status).toBe(201);
    expect(note.result.body.text).toBe('DE note');
    expect(note.count).toBeLessThanOrEqual(POST_ENTRY_AT_MOST[engine]);
  });
});
