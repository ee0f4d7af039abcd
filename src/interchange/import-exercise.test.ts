import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import type { Incident } from '../incidents/model.js';
import type { ImportReport } from './model.js';

/** A real MISP event (CIRCL OSINT), with the tags given added to its own. */
function mispEvent(...tags: string[]): Buffer {
  const doc = JSON.parse(
    fs.readFileSync(standard('misp', 'events', '57c4445b-c548-4654-af0b-4be3950d210f.json'), 'utf8'),
  );
  const event = doc.Event ?? doc;
  event.Tag = [...event.Tag, ...tags.map((name) => ({ name }))];
  return Buffer.from(JSON.stringify(doc));
}

/** What an import could leave behind: the incident, its entries and files, alerts, notifications, the audit. */
const TABLES = [
  'incidents',
  'entries',
  'attachments',
  'import_runs',
  'audit_records',
  'outbox',
  'alert_queue',
  'notifications',
  'stream_events',
  'jobs',
] as const;

for (const engine of engines()) {
  describe(`a file marked as an exercise is refused whole (${engine})`, () => {
    let server: TestServer;
    let api: ApiClient;

    const everything = async () => {
      const counts = {} as Record<(typeof TABLES)[number], number>;
      for (const table of TABLES) {
        const row = await server.platform.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      return counts;
    };
    const post = (format: 'misp' | 'stix', file: Buffer, query = '') =>
      api.request<ImportReport>('POST', `/api/imports/${format}${query}`, file, {
        'content-type': 'application/json',
      });

    beforeAll(async () => {
      server = await startTestServer({ engine });
      await server.createUser({
        email: 'fi@example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
      });
      api = new ApiClient(server.url);
      await api.login('fi@example.eu', PASSWORD);
    }, 60_000);
    afterAll(() => server?.close());

    it('answers 400 naming Event.Tag for a MISP event tagged exercise:, into a new incident or a named one, writing nothing', async () => {
      const real = await api.post<Incident>('/api/incidents', {
        title: 'Ransomware at a hospital',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      });
      expect(real.status).toBe(201);
      const before = await everything();
      const file = mispEvent('exercise:cyber-europe');
      for (const query of ['', `?incident=${real.body.id}`]) {
        const refused = await post('misp', file, query);
        expect(refused.status, query).toBe(400);
        expect(refused.body).toEqual({
          error: {
            code: 'invalid',
            field: 'Event.Tag',
            message:
              'Event.Tag: the event is marked as an exercise ("exercise:cyber-europe"); exercise data never become a real incident, so nothing was written',
          },
        });
      }
      expect(await everything()).toEqual(before);

      // The same event without the exercise tag is real intelligence and imports.
      const imported = await post('misp', mispEvent('exercise-planning:none'));
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect((await everything()).incidents).toBe(before.incidents + 1);
    });

    it("refuses the platform's own STIX export of an exercise incident, and a bundle with a MISP exercise label", async () => {
      const exercise = await api.post<Incident>('/api/incidents', {
        title: 'Cable cut',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        exercise: true,
      });
      expect(exercise.status).toBe(201);
      const exported = await api.request<{ objects: Array<{ type: string; labels?: string[] }> }>(
        'GET',
        `/api/incidents/${exercise.body.id}/stix`,
      );
      expect(exported.status).toBe(200);
      const bundle = Buffer.from(JSON.stringify(exported.body));
      const converted = Buffer.from(
        JSON.stringify({
          type: 'bundle',
          id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e560',
          objects: [
            {
              type: 'report',
              spec_version: '2.1',
              id: 'report--5d0092c5-5f74-4287-9642-33f4c354e561',
              name: 'Wiper at a gas TSO',
              published: '2026-11-30T10:00:00Z',
              labels: ['Threat-Report', 'exercise:cyber-europe="2026"'],
            },
          ],
        }),
      );
      const before = await everything();
      const own = await post('stix', bundle);
      expect(own.status).toBe(400);
      expect(own.body).toMatchObject({
        error: {
          code: 'invalid',
          field: expect.stringMatching(/^objects\[\d+\]\.labels$/),
          message: expect.stringContaining('is marked as an exercise ("exercise")'),
        },
      });
      const fromMisp = await post('stix', converted);
      expect(fromMisp.status).toBe(400);
      expect(fromMisp.body).toMatchObject({
        error: {
          code: 'invalid',
          field: 'objects[0].labels',
          message: expect.stringContaining('the report is marked as an exercise'),
        },
      });
      expect(await everything()).toEqual(before);
    });
  });
}
