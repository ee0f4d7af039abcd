// A TAXII 2.1 client written from the specification (OASIS TAXII 2.1, sections 1.6 media types, 3.2 errors, 3.4
// pagination and 4–5 endpoints) with nothing but fetch: discovery, the API root, collections, objects and
// manifests paged with limit/next, added_after and the X-TAXII-Date-Added-* headers, pulled as two organisations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import { ManualClock } from '../src/platform/clock.js';
import { markingRank, type TlpMarking } from '../src/sharing/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { stixProblems } from './support/stix-schemas.js';

const TAXII = 'application/taxii+json;version=2.1';
const STIX = 'application/stix+json;version=2.1';
const TLP_2: Record<string, TlpMarking> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'TLP:CLEAR',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'TLP:GREEN',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'TLP:AMBER',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'TLP:AMBER+STRICT',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'TLP:RED',
};

type StixObject = Record<string, unknown> & { id: string; type: string };
interface Envelope {
  more?: boolean;
  next?: string;
  objects?: StixObject[];
}

/** A TAXII client: every request names the TAXII media type and authenticates with an API token. */
function taxiiClient(base: string, token: string | undefined) {
  return async (path: string, init: { method?: string; accept?: string; body?: string } = {}) => {
    const headers: Record<string, string> = { accept: init.accept ?? TAXII };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body) headers['content-type'] = TAXII;
    const res = await fetch(new URL(path, base), { method: init.method ?? 'GET', headers, body: init.body });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
}
type Client = ReturnType<typeof taxiiClient>;

