import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { CepesEntry, CepesPage } from './model.js';

/** Seven member states: by the presumption alone, an entity serving them is a CEPES. */
const SEVEN = ['DE', 'AT', 'CZ', 'PL', 'NL', 'BE', 'FR'];

const gasTso = (over: Record<string, unknown> = {}) => ({
  name: 'Mittelland Gastransport GmbH',
  verdict: 'cepes',
  establishedIn: 'DE',
  memberStatesServed: SEVEN,
  sectors: ['energy'],
  note: 'Commission decision of 2026-07-17',
  marking: 'TLP:AMBER',
  ...over,
});

/** DE's report of a disrupted gas entity, named as DE names it, referencing the register when `cepesId` is given. */
const report = (entity: Record<string, unknown> = {}) => ({
  title: 'Compressor station outage',
  reportedBy: 'DE',
  occurredAt: '2026-11-30T05:00:00+01:00',
  entities: [
    {
      name: 'Our gas TSO',
      sector: 'energy',
      establishedIn: 'DE',
      memberStatesServed: SEVEN,
      significantlyDisrupted: true,
      ...entity,
    },
  ],
  impacts: [{ memberState: 'DE', level: 'minor' }],
});

const t2 = (incident: Incident) => incident.assessment.triggers.find((t) => t.id === 'T2')!;

