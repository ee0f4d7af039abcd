import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { Incident } from '../incidents/model.js';
import type { SharingGroup } from '../sharing/model.js';
import type { Entry, ReachChangeResult } from './model.js';

const PEOPLE = [
  ['fi', 'FI', 'coordinator'],
  ['fi2', 'FI', 'viewer'],
  ['de', 'DE', 'coordinator'],
  ['ee', 'EE', 'viewer'],
  ['eeas', 'EEAS', 'coordinator'],
  ['nato', 'NATO', 'viewer'],
  ['root', 'ERCC', 'admin'],
] as const;

describe.each(engines())('entries, reach and the stream on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  const streams: SseClient[] = [];

  const stream = async (who: string, headers: Record<string, string> = {}) => {
    const s = new SseClient(`${server.url}/api/stream`, { cookie: as[who]!.cookie!, ...headers });
    expect(await s.open()).toBe(200);
    streams.push(s);
    return s;
  };
  const ids = async (who: string) =>
    (await as[who]!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body.items?.map(
      (e) => e.id,
    ) ?? [];

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation, role] of PEOPLE) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      if (role !== 'admin') await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Gas pipeline pressure drop',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato: true,
        impacts: [{ memberState: 'FI', level: 'minor' }],
      })
    ).body;
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.close();
  });

  it('shows an AMBER note to FI and DE only, with who can see it', async () => {
    const res = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Compressor station offline',
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    expect(res.status).toBe(201);
    expect(res.body.whoCanSee).toEqual({
      organisations: ['DE', 'FI'],
      people: [],
      natoLiaison: false,
      hiddenGroup: null,
    });
    expect(await ids('de')).toContain(res.body.id);
    expect(await ids('fi2')).toContain(res.body.id);
    expect(await ids('ee')).not.toContain(res.body.id);
    expect(await ids('eeas')).not.toContain(res.body.id);
    expect(await ids('nato')).not.toContain(res.body.id);
    expect((await as.eeas!.get(`/api/incidents/${incident.id}/entries/${res.body.id}`)).status).toBe(404);
  });

  it('keeps TLP:RED to the named people and the author', async () => {
    const bad = await as.fi!.post(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:RED',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'recipients' } });
    const red = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Suspect vessel identified',
      marking: 'TLP:RED',
      audience: ['DE', 'EE'],
      recipients: ['EE@example.eu'],
    });
    expect(red.status).toBe(201);
    // Recipients are people, resolved to their accounts; the author also sees the address.
    expect(red.body.whoCanSee.people).toEqual(['ee@example.eu (EE)']);
    expect(red.body.recipients).toEqual([
      { userId: expect.any(String), name: 'ee@example.eu', organisation: 'EE', email: 'ee@example.eu' },
    ]);
    expect(await ids('ee')).toContain(red.body.id);
    expect(await ids('fi')).toContain(red.body.id);
    expect(await ids('fi2')).not.toContain(red.body.id);
    expect(await ids('de')).not.toContain(red.body.id);
  });

  it('refuses NATO in an audience and shows NATO only what is released to it', async () => {
    const bad = await as.fi!.post(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:GREEN',
      audience: ['FI', 'NATO'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'audience[1]' } });
    const released = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'For the liaison',
      marking: 'TLP:GREEN',
      audience: ['FI'],
      releasableToNato: true,
    });
    expect(await ids('nato')).toContain(released.body.id);
    expect(await ids('de')).not.toContain(released.body.id);
  });

  it('pages through the log newest first, with only what the caller may see', async () => {
    const all = (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body.items;
    const paged: Entry[] = [];
    let before: number | null = null;
    do {
      const page: { body: { items: Entry[]; nextBeforeSeq: number | null } } = await as.de!.get(
        `/api/incidents/${incident.id}/entries?order=desc&limit=2${before ? `&beforeSeq=${before}` : ''}`,
      );
      paged.push(...page.body.items);
      before = page.body.nextBeforeSeq;
    } while (before !== null);
    expect(paged.map((e) => e.id)).toEqual([...all].reverse().map((e) => e.id));
  });

  it('gives platform admins no content and viewers no writing', async () => {
    const root = new ApiClient(server.url);
    const login = await root.post('/api/auth/login', { email: 'root@example.eu', password: PASSWORD });
    expect(login.status).toBe(200);
    const viewerPost = await as.ee!.post(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:CLEAR',
    });
    expect(viewerPost.status).toBe(403);
  });

  it('hides what an author withholds from other organisations, but says who withheld it', async () => {
    const res = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'The operator is X Oy',
      marking: 'TLP:GREEN',
      withheld: [{ field: 'text', reason: 'commercial-confidentiality' }],
    });
    const forDe = (await as.de!.get<Entry>(`/api/incidents/${incident.id}/entries/${res.body.id}`)).body;
    expect(forDe.text).toBeNull();
    expect(JSON.stringify(forDe)).not.toContain('X Oy');
    expect(forDe.withheld).toEqual([{ field: 'text', reason: 'commercial-confidentiality', by: 'FI' }]);
    const forFi2 = (await as.fi2!.get<Entry>(`/api/incidents/${incident.id}/entries/${res.body.id}`)).body;
    expect(forFi2.text).toBe('The operator is X Oy');
  });

  it('streams new entries only to those in the audience, withdraws on narrowing and delivers on widening', async () => {
    const [deStream, eeasStream, natoStream, eeStream] = [
      await stream('de'),
      await stream('eeas'),
      await stream('nato'),
      await stream('ee'),
    ];
    const note = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Live to DE',
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    const got = await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === note.body.id);
    // Ids are stream positions of their own, not the entry's sequence number.
    expect(Number(got.id)).toBeGreaterThan(0);
    expect(got.data).toEqual(
      (await as.de!.get<Entry>(`/api/incidents/${incident.id}/entries/${note.body.id}`)).body,
    );
    // A later entry visible to everyone is the fence: once it arrives, anything earlier would have too.
    const fence = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'fence',
      marking: 'TLP:CLEAR',
      releasableToNato: true,
    });
    for (const s of [eeasStream, natoStream, eeStream]) {
      await s.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.body.id);
      expect(s.events.some((e) => JSON.stringify(e.data).includes(note.body.id))).toBe(false);
    }

    const widened = await as.fi!.post<ReachChangeResult>(
      `/api/incidents/${incident.id}/entries/${note.body.id}/reach`,
      {
        marking: 'TLP:AMBER',
        audience: ['FI', 'DE', 'EEAS'],
      },
    );
    expect(widened.status).toBe(200);
    const regained = await eeasStream.waitFor(
      (e) => e.event === 'entry' && (e.data as Entry).id === note.body.id,
    );
    expect(await ids('eeas')).toContain(note.body.id);
    // A widening sends the old entry at a new, later position: a client's Last-Event-ID never moves back.
    const eeasIds = eeasStream.events.map((e) => Number(e.id));
    expect(eeasIds).toEqual([...eeasIds].sort((a, b) => a - b));
    expect(new Set(eeasIds).size).toBe(eeasIds.length);
    expect(Number(regained.id)).toBeGreaterThan(Number(got.id));
    // EEAS reads it (logged: AMBER), then FI narrows again and is told EEAS may have read it.
    await as.eeas!.get(`/api/incidents/${incident.id}/entries/${note.body.id}`);
    await server.platform.accessLog.flush();
    const narrowed = await as.fi!.post<ReachChangeResult>(
      `/api/incidents/${incident.id}/entries/${note.body.id}/reach`,
      {
        marking: 'TLP:AMBER',
        audience: ['FI', 'DE'],
      },
    );
    expect(narrowed.body.mayHaveRead.map((r) => r.organisation)).toContain('EEAS');
    expect(narrowed.body.organisationsLosingAccess).toEqual(['EEAS']);
    await eeasStream.waitFor(
      (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === note.body.id,
    );
    expect(await ids('eeas')).not.toContain(note.body.id);
    expect((await as.eeas!.get(`/api/incidents/${incident.id}/entries/${note.body.id}`)).status).toBe(404);
    // Raising the marking to RED withdraws it from DE too.
    await as.fi!.post(`/api/incidents/${incident.id}/entries/${note.body.id}/reach`, {
      marking: 'TLP:RED',
      recipients: ['fi@example.eu'],
    });
    await deStream.waitFor(
      (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === note.body.id,
    );
    expect(await ids('de')).not.toContain(note.body.id);
  });

  it('sends assessment changes to everyone who may see the incident', async () => {
    const s = await stream('eeas');
    await as.fi!.post(`/api/incidents/${incident.id}/assessments`, {
      memberState: 'FI',
      level: 'significant',
    });
    const e = await s.waitFor((x) => x.event === 'assessment');
    expect(e.data).toMatchObject({ incidentId: incident.id, assessment: { significantlyAffected: ['FI'] } });
  });

  it('resumes after Last-Event-ID with only what the caller may see', async () => {
    const all = (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries`)).body.items;
    // From the very start: every entry DE may see now, once each, and nothing else.
    const resumed = await stream('de', { 'last-event-id': '0' });
    const expected = all.map((e) => e.id).sort();
    const received = () => resumed.events.filter((e) => e.event === 'entry').map((e) => (e.data as Entry).id);
    await resumed.waitFor(() => new Set(received()).size >= expected.length);
    expect([...received()].sort()).toEqual(expected);
  });

  it('brings corrections and retractions to everyone who had the entry, and to nobody else', async () => {
    const [deStream, eeasStream] = [await stream('de'), await stream('eeas')];
    const original = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Pressure at 40 bar',
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
    });
    await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === original.body.id);
    // A correction that names a narrower audience still reaches everyone who had the original.
    const correction = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Correction: pressure at 14 bar',
      marking: 'TLP:AMBER',
      audience: ['FI'],
      supersedes: original.body.id,
    });
    expect(correction.status).toBe(201);
    expect(correction.body.audience).toEqual(['DE', 'FI']);
    await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === correction.body.id);
    const seen = (await as.de!.get<Entry>(`/api/incidents/${incident.id}/entries/${original.body.id}`)).body;
    expect(seen.supersededBy).toMatchObject({ id: correction.body.id, kind: 'note' });
    const retraction = await as.fi!.post<Entry>(
      `/api/incidents/${incident.id}/entries/${correction.body.id}/retraction`,
      {
        reason: 'Sensor fault; figures withdrawn',
      },
    );
    expect(retraction.status).toBe(201);
    await deStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === retraction.body.id);
    expect(
      (await as.de!.get<Entry>(`/api/incidents/${incident.id}/entries/${correction.body.id}`)).body
        .supersededBy,
    ).toMatchObject({
      kind: 'retraction',
    });
    const fence = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'fence 2',
      marking: 'TLP:CLEAR',
    });
    await eeasStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === fence.body.id);
    for (const id of [original.body.id, correction.body.id, retraction.body.id]) {
      expect(eeasStream.events.some((e) => JSON.stringify(e.data).includes(id))).toBe(false);
    }
    const foreign = await as.de!.post(
      `/api/incidents/${incident.id}/entries/${original.body.id}/retraction`,
      { reason: 'x' },
    );
    expect(foreign.status).toBe(403);
    const redCorrection = await as.fi!.post(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:RED',
      recipients: ['fi@example.eu'],
      supersedes: original.body.id,
    });
    expect(redCorrection.status).toBe(400);
    expect(redCorrection.body).toMatchObject({ error: { field: 'marking' } });
  });

  it('shares with a sharing group evaluated when read, and hides hidden membership', async () => {
    const group = await as.fi!.post<SharingGroup>('/api/sharing-groups', {
      name: 'Baltic energy cell',
      members: ['FI', 'EE'],
      hiddenMembership: true,
    });
    expect(group.status).toBe(201);
    const note = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Group only',
      marking: 'TLP:AMBER',
      sharingGroup: group.body.id,
    });
    expect(note.status).toBe(201);
    expect(await ids('ee')).toContain(note.body.id);
    expect(await ids('de')).not.toContain(note.body.id);
    const forEe = (await as.ee!.get<Entry>(`/api/incidents/${incident.id}/entries/${note.body.id}`)).body;
    expect(forEe.whoCanSee.hiddenGroup).toBe('Baltic energy cell');
    expect(forEe.whoCanSee.organisations).toEqual(['FI']);
    const eeGroups = (await as.ee!.get<{ items: SharingGroup[] }>('/api/sharing-groups')).body.items;
    expect(eeGroups.find((g) => g.id === group.body.id)?.members).toEqual([]);
    const eeStream = await stream('ee');
    await as.fi!.put(`/api/sharing-groups/${group.body.id}/members`, { members: ['FI', 'DE'] });
    await eeStream.waitFor(
      (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === note.body.id,
    );
    expect(await ids('ee')).not.toContain(note.body.id);
    expect(await ids('de')).toContain(note.body.id);
  });
});
