import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { standard } from '../../test/support/standards.js';
import { stixProblems } from '../../test/support/stix-schemas.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { markingRank, type TlpMarking } from '../sharing/model.js';
import { TLP_2_IDS, tlpMarkingDefinition } from './stix-export-model.js';

interface Bundle {
  type: string;
  id: string;
  objects: Array<Record<string, unknown> & { type: string; id: string }>;
}

const MARKING_OF = new Map(Object.entries(TLP_2_IDS).map(([m, id]) => [id, m as TlpMarking]));
const markingOf = (o: Record<string, unknown>) =>
  MARKING_OF.get(((o.object_marking_refs as string[] | undefined) ?? [])[0] ?? '');
const notes = (b: Bundle) => b.objects.filter((o) => o.type === 'note');
const sourceId = (o: Record<string, unknown>) =>
  (o.external_references as Array<{ external_id: string }>)[0]!.external_id;

describe('TLP 2.0 marking definitions', () => {
  it('are exactly the ones OASIS publishes', () => {
    for (const [marking, file] of [
      ['TLP:CLEAR', 'tlp-clear.json'],
      ['TLP:GREEN', 'tlp-green.json'],
      ['TLP:AMBER', 'tlp-amber.json'],
      ['TLP:AMBER+STRICT', 'tlp-amber-strict.json'],
      ['TLP:RED', 'tlp-red.json'],
    ] as const) {
      const published = JSON.parse(fs.readFileSync(standard('stix-2.1', 'tlp-2.0', file), 'utf8'));
      const definition = published.type === 'bundle' ? published.objects[0] : published;
      expect(tlpMarkingDefinition(marking)).toEqual(definition);
    }
  });
});

describe('the STIX 2.1 schema check', () => {
  const sample = () =>
    JSON.parse(fs.readFileSync(standard('stix-2.1', 'examples', 'threat-reports', 'apt1.json'), 'utf8'));
  const note = {
    type: 'note',
    spec_version: '2.1',
    id: 'note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061',
    created: '2026-11-28T06:00:00.000Z',
    modified: '2026-11-28T06:00:00.000Z',
    content: 'text',
    object_refs: ['incident--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0062'],
  };
  const bundle = (...objects: unknown[]) => ({
    type: 'bundle',
    id: 'bundle--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0063',
    objects,
  });

  it('accepts the OASIS samples and a well-formed note', () => {
    expect(stixProblems(sample())).toEqual([]);
    expect(stixProblems(bundle(note))).toEqual([]);
  });

  it('rejects what the official schemas reject', () => {
    const { content: _content, ...withoutContent } = note;
    expect(stixProblems(bundle(withoutContent))).not.toEqual([]);
    expect(stixProblems(bundle({ ...note, created: '2026-11-28T06:00:00Z' }))).not.toEqual([]);
    expect(stixProblems(bundle({ ...note, id: 'note--0c7b5b88-8ff7-7a4d-aa9d-feb398cd0061' }))).not.toEqual(
      [],
    );
    expect(stixProblems(bundle({ ...note, x_Upper: 1 }))).not.toEqual([]);
  });
});