/** Follows `next` until `more` is false, checking each page as the specification describes it. */
async function pullAll(client: Client, objectsUrl: string, params: Record<string, string> = {}) {
  const pages: Array<{ objects: StixObject[]; first: string | null; last: string | null }> = [];
  let next: string | undefined;
  do {
    const query = new URLSearchParams({ ...params, ...(next ? { next } : {}) });
    const res = await client(`${objectsUrl}?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(TAXII);
    const envelope = res.body as Envelope;
    pages.push({
      objects: envelope.objects ?? [],
      first: res.headers.get('x-taxii-date-added-first'),
      last: res.headers.get('x-taxii-date-added-last'),
    });
    next = envelope.more ? envelope.next : undefined;
    if (envelope.more) expect(typeof envelope.next).toBe('string');
  } while (next);
  return pages;
}

describe.each(engines())('TAXII 2.1 conformance on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-11-28T08:00:00.000Z');
  const api: Record<string, ApiClient> = {};
  const taxii: Record<string, Client> = {};
  let incident: Incident;
  let groupId = '';
  let apiRoot = '';

  const note = (who: string, body: Record<string, unknown>) =>
    api[who]!.post<Entry>(`/api/incidents/${incident.id}/entries`, { kind: 'note', ...body });
  const objectsUrl = (collection: string) => `${apiRoot}collections/${collection}/objects/`;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
      ['ee', 'EE'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      api[key] = new ApiClient(server.url);
      await api[key]!.login(`${key}@example.eu`, PASSWORD);
      const token = await api[key]!.post<{ token: string }>('/api/me/tokens', { name: `${key} MISP` });
      expect(token.status).toBe(201);
      taxii[key] = taxiiClient(server.url, token.body.token);
    }
    incident = (
      await api.fi!.post<Incident>('/api/incidents', {
        title: 'Cable cut between Finland and Estonia',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        sectors: [{ sector: 'digital-infrastructure', subsector: 'electronic-communications' }],
        impacts: [{ memberState: 'FI', level: 'significant' }],
      })
    ).body;
    for (let i = 1; i <= 6; i++) await note('fi', { text: `green ${i}`, marking: 'TLP:GREEN' });
    await note('fi', { text: 'amber for FI and DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    await note('de', { text: 'strict for FI and DE', marking: 'TLP:AMBER+STRICT', audience: ['FI', 'DE'] });
    await note('fi', { text: 'red for DE', marking: 'TLP:RED', recipients: ['de@example.eu'] });
    const group = await api.fi!.post<{ id: string }>('/api/sharing-groups', {
      name: 'Baltic cable operators',
      members: ['FI', 'DE'],
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    await note('fi', { text: 'for the cable group', marking: 'TLP:AMBER', sharingGroup: groupId });
  });
  afterAll(() => server?.close());

  it('discovers one API root and speaks TAXII 2.1', async () => {
    const discovery = await taxii.fi!('/taxii2/');
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get('content-type')).toBe(TAXII);
    const roots = discovery.body.api_roots as string[];
    expect(roots).toHaveLength(1);
    expect(discovery.body.default).toBe(roots[0]);
    apiRoot = new URL(roots[0]!).pathname;
    const root = await taxii.fi!(apiRoot);
    expect(root.status).toBe(200);
    expect(root.body.versions).toEqual([TAXII]);
    expect(typeof root.body.max_content_length).toBe('number');
  });

  it('lists a collection per incident and per sharing group, each organisation only its own', async () => {
    const ids = async (who: string) => {
      const res = await taxii[who]!(`${apiRoot}collections/`);
      expect(res.status).toBe(200);
      const collections = res.body.collections as Array<Record<string, unknown>>;
      for (const c of collections) {
        expect(c).toMatchObject({ can_read: true, can_write: false, media_types: [STIX] });
        expect(JSON.stringify(c)).not.toContain('"DE"');
      }
      return collections.map((c) => c.id);
    };
    expect(await ids('fi')).toEqual(expect.arrayContaining([incident.id, groupId]));
    expect(await ids('de')).toEqual(expect.arrayContaining([incident.id, groupId]));
    const ee = await ids('ee');
    expect(ee).toContain(incident.id);
    expect(ee).not.toContain(groupId);
    const one = await taxii.ee!(`${apiRoot}collections/${incident.id}/`);
    expect(one.body).toMatchObject({ id: incident.id, title: 'Cable cut between Finland and Estonia' });
  });

  it('pulls the incident as FI and as EE, page by page, and each sees only what it may see', async () => {
    const seen: Record<string, StixObject[]> = {};
    for (const who of ['fi', 'ee']) {
      const pages = await pullAll(taxii[who]!, objectsUrl(incident.id), { limit: '3' });
      expect(pages.length).toBeGreaterThan(2);
      for (const page of pages) {
        expect(page.objects.length).toBeLessThanOrEqual(3);
        expect(page.objects.length).toBeGreaterThan(0);
        expect(page.first! <= page.last!).toBe(true);
      }
      // Pages follow each other in the order objects were added, never overlapping.
      for (let i = 1; i < pages.length; i++) expect(pages[i - 1]!.last! <= pages[i]!.first!).toBe(true);
      const objects = pages.flatMap((p) => p.objects);
      expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
      expect(
        stixProblems({ type: 'bundle', id: 'bundle--5b3c9d1e-7f2a-4c6b-9e8d-1a2b3c4d5e6f', objects }),
      ).toEqual([]);
      seen[who] = objects;
    }
    const texts = (who: string) =>
      seen[who]!.filter((o) => o.type === 'note' && o.x_blueprint_kind === 'note').map((o) => o.content);
    expect(texts('fi')).toEqual(
      expect.arrayContaining(['green 1', 'green 6', 'amber for FI and DE', 'for the cable group']),
    );
    expect(texts('ee')).toEqual(expect.arrayContaining(['green 1', 'green 6']));
    expect(texts('ee')).not.toContain('amber for FI and DE');
    expect(texts('ee')).not.toContain('for the cable group');
    for (const who of ['fi', 'ee']) {
      expect(texts(who)).not.toContain('strict for FI and DE');
      expect(texts(who)).not.toContain('red for DE');
      // Every note carries the marking of the entry the organisation sees through the API, never a wider one.
      const entries = (await api[who]!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body
        .items;
      for (const n of seen[who]!.filter((o) => o.type === 'note')) {
        const source = (n.external_references as Array<{ external_id: string }>)[0]!.external_id;
        const entry = entries.find((e) => e.id === source);
        expect(entry).toBeDefined();
        expect(TLP_2[(n.object_marking_refs as string[])[0]!]).toBe(entry!.marking);
      }
    }
    const markings = seen.ee!.filter((o) => o.type === 'marking-definition').map((o) => o.name);
    expect(markings.every((m) => markingRank(m as TlpMarking) <= markingRank('TLP:GREEN'))).toBe(true);
  });

  it('pages the manifest the same way, naming each object’s version and media type', async () => {
    const res = await taxii.fi!(`${apiRoot}collections/${incident.id}/manifest/?limit=4`);
    expect(res.status).toBe(200);
    const manifest = res.body as { more: boolean; next: string; objects: Array<Record<string, string>> };
    expect(manifest.objects).toHaveLength(4);
    expect(manifest.more).toBe(true);
    for (const m of manifest.objects) expect(m.media_type).toBe(STIX);
    expect(res.headers.get('x-taxii-date-added-first')).toBe(manifest.objects[0]!.date_added);
    expect(res.headers.get('x-taxii-date-added-last')).toBe(manifest.objects[3]!.date_added);
    const second = await taxii.fi!(
      `${apiRoot}collections/${incident.id}/manifest/?limit=4&next=${encodeURIComponent(manifest.next)}`,
    );
    const ids = (second.body.objects as Array<{ id: string }>).map((o) => o.id);
    for (const m of manifest.objects) expect(ids).not.toContain(m.id);
    const one = manifest.objects[0]!;
    const versions = await taxii.fi!(`${apiRoot}collections/${incident.id}/objects/${one.id}/versions/`);
    expect(versions.body).toMatchObject({ more: false, versions: [one.version] });
    const object = await taxii.fi!(`${apiRoot}collections/${incident.id}/objects/${one.id}/`);
    expect((object.body.objects as StixObject[]).map((o) => o.id)).toEqual([one.id]);
  });

  it('with added_after returns only what was added since, with what it refers to', async () => {
    const before = await pullAll(taxii.ee!, objectsUrl(incident.id));
    const watermark = before[before.length - 1]!.last!;
    clock.advance(60_000);
    await note('fi', { text: 'green after the pull', marking: 'TLP:GREEN' });
    await note('fi', { text: 'amber after the pull', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    const pages = await pullAll(taxii.ee!, objectsUrl(incident.id), { added_after: watermark });
    const objects = pages.flatMap((p) => p.objects);
    const contents = objects.filter((o) => o.type === 'note').map((o) => o.content);
    expect(contents).toContain('green after the pull');
    expect(contents).not.toContain('amber after the pull');
    expect(contents).not.toContain('green 1');
    expect(objects.map((o) => o.type)).toContain('incident');
    for (const p of pages) expect(p.first! > watermark).toBe(true);
    // Nothing added since: an empty envelope, without the date headers.
    const last = pages[pages.length - 1]!.last!;
    const empty = await taxii.ee!(`${objectsUrl(incident.id)}?added_after=${encodeURIComponent(last)}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ more: false });
    expect(empty.headers.get('x-taxii-date-added-first')).toBeNull();
  });

  it('serves a sharing group’s collection to its members only', async () => {
    const pages = await pullAll(taxii.de!, objectsUrl(groupId));
    const notes = pages.flatMap((p) => p.objects).filter((o) => o.type === 'note');
    expect(notes.map((n) => n.content)).toEqual(['for the cable group']);
    const ee = await taxii.ee!(objectsUrl(groupId));
    expect(ee.status).toBe(404);
  });

  it('answers errors in TAXII’s format: no token, a wrong media type, unknown collections, bad paging, writes', async () => {
    const expectError = (res: Awaited<ReturnType<Client>>, status: number) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe(TAXII);
      expect(res.body).toMatchObject({ http_status: String(status) });
      expect(typeof res.body.title).toBe('string');
    };
    const anonymous = taxiiClient(server.url, undefined);
    expectError(await anonymous('/taxii2/'), 401);
    expectError(await anonymous(objectsUrl(incident.id)), 401);
    expectError(await taxiiClient(server.url, 'bpt_not-a-token')('/taxii2/'), 401);
    expectError(await taxii.fi!('/taxii2/', { accept: 'application/taxii+json;version=2.0' }), 406);
    expectError(await taxii.fi!('/taxii2/', { accept: 'text/html' }), 406);
    expectError(await taxii.fi!(objectsUrl('no-such-collection')), 404);
    expectError(await taxii.fi!(`${objectsUrl(incident.id)}?limit=0`), 400);
    expectError(await taxii.fi!(`${objectsUrl(incident.id)}?next=garbage`), 400);
    expectError(await taxii.fi!(`${objectsUrl(incident.id)}?added_after=yesterday`), 400);
    expectError(await taxii.fi!(`${apiRoot}no-such-endpoint/`), 404);
    expectError(await taxii.fi!(objectsUrl(incident.id), { method: 'POST', body: '{"objects":[]}' }), 403);
    // A browser session is not a TAXII credential.
    const session = await fetch(new URL('/taxii2/', server.url), {
      headers: { accept: TAXII, cookie: api.fi!.cookie! },
    });
    expect(session.status).toBe(401);
  });
});
