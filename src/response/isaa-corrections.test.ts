import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { IsaaReport } from './isaa-model.js';

interface LogEntry {
  id: string;
  kind: string;
  author: { organisation: string };
  abilities: { correct: boolean };
}

// An ISAA report changes by its own parts (a later answer, a new version): its issued versions freeze the log,
// which a retraction or correction from the log would rewrite. Both are refused, naming the part to add.
describe.each(engines())('corrections and retractions of an ISAA report on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    // 2026 H2: Ireland holds the Council Presidency.
    server = await startTestServer({ engine, clock: new ManualClock('2026-11-02T09:00:00.000Z') });
    for (const organisation of ['IE', 'FI', 'ERCC', 'EEAS']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@isaa-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@isaa-corrections.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  it('refuses each part with 409 isaa-part, and the report and its version stay as issued', async () => {
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Cable cut, ISAA',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    const id = incident.body.id;
    const opened = await as.ie!.post<IsaaReport>(`/api/incidents/${id}/isaa`, {
      title: 'Baltic cables',
      audience: ['FI'],
      questions: ['What is the impact?'],
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const rid = opened.body.id;
    const answered = await as.ercc!.post(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: opened.body.questions[0]!.id,
      text: 'Data links rerouted.',
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const issued = await as.ercc!.post(`/api/incidents/${id}/isaa/${rid}/versions`, { note: 'For COREPER' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);

    const byOrg: Record<string, ApiClient> = { IE: as.ie!, ERCC: as.ercc! };
    const refused: string[] = [];
    for (const who of [as.ie!, as.ercc!]) {
      const log = await who.get<{ items: LogEntry[] }>(`/api/incidents/${id}/entries`);
      for (const entry of log.body.items.filter((e) => e.kind.startsWith('isaa-'))) {
        const author = byOrg[entry.author.organisation];
        if (author !== who) continue;
        expect(entry.abilities.correct, entry.kind).toBe(false);
        const retracted = await author.post(`/api/incidents/${id}/entries/${entry.id}/retraction`, {
          reason: 'wrong',
        });
        expect(retracted.status, `${entry.kind}: ${JSON.stringify(retracted.body)}`).toBe(409);
        expect(retracted.body).toMatchObject({ error: { code: 'isaa-part', field: 'supersedes' } });
        expect((retracted.body as { error: { message: string } }).error.message).toContain('/versions');
        const corrected = await author.post(`/api/incidents/${id}/entries`, {
          kind: 'note',
          text: 'Reworded',
          marking: 'TLP:GREEN',
          supersedes: entry.id,
        });
        expect(corrected.status, `${entry.kind}: ${JSON.stringify(corrected.body)}`).toBe(409);
        expect(corrected.body).toMatchObject({ error: { code: 'isaa-part', field: 'supersedes' } });
        refused.push(entry.kind);
      }
    }
    expect(refused.sort()).toEqual(['isaa-answer', 'isaa-question', 'isaa-report', 'isaa-version']);
    const after = await as.fi!.get<{ items: IsaaReport[] }>(`/api/incidents/${id}/isaa`);
    expect(after.body.items[0]).toMatchObject({
      versions: [expect.objectContaining({ version: 1, note: 'For COREPER' })],
    });
    expect(after.body.items[0]!.questions[0]!.answers.map((a) => a.text)).toEqual(['Data links rerouted.']);
    const log = await as.ie!.get<{ items: LogEntry[] }>(`/api/incidents/${id}/entries`);
    expect(log.body.items.filter((e) => e.kind === 'retraction' || e.kind === 'note')).toEqual([]);
  });
});