describe.each(engines())('the CEPES register over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ['ercc', 'ERCC', 'coordinator'],
      ['erccviewer', 'ERCC', 'viewer'],
      ['de', 'DE', 'coordinator'],
      ['pt', 'PT', 'coordinator'],
      ['at', 'AT', 'coordinator'],
      ['nato', 'NATO', 'viewer'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const add = async (body: Record<string, unknown>) => {
    const res = await as.ercc!.post<CepesEntry>('/api/cepes-register', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  it('lets ERCC add and change entries, each audited, reaching the states it concerns by default', async () => {
    const created = await add(gasTso());
    expect(created).toMatchObject({
      verdict: 'cepes',
      establishedIn: 'DE',
      heldBy: null,
      memberStatesServed: [...SEVEN].sort(),
      marking: 'TLP:AMBER',
      audience: ['AT', 'BE', 'CZ', 'DE', 'ERCC', 'FR', 'NL', 'PL'],
      updatedBy: 'ERCC',
      abilities: { edit: true },
    });
    const changed = await as.ercc!.put<CepesEntry>(
      `/api/cepes-register/${created.id}`,
      gasTso({ note: 'confirmed again', audience: ['DE', 'PT'] }),
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.id, note: 'confirmed again', audience: ['DE', 'PT'] });
    expect((await as.pt!.get<CepesEntry>(`/api/cepes-register/${created.id}`)).body.note).toBe(
      'confirmed again',
    );
    // Reads of a restricted entry go to the access log, as reads of entries do.
    await server.platform.accessLog.flush();
    const reads = await server.platform.db.kysely
      .selectFrom('access_log')
      .select(['organisation', 'path'])
      .where('entry_id', '=', created.id)
      .execute();
    expect(reads).toContainEqual({ organisation: 'PT', path: 'cepes-register' });
    const audit = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select(['action', 'actor_org', 'details'])
      .where('subject_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['cepes.entry-added', 'cepes.entry-changed']);
    expect(audit.every((a) => a.actor_org === 'ERCC')).toBe(true);
    // Audit records carry no content: the register's names stay behind its audience.
    expect(JSON.stringify(audit)).not.toContain('Mittelland');
  });

  it('holds EU space-programme assets as EU infrastructure with EUSPA, never as CEPES', async () => {
    const galileo = await add({
      name: 'Galileo',
      verdict: 'eu-infrastructure',
      memberStatesServed: ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'CZ'],
      sectors: ['space'],
      marking: 'TLP:GREEN',
    });
    expect(galileo).toMatchObject({ verdict: 'eu-infrastructure', establishedIn: null, heldBy: 'EUSPA' });
    expect(galileo.audience).toContain('EUSPA');
    const asCepes = await as.ercc!.post('/api/cepes-register', {
      name: 'Galileo',
      verdict: 'cepes',
      establishedIn: 'CZ',
      memberStatesServed: SEVEN,
      sectors: ['space'],
      marking: 'TLP:GREEN',
    });
    expect(asCepes.status).toBe(400);
    expect(asCepes.body).toMatchObject({ error: { field: 'verdict' } });
  });

  it('refuses everyone but ERCC coordinators (403), and changes nothing', async () => {
    const entry = await add(gasTso({ name: 'Refusal test entity' }));
    for (const who of ['de', 'pt', 'erccviewer', 'nato']) {
      expect((await as[who]!.post('/api/cepes-register', gasTso())).status, who).toBe(403);
      expect(
        (await as[who]!.put(`/api/cepes-register/${entry.id}`, gasTso({ verdict: 'not-cepes' }))).status,
        who,
      ).toBe(403);
    }
    expect((await as.ercc!.get<CepesEntry>(`/api/cepes-register/${entry.id}`)).body.verdict).toBe('cepes');
  });

  it.each([
    [{ verdict: undefined }, 'verdict'],
    [{ verdict: 'maybe' }, 'verdict'],
    [{ name: '  ' }, 'name'],
    [{ establishedIn: undefined }, 'establishedIn'],
    [{ establishedIn: 'XX' }, 'establishedIn'],
    [{ establishedIn: 'NO' }, 'establishedIn'],
    [{ memberStatesServed: ['DE', 'AT', 'CZ', 'PL', 'NL'] }, 'memberStatesServed'],
    [{ memberStatesServed: ['DE', 'ZZ'] }, 'memberStatesServed[1]'],
    [{ sectors: [] }, 'sectors'],
    [{ sectors: ['energy', 'plumbing'] }, 'sectors[1]'],
    [{ sectors: ['banking'] }, 'sectors[0]'],
    [{ marking: 'TLP:RED' }, 'marking'],
    [{ audience: ['DE', 'NATO'] }, 'audience[1]'],
    [{ colour: 'red' }, 'colour'],
    [{ verdict: 'eu-infrastructure', establishedIn: 'DE' }, 'establishedIn'],
  ])('answers bad input %j with 400 naming %s', async (over, field) => {
    const res = await as.ercc!.post<{ error: { code: string; field: string; message: string } }>(
      '/api/cepes-register',
      gasTso(over),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toMatch(/\S/);
  });

  it('shows a state outside the audience nothing of an entry: list, typeahead, entry or incident', async () => {
    const entry = await add(gasTso({ name: 'Nordström Netz AG', note: 'basis: Art. 17(3) notice' }));
    // The typeahead finds it for a state it concerns, whatever the accents typed.
    const found = await as.de!.get<CepesPage>('/api/cepes-register?q=nordstrom&limit=5');
    expect(found.body.items.map((e) => e.id)).toContain(entry.id);
    expect(found.body.items[0]!.abilities.edit).toBe(false);
    expect((await as.de!.get<CepesPage>('/api/cepes-register?q=NORDSTRÖM')).body.items).toHaveLength(1);
    for (const who of ['pt', 'nato']) {
      expect((await as[who]!.get<CepesPage>('/api/cepes-register?q=nord')).body.items, who).toEqual([]);
      const all = await as[who]!.get<CepesPage>('/api/cepes-register?limit=100');
      expect(JSON.stringify(all.body), who).not.toContain('Nordström');
      expect((await as[who]!.get(`/api/cepes-register/${entry.id}`)).status, who).toBe(404);
    }
    // PT cannot reference what it may not see: the same 400 as for an entry that does not exist.
    const byPt = await as.pt!.post('/api/incidents', { ...report({ cepesId: entry.id }), reportedBy: 'PT' });
    expect(byPt.status).toBe(400);
    expect(byPt.body).toMatchObject({ error: { field: 'entities[0].cepesId' } });
    const unknown = await as.de!.post('/api/incidents', report({ cepesId: 'no-such-entry' }));
    expect(unknown.body).toMatchObject({ error: { field: 'entities[0].cepesId' } });

    const incident = await as.de!.post<Incident>('/api/incidents', report({ cepesId: entry.id }));
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    expect(incident.body.cepesRegister.map((e) => e.name)).toEqual(['Nordström Netz AG']);
    const seenByPt = await as.pt!.get<Incident>(`/api/incidents/${incident.body.id}`);
    expect(seenByPt.status).toBe(200);
    expect(seenByPt.body.cepesRegister).toEqual([]);
    // The entity as the report gave it; the shared facts are the same for both.
    expect(seenByPt.body.report).toMatchObject({ entities: [{ name: 'Our gas TSO' }] });
    expect(seenByPt.body.assessment).toEqual(incident.body.assessment);
    expect(JSON.stringify(seenByPt.body)).not.toMatch(/Nordström|Art\. 17\(3\) notice/);
    const list = await as.pt!.get<{ items: unknown[] }>('/api/incidents');
    expect(JSON.stringify(list.body)).not.toContain('Nordström');
  });

  it("withholds the register link with an entity's name, even from states that may read the register", async () => {
    const entry = await add(gasTso({ name: 'Withheld Gas Netz' }));
    const incident = await as.de!.post<Incident>('/api/incidents', {
      ...report({ cepesId: entry.id }),
      withheld: [{ field: 'entities[0].name', reason: 'national-security' }],
    });
    expect(incident.status).toBe(201);
    expect(incident.body.cepesRegister.map((e) => e.id)).toEqual([entry.id]);
    // AT is in the entry's audience, but DE kept the entity's name to itself: AT learns neither name nor link.
    expect((await as.at!.get(`/api/cepes-register/${entry.id}`)).status).toBe(200);
    const forAt = (await as.at!.get<Incident>(`/api/incidents/${incident.body.id}`)).body;
    expect(forAt.cepesRegister).toEqual([]);
    expect(JSON.stringify(forAt)).not.toContain(entry.id);
    expect(JSON.stringify(forAt)).not.toMatch(/Withheld Gas Netz|Our gas TSO/);
    expect(forAt.status).toBe(incident.body.status);
  });

  it('pages by name and refuses a position it did not give', async () => {
    for (const name of ['Paging A', 'Paging B', 'Paging C'])
      await add(gasTso({ name, audience: ['ERCC', 'FI'] }));
    const first = await as.ercc!.get<CepesPage>('/api/cepes-register?q=paging&limit=2');
    expect(first.body.items.map((e) => e.name)).toEqual(['Paging A', 'Paging B']);
    expect(first.body.next).not.toBeNull();
    const second = await as.ercc!.get<CepesPage>(
      `/api/cepes-register?q=paging&limit=2&after=${encodeURIComponent(first.body.next!)}`,
    );
    expect(second.body).toEqual({ items: [expect.objectContaining({ name: 'Paging C' })], next: null });
    const bad = await as.ercc!.get('/api/cepes-register?after=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'after' } });
    // A wildcard typed into the search is a character, not a pattern.
    expect((await as.ercc!.get<CepesPage>('/api/cepes-register?q=%25')).body.items).toEqual([]);
  });

  it("lets a 'not a CEPES' verdict override the presumption, and reassesses when the verdict changes", async () => {
    const presumed = await as.de!.post<Incident>('/api/incidents', report());
    expect(t2(presumed.body).met).toBe(true);
    expect(presumed.body.status).toBe('applies');

    const entry = await add(gasTso({ name: 'Verdict test TSO', verdict: 'not-cepes' }));
    const judged = await as.de!.post<Incident>('/api/incidents', report({ cepesId: entry.id }));
    expect(judged.status).toBe(201);
    expect(t2(judged.body).met).toBe(false);
    expect(judged.body.status).toBe('below-threshold');

    // A change of note or reach leaves every assessment as it was: no reassessment, no status change.
    const path = `/api/incidents/${judged.body.id}`;
    const statusChanges = async () =>
      (
        await as.de!.get<{ items: Array<{ kind: string; body: Record<string, unknown> }> }>(`${path}/entries`)
      ).body.items.filter((e) => e.kind === 'status-change');
    expect(await statusChanges()).toHaveLength(1);
    await as.ercc!.put(
      `/api/cepes-register/${entry.id}`,
      gasTso({ name: 'Verdict test TSO', verdict: 'not-cepes', note: 'n' }),
    );
    expect(await statusChanges()).toHaveLength(1);

    const confirmed = await as.ercc!.put(
      `/api/cepes-register/${entry.id}`,
      gasTso({ name: 'Verdict test TSO', verdict: 'cepes' }),
    );
    expect(confirmed.status).toBe(200);
    const after = await as.de!.get<Incident>(path);
    expect(t2(after.body).met).toBe(true);
    expect(after.body.status).toBe('applies');
    const changes = await statusChanges();
    expect(changes).toHaveLength(2);
    expect(changes[1]!.body).toMatchObject({ from: 'below-threshold', to: 'applies' });
    // The incident that only presumed is untouched by the register.
    expect((await as.de!.get<Incident>(`/api/incidents/${presumed.body.id}`)).body.status).toBe('applies');

    await as.ercc!.put(
      `/api/cepes-register/${entry.id}`,
      gasTso({ name: 'Verdict test TSO', verdict: 'not-cepes' }),
    );
    expect((await as.de!.get<Incident>(path)).body.status).toBe('below-threshold');
    expect(await statusChanges()).toHaveLength(3);
  });

  it('never leaves an incident assessed on a verdict the register no longer gives, under parallel writes', async () => {
    const entry = await add(gasTso({ name: 'Race test TSO', verdict: 'not-cepes' }));
    const verdicts = ['cepes', 'not-cepes', 'cepes', 'not-cepes', 'cepes'];
    // Reports referencing the entry and changes of its verdict, all at once on their own connections.
    const [reports] = await Promise.all([
      Promise.all(
        Array.from({ length: 8 }, () =>
          as.de!.post<Incident>('/api/incidents', report({ cepesId: entry.id })),
        ),
      ),
      Promise.all(
        verdicts.map((verdict) =>
          as.ercc!.put(`/api/cepes-register/${entry.id}`, gasTso({ name: 'Race test TSO', verdict })),
        ),
      ),
    ]);
    expect(reports.every((r) => r.status === 201)).toBe(true);
    const final = (await as.ercc!.get<CepesEntry>(`/api/cepes-register/${entry.id}`)).body.verdict;
    const expected = final === 'cepes' ? 'applies' : 'below-threshold';
    for (const r of reports) {
      const incident = (await as.de!.get<Incident>(`/api/incidents/${r.body.id}`)).body;
      expect(incident.status).toBe(expected);
      expect(t2(incident).met).toBe(final === 'cepes');
    }
  });

  it('honours Idempotency-Key on its writes: a repeat adds nothing, another body is 409', async () => {
    const key = { 'idempotency-key': `cepes-${engine}-1` };
    const first = await as.ercc!.post<CepesEntry>('/api/cepes-register', gasTso({ name: 'Once only' }), key);
    const again = await as.ercc!.post<CepesEntry>('/api/cepes-register', gasTso({ name: 'Once only' }), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await as.ercc!.get<CepesPage>('/api/cepes-register?q=once only')).body.items).toHaveLength(1);
    const other = await as.ercc!.post('/api/cepes-register', gasTso({ name: 'Twice' }), key);
    expect(other.status).toBe(409);
    const putKey = { 'idempotency-key': `cepes-${engine}-2` };
    const body = gasTso({ name: 'Once only', note: 'changed once' });
    const put1 = await as.ercc!.put<CepesEntry>(`/api/cepes-register/${first.body.id}`, body, putKey);
    const put2 = await as.ercc!.put<CepesEntry>(`/api/cepes-register/${first.body.id}`, body, putKey);
    expect(put2.body).toEqual(put1.body);
    const changes = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select('action')
      .where('subject_id', '=', first.body.id)
      .execute();
    expect(changes.map((c) => c.action)).toEqual(['cepes.entry-added', 'cepes.entry-changed']);
  });
});