describe.each(engines())('STIX 2.1 export on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  const stix = async (who: string) => {
    const res = await as[who]!.get<Bundle>(`/api/incidents/${incident.id}/stix`);
    expect(res.status).toBe(200);
    return res;
  };
  const post = (who: string, body: Record<string, unknown>) =>
    as[who]!.post<Entry>(`/api/incidents/${incident.id}/entries`, { kind: 'note', ...body });

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation, role] of [
      ['fi', 'FI', 'coordinator'],
      ['de', 'DE', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['nato', 'NATO', 'viewer'],
      ['admin', 'ERCC', 'admin'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      if (key !== 'admin') await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Substation sabotage in the Gulf of Finland',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T06:00:00Z',
      description: 'Two substations out of service.',
      cause: 'physical',
      releasableToNato: true,
      marking: 'TLP:GREEN',
      sectors: [
        { sector: 'energy', subsector: 'electricity' },
        { sector: 'transport', subsector: 'public-transport' },
      ],
      entities: [
        {
          name: 'Kotka depot',
          sector: 'energy',
          subsector: 'electricity',
          establishedIn: 'FI',
          memberStatesServed: ['FI', 'EE'],
          cepes: true,
          significantlyDisrupted: true,
        },
        { name: 'Helsinki Grid Oy', sector: 'energy', subsector: 'electricity' },
      ],
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'minor', assessedBy: 'FI' },
      ],
      withheld: [{ field: 'entities[0].name', reason: 'national-security' }],
    });
    expect(created.status).toBe(201);
    incident = created.body;
    await post('fi', { text: 'public line', marking: 'TLP:CLEAR', releasableToNato: true });
    await post('fi', { text: 'amber to FI and DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    await post('de', { text: 'strict from DE', marking: 'TLP:AMBER+STRICT', audience: ['FI', 'DE'] });
    await post('fi', { text: 'red for one', marking: 'TLP:RED', recipients: ['de@example.eu'] });
    await post('fi', {
      text: 'kept back: Kotka again',
      marking: 'TLP:GREEN',
      withheld: [{ field: 'text', reason: 'national-security' }],
    });
  });
  afterAll(() => server?.close());

  it('serves a bundle the official STIX 2.1 schemas accept, for every reader', async () => {
    for (const who of ['fi', 'de', 'ee', 'nato']) {
      const res = await stix(who);
      expect(res.headers.get('content-type')).toBe('application/stix+json;version=2.1');
      expect(stixProblems(res.body), who).toEqual([]);
      const types = new Set(res.body.objects.map((o) => o.type));
      for (const t of ['incident', 'report', 'identity', 'location', 'note', 'marking-definition'])
        expect(types, `${who}: ${t}`).toContain(t);
    }
  });

  it('writes the incident, its organisations, countries, entities and entries, tagged with NIS2 sectors', async () => {
    const { body } = await stix('de');
    const incidentObject = body.objects.find((o) => o.type === 'incident')!;
    expect(incidentObject).toMatchObject({
      name: 'Substation sabotage in the Gulf of Finland',
      description: 'Two substations out of service.',
      x_blueprint_reported_by: 'FI',
      x_blueprint_releasable_to_nato: true,
    });
    expect(incidentObject.labels).toEqual([
      'nis2:impact-sectors-impacted="energy"',
      'nis2:impact-sectors-impacted="transport"',
      'nis2:impact-subsectors-impacted="electricity"',
    ]);
    expect(sourceId(incidentObject)).toBe(incident.id);
    const countries = body.objects.filter((o) => o.type === 'location').map((o) => o.country);
    expect(countries).toEqual(expect.arrayContaining(['FI', 'EE']));
    const identities = body.objects.filter((o) => o.type === 'identity').map(sourceId);
    expect(identities).toEqual(expect.arrayContaining(['FI']));
    const entities = body.objects.filter((o) => o.type === 'infrastructure').map((o) => o.name);
    // FI withheld the first entity's name: DE gets the entity without it.
    expect(entities).toEqual(['withheld by FI', 'Helsinki Grid Oy']);
    const report = body.objects.find((o) => o.type === 'report')!;
    const ids = new Set(body.objects.map((o) => o.id));
    for (const ref of report.object_refs as string[]) expect(ids).toContain(ref);
    for (const o of body.objects) {
      for (const ref of (o.object_marking_refs as string[] | undefined) ?? []) expect(ids).toContain(ref);
      if (typeof o.created_by_ref === 'string') expect(ids).toContain(o.created_by_ref);
    }
  });

  it('never widens a marking: each note carries its entry’s marking and audience, the report the most restrictive', async () => {
    for (const who of ['fi', 'de', 'ee', 'nato']) {
      const { body } = await stix(who);
      const entries = (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body
        .items;
      const byId = new Map(entries.map((e) => [e.id, e]));
      for (const note of notes(body)) {
        const entry = byId.get(sourceId(note));
        expect(entry, `${who}: a note for an entry the reader may see`).toBeDefined();
        expect(markingOf(note)).toBe(entry!.marking);
        expect(note.x_blueprint_audience).toEqual(entry!.whoCanSee.organisations);
        expect(note.x_blueprint_releasable_to_nato).toBe(entry!.whoCanSee.natoLiaison);
      }
      const ranks = body.objects
        .filter((o) => o.type !== 'marking-definition')
        .map((o) => markingRank(markingOf(o)!));
      const report = body.objects.find((o) => o.type === 'report')!;
      expect(markingRank(markingOf(report)!)).toBe(Math.max(...ranks));
      // Nothing that stays on the platform is written, not even its marking definition.
      const markings = body.objects.filter((o) => o.type === 'marking-definition').map((o) => o.name);
      expect(markings).not.toContain('TLP:AMBER+STRICT');
      expect(markings).not.toContain('TLP:RED');
    }
  });

  it('carries only what each reader may see, and AMBER+STRICT and RED for nobody, not even their authors', async () => {
    const contents = async (who: string) =>
      notes((await stix(who)).body)
        .filter((n) => n.x_blueprint_kind === 'note')
        .map((n) => n.content);
    expect(await contents('fi')).toEqual(['public line', 'amber to FI and DE', 'note']);
    expect(await contents('de')).toEqual(['public line', 'amber to FI and DE', 'note']);
    expect(await contents('ee')).toEqual(['public line', 'note']);
    expect(await contents('nato')).toEqual(['public line']);
    const de = JSON.stringify((await stix('de')).body);
    expect(de).not.toContain('strict from DE');
    expect(de).not.toContain('red for one');
  });

  it('keeps withheld names withheld, also from the organisation that withheld them', async () => {
    for (const who of ['fi', 'de', 'ee', 'nato']) {
      const text = JSON.stringify((await stix(who)).body);
      expect(text, who).not.toContain('Kotka');
    }
    // The platform itself still shows FI its own withheld details, so the export is what leaves them out.
    const fiView = await as.fi!.get<Entry[]>(`/api/incidents/${incident.id}/entries`);
    expect(JSON.stringify(fiView.body)).toContain('Kotka');
  });

  it('reads in as many queries for a long log as for a short one (no query per entry)', async () => {
    const counted = async (id: string) => {
      await server.platform.accessLog.flush();
      const before = server.platform.db.queries.count;
      expect((await as.de!.get(`/api/incidents/${id}/stix`)).status).toBe(200);
      return server.platform.db.queries.count - before;
    };
    const seed = async (notes: number) => {
      const created = await as.fi!.post<Incident>('/api/incidents', {
        title: `Counted ${notes}`,
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        entities: [{ name: 'Grid operator', sector: 'energy' }],
      });
      for (let i = 0; i < notes; i++)
        await as.fi!.post(`/api/incidents/${created.body.id}/entries`, {
          kind: 'note',
          text: `note ${i}`,
          marking: i % 2 ? 'TLP:AMBER' : 'TLP:GREEN',
          audience: ['FI', 'DE'],
        });
      return created.body.id;
    };
    const short = await counted(await seed(1));
    const long = await counted(await seed(20));
    expect(short).toBeGreaterThan(0);
    expect(long).toBe(short);
  });

  it('answers 404 for an incident the caller may not see, and 401 without a session', async () => {
    await as.fi!.post<Incident>('/api/incidents', {
      title: 'Not released',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T06:00:00Z',
    });
    const list = await as.fi!.get<{ items: Incident[] }>('/api/incidents');
    const hidden = list.body.items.find((i) => i.title === 'Not released')!;
    expect((await as.nato!.get(`/api/incidents/${hidden.id}/stix`)).status).toBe(404);
    expect((await as.fi!.get('/api/incidents/no-such-incident/stix')).status).toBe(404);
    expect((await new ApiClient(server.url).get(`/api/incidents/${incident.id}/stix`)).status).toBe(401);
  });
});
