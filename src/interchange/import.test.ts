import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { Actor } from '../platform/actor.js';
import { markingRank, type TlpMarking } from '../sharing/model.js';
import { importFile } from './import-flow.js';
import { IMPORT_LIMITS, ImportRefused } from './import-limits.js';
import type { ImportFormat, ImportReport } from './model.js';

const mispEvents = () =>
  fs
    .readdirSync(standard('misp', 'events'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => standard('misp', 'events', f));

const stixSamples = () =>
  ['examples', path.join('examples', 'threat-reports'), 'examples-cti-documentation', 'tlp-2.0'].flatMap(
    (dir) =>
      fs
        .readdirSync(standard('stix-2.1', dir))
        .filter((f) => f.endsWith('.json'))
        .map((f) => standard('stix-2.1', dir, f)),
  );

for (const engine of engines()) {
  describe(`importing MISP events and STIX bundles (${engine})`, () => {
    let server: TestServer;
    const actors: Record<string, Actor> = {};
    const api: Record<string, ApiClient> = {};

    async function count(table: 'entries' | 'attachments' | 'incidents' | 'audit_records' | 'import_runs') {
      const row = await server.platform.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const everything = async () => ({
      entries: await count('entries'),
      attachments: await count('attachments'),
      incidents: await count('incidents'),
      audit: await count('audit_records'),
      runs: await count('import_runs'),
    });
    const run = (who: string, format: ImportFormat, file: string | Buffer, incidentId?: string) =>
      importFile(server.platform, actors[who]!, {
        format,
        content: typeof file === 'string' ? fs.readFileSync(file) : file,
        incidentId,
      });
    const entriesAs = async (who: string, incidentId: string) =>
      (await api[who]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items;

    beforeAll(async () => {
      server = await startTestServer({ engine });
      for (const [key, organisation] of [
        ['fi', 'FI'],
        ['fi2', 'FI'],
        ['de', 'DE'],
      ] as const) {
        const email = `${key}@example.eu`;
        const { id } = await server.createUser({
          email,
          password: PASSWORD,
          organisation,
          role: 'coordinator',
        });
        actors[key] = {
          userId: id,
          email,
          displayName: email,
          organisation,
          role: 'coordinator',
          via: 'cli',
        };
        api[key] = new ApiClient(server.url);
        await api[key]!.login(email, PASSWORD);
      }
    }, 60_000);
    afterAll(() => server?.close());

    it('imports each of the four MISP events into a new incident, a date alone being 00:00 UTC', async () => {
      const files = mispEvents();
      expect(files).toHaveLength(4);
      for (const file of files) {
        const report = await run('fi', 'misp', file);
        const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
        const event = doc.Event ?? doc;
        const objects = 1 + event.Attribute.length + (event.Object ?? []).length;
        expect(report.mapped + report.refused).toBe(objects);
        const incident = (await api.fi!.get<Incident>(`/api/incidents/${report.incidentId}`)).body;
        expect(incident.occurredAt).toBe(`${event.date}T00:00:00.000Z`);
        const mine = (await entriesAs('fi', report.incidentId)).filter((e) => e.kind === 'intelligence');
        expect(mine).toHaveLength(report.mapped + report.kept);
      }
    });

    it('maps tlp:white to CLEAR for all, and keeps an unmarked event within the importing organisation', async () => {
      const xorist = await run(
        'fi',
        'misp',
        standard('misp', 'events', '57c4445b-c548-4654-af0b-4be3950d210f.json'),
      );
      const seenByDe = (await entriesAs('de', xorist.incidentId)).filter((e) => e.kind === 'intelligence');
      expect(seenByDe).toHaveLength(xorist.mapped);
      expect(new Set(seenByDe.map((e) => e.marking))).toEqual(new Set(['TLP:CLEAR']));
      const md5 = seenByDe.find(
        (e) => (e.body as { objectType: string }).objectType === 'misp-attribute:md5',
      );
      expect(md5?.body).toMatchObject({ pattern: { value: '0749bae92ca336a02c83d126e04ec628' } });

      const sightings = await run(
        'fi',
        'misp',
        standard('misp', 'events', 'event-with-sightings-galaxy-5c6ab833.json'),
      );
      const asFi = (await entriesAs('fi2', sightings.incidentId)).filter((e) => e.kind === 'intelligence');
      expect(asFi).toHaveLength(sightings.mapped);
      expect(asFi.every((e) => e.marking === 'TLP:AMBER')).toBe(true);
      const asDe = await entriesAs('de', sightings.incidentId);
      expect(asDe.filter((e) => e.kind === 'intelligence')).toHaveLength(0);
      // The incident's title is seen by every participating organisation: it does not repeat the event's words.
      const incident = (await api.de!.get<Incident>(`/api/incidents/${sightings.incidentId}`)).body;
      expect(incident.title).not.toContain('This is the description');
      const event = asFi.find((e) => (e.body as { objectType: string }).objectType === 'misp-event');
      expect(event?.body).toMatchObject({ labels: expect.arrayContaining(['misp-galaxy:botnet="Asprox"']) });
    });

    it('makes a TLP:RED event a new incident whose report and items only the importing person sees', async () => {
      const event = {
        Event: {
          info: 'Named insider at the TSO',
          date: '2026-11-29',
          Tag: [{ name: 'tlp:red' }, { name: 'nis:impact-sectors-impacted="energy"' }],
          Attribute: [{ type: 'email-src', category: 'Payload delivery', value: 'insider@example.org' }],
        },
      };
      const report = await run('fi', 'misp', Buffer.from(JSON.stringify(event)));
      expect(report).toMatchObject({ mapped: 2, kept: 0, refused: 0 });
      // The platform's own status-change entry is shared like every assessment; the imported content is not.
      const imported = (e: Entry) => e.kind === 'report' || e.kind === 'intelligence';
      const mine = (await entriesAs('fi', report.incidentId)).filter(imported);
      expect(mine.map((e) => e.marking)).toEqual(['TLP:RED', 'TLP:RED', 'TLP:RED']);
      expect(mine.find((e) => e.kind === 'report')?.body).toMatchObject({
        sectors: [{ sector: 'energy' }],
        description: expect.stringContaining('Named insider'),
      });
      expect((await entriesAs('fi2', report.incidentId)).filter(imported)).toHaveLength(0);
      const seen = (await api.de!.get<Incident>(`/api/incidents/${report.incidentId}`)).body;
      expect(seen.title).toBe('Imported intelligence of 2026-11-29');
      expect(seen.occurredAt).toBe('2026-11-29T00:00:00.000Z');
    });

    it('imports every STIX sample of the standards folder into a named incident, keeping unknown types as files', async () => {
      const created = await api.fi!.post<Incident>('/api/incidents', {
        title: 'Intrusion at a gas TSO',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        sectors: [{ sector: 'energy', subsector: 'gas' }],
      });
      expect(created.status).toBe(201);
      const incidentId = created.body.id;
      let kept = 0;
      for (const file of stixSamples()) {
        const report = await run('fi', 'stix', file, incidentId);
        expect(report.incidentId).toBe(incidentId);
        const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
        const objects = Array.isArray(doc.objects) ? doc.objects.length : 1;
        expect(report.mapped + report.kept + report.refused, file).toBe(objects);
        kept += report.kept;
        for (const o of report.objects.filter((x) => x.outcome === 'refused')) expect(o.reason).toBeTruthy();
      }
      expect(kept).toBeGreaterThan(0);
      const entries = (await entriesAs('fi', incidentId)).filter((e) => e.kind === 'intelligence');
      const keptEntries = entries.filter((e) => (e.body as { kept: boolean }).kept);
      expect(keptEntries).toHaveLength(kept);
      for (const e of keptEntries) expect(e.attachments).toHaveLength(1);
      const file = keptEntries[0]!.attachments[0]!;
      const fetched = await api.fi!.get(
        `/api/incidents/${incidentId}/entries/${keptEntries[0]!.id}/attachments/${file.id}`,
      );
      expect(fetched.status).toBe(200);
      expect((fetched.body as { id: string }).id).toBe(
        (keptEntries[0]!.body as { sourceId: string }).sourceId,
      );
    });

    it('never widens a marking: a TLP:RED part reaches only the importing person, TLP 2.0 ids are kept', async () => {
      const bundle = {
        type: 'bundle',
        id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
        objects: [
          {
            type: 'indicator',
            spec_version: '2.1',
            id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
            created: '2026-11-30T10:00:00.000Z',
            modified: '2026-11-30T10:00:00.000Z',
            name: 'Command server of the gas TSO intrusion',
            pattern: "[ipv4-addr:value = '198.51.100.7']",
            pattern_type: 'stix',
            valid_from: '2026-11-30',
            object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
            granular_markings: [
              {
                marking_ref: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
                selectors: ['name'],
              },
            ],
          },
          {
            type: 'note',
            spec_version: '2.1',
            id: 'note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
            created: '2026-11-30T10:00:00.000Z',
            modified: '2026-11-30T10:00:00.000Z',
            content: 'Shared with the CSIRTs Network.',
            object_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
            object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
          },
          {
            type: 'report',
            spec_version: '2.1',
            id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
            created: '2026-11-30T10:00:00.000Z',
            modified: '2026-11-30T10:00:00.000Z',
            name: 'Strictly kept',
            published: '2026-11-30T10:00:00Z',
            object_refs: ['note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061'],
            object_marking_refs: ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'],
          },
          {
            type: 'x-acme-widget',
            id: 'x-acme-widget--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb4',
            object_marking_refs: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
          },
          {
            type: 'malware',
            id: 'malware--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb5',
            name: 'Marked with a definition nobody knows',
            object_marking_refs: ['marking-definition--00000000-0000-4000-8000-000000000000'],
          },
        ],
      };
      const report = await run('fi', 'stix', Buffer.from(JSON.stringify(bundle)));
      expect(report).toMatchObject({ mapped: 3, kept: 1, refused: 1 });
      expect(report.objects.find((o) => o.outcome === 'refused')?.reason).toContain(
        'unknown marking definition',
      );
      const source: Record<string, TlpMarking> = {
        indicator: 'TLP:RED',
        note: 'TLP:GREEN',
        report: 'TLP:AMBER+STRICT',
        'x-acme-widget': 'TLP:CLEAR',
      };
      const mine = (await entriesAs('fi', report.incidentId)).filter((e) => e.kind === 'intelligence');
      for (const e of mine) {
        const type = (e.body as { objectType: string }).objectType;
        expect(markingRank(e.marking as TlpMarking)).toBeGreaterThanOrEqual(markingRank(source[type]!));
      }
      const red = mine.find((e) => e.marking === 'TLP:RED')!;
      expect(red.body).toMatchObject({ validFrom: '2026-11-30T00:00:00.000Z' });
      expect(red.recipients?.map((r) => r.email)).toEqual(['fi@example.eu']);
      const colleague = (await entriesAs('fi2', report.incidentId)).filter((e) => e.kind === 'intelligence');
      expect(colleague.map((e) => e.marking).sort()).toEqual(['TLP:AMBER+STRICT', 'TLP:CLEAR', 'TLP:GREEN']);
      const other = (await entriesAs('de', report.incidentId)).filter((e) => e.kind === 'intelligence');
      expect(other.map((e) => e.marking).sort()).toEqual(['TLP:CLEAR', 'TLP:GREEN']);
    });

    it('imports the same file again as a no-op answering with the first report; another target imports anew', async () => {
      const file = standard('misp', 'events', 'osint-qakbot-emotet-5a0ac036.json');
      const first = await run('de', 'misp', file);
      const before = await everything();
      const again = await run('de', 'misp', file);
      expect(again).toEqual(first);
      expect(await everything()).toEqual(before);
      // Someone else importing the same file is a run of their own.
      const other = await run('fi2', 'misp', file);
      expect(other.incidentId).not.toBe(first.incidentId);
      const into = await run('de', 'misp', file, first.incidentId);
      expect(into.incidentId).toBe(first.incidentId);
      expect((await everything()).entries).toBeGreaterThan(before.entries);
    });

    it('refuses bad files, DTDs and files over a limit, writing nothing', async () => {
      const before = await everything();
      const bad: Array<[ImportFormat, string | Buffer, string]> = [
        ['misp', '{"Event": {"info": "cut off', 'not valid JSON'],
        [
          'stix',
          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
          'document type declaration',
        ],
        ['misp', '<Event><info>x</info></Event>', 'XML is not accepted'],
        [
          'misp',
          `${'['.repeat(IMPORT_LIMITS.maxDepth + 1)}${']'.repeat(IMPORT_LIMITS.maxDepth + 1)}`,
          'nested deeper',
        ],
        ['misp', '{"Event": {"date": "2026-11-30"}}', 'Event.info'],
        ['stix', '{"type": "campaign"}', 'bundle'],
        ['stix', Buffer.alloc(IMPORT_LIMITS.maxBytes + 1, 0x20), 'over the limit'],
        [
          'stix',
          JSON.stringify({
            type: 'bundle',
            id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56e',
            objects: Array.from({ length: IMPORT_LIMITS.maxObjects + 1 }, () => ({})),
          }),
          'objects is over the limit',
        ],
        ['misp', Buffer.from([0xff, 0xfe, 0x00]), 'not UTF-8'],
      ];
      for (const [format, content, message] of bad) {
        const attempt = run('fi', format, typeof content === 'string' ? Buffer.from(content) : content);
        await expect(attempt).rejects.toThrow(ImportRefused);
        await expect(attempt).rejects.toThrow(message);
      }
      expect(await everything()).toEqual(before);
    });

    it('makes no new incident from a file whose every object is refused; into a named one it only counts them', async () => {
      const unreadable = {
        type: 'bundle',
        id: 'bundle--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b10',
        objects: [
          {
            type: 'malware',
            id: 'malware--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b11',
            name: 'Marked with a definition nobody knows',
            object_marking_refs: ['marking-definition--00000000-0000-4000-8000-000000000001'],
          },
          { type: 'indicator', id: 'not-an-id' },
        ],
      };
      const file = Buffer.from(JSON.stringify(unreadable));
      const onlyMarkings = Buffer.from(
        JSON.stringify({
          type: 'bundle',
          id: 'bundle--6c1a0d7e-3f0b-4f0e-9d3c-2a2f8c1e5b12',
          objects: [
            {
              type: 'marking-definition',
              spec_version: '2.1',
              id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
              created: '2022-10-01T00:00:00.000Z',
              name: 'TLP:GREEN',
            },
          ],
        }),
      );
      const before = await everything();
      const attempt = run('fi', 'stix', file);
      await expect(attempt).rejects.toThrow(ImportRefused);
      await expect(attempt).rejects.toThrow(
        /^FILE: nothing in it can be imported, so no incident is made from it: all 2 objects were refused, the first objects\[0\] \(malware\): object_marking_refs\[0\]: unknown marking definition/,
      );
      await expect(run('fi', 'stix', onlyMarkings)).rejects.toThrow(/only marking definitions/);
      const overApi = await api.fi!.request('POST', '/api/imports/stix', file, {
        'content-type': 'application/json',
      });
      expect(overApi.status).toBe(400);
      expect(overApi.body).toMatchObject({
        error: { field: 'body', message: expect.stringContaining('no incident is made') },
      });
      expect(await everything()).toEqual(before);

      const named = await api.fi!.post<Incident>('/api/incidents', {
        title: 'Malware at a water utility',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      });
      const entriesBefore = (await everything()).entries;
      const counted = await run('fi', 'stix', file, named.body.id);
      expect(counted).toMatchObject({ incidentId: named.body.id, mapped: 0, kept: 0, refused: 2 });
      expect((await everything()).entries).toBe(entriesBefore);
    });

    it('imports over the API, answering an Idempotency-Key repeat and a rerun with the first report', async () => {
      const file = fs.readFileSync(standard('stix-2.1', 'examples', 'indicators-for-C2-with-COA.json'));
      const post = (body: Buffer | string, key: string, query = '') =>
        api.de!.request<ImportReport>('POST', `/api/imports/stix${query}`, body, {
          'content-type': 'application/json',
          'idempotency-key': key,
        });
      const first = await post(file, 'stix-1');
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.mapped).toBe(8);
      const before = await everything();
      const repeat = await post(file, 'stix-1');
      expect(repeat.status).toBe(201);
      expect(repeat.body).toEqual(first.body);
      const rerun = await post(file, 'stix-2');
      expect(rerun.body).toEqual(first.body);
      expect((await everything()).entries).toBe(before.entries);
      const anotherFile = fs.readFileSync(standard('stix-2.1', 'examples', 'infrastructure.json'));
      const reused = await post(anotherFile, 'stix-1');
      expect(reused.status).toBe(409);
      const unknownFormat = await api.de!.request('POST', '/api/imports/openioc', file, {
        'content-type': 'application/json',
      });
      expect(unknownFormat.status).toBe(400);
      expect(unknownFormat.body).toMatchObject({ error: { field: expect.stringContaining('format') } });
      expect((await everything()).entries).toBe(before.entries);
      const bad = await post('{"type": "bundle", "objects": [', 'stix-3');
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { field: 'body' } });
      const unseen = await post(file, 'stix-4', '?incident=0190a3c4-0000-7000-8000-00000000dead');
      expect(unseen.status).toBe(404);
    });

    it('imports a file once when the same import arrives on several connections at once', async () => {
      const file = fs.readFileSync(standard('stix-2.1', 'examples', 'infrastructure.json'));
      const before = await everything();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          api.fi2!.request<ImportReport>('POST', '/api/imports/stix', file, {
            'content-type': 'application/json',
          }),
        ),
      );
      for (const a of answers) expect(a.status).toBe(201);
      for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
      const after = await everything();
      expect(after.runs).toBe(before.runs + 1);
      expect(after.incidents).toBe(before.incidents + 1);
      const written = (await entriesAs('fi2', answers[0]!.body.incidentId)).filter(
        (e) => e.kind === 'intelligence',
      );
      expect(written).toHaveLength(answers[0]!.body.mapped + answers[0]!.body.kept);
    });

    it('refuses an import into an exercise incident, or into one the importer may not see, writing nothing', async () => {
      const exercise = await api.fi!.post<Incident>('/api/incidents', {
        title: 'Cable cut (exercise)',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3600_000).toISOString(),
        exercise: true,
      });
      expect(exercise.status).toBe(201);
      const before = await everything();
      const file = standard('misp', 'events', '57c4445b-c548-4654-af0b-4be3950d210f.json');
      await expect(run('fi', 'misp', file, exercise.body.id)).rejects.toThrow(/exercise/);
      await expect(run('fi', 'misp', file, '0190a3c4-0000-7000-8000-00000000dead')).rejects.toThrow(
        /--incident/,
      );
      expect(await everything()).toEqual(before);
    });
  });
}
