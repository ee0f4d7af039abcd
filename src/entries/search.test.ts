import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { foldUnindexedText } from '../log/search-backfill.js';
import type { Entry, SearchHit } from './model.js';

describe.each(engines())('search folds case and accents in every EU alphabet on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  const note = (who: string, body: Record<string, unknown>) =>
    as[who]!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      marking: 'TLP:GREEN',
      ...body,
    });
  const texts = async (who: string, q: string) => {
    const response = await as[who]!.get<{ items: SearchHit[] }>(`/api/search?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    return response.body.items
      .map((hit) => (hit.entry ? (hit.entry.text ?? `${hit.entry.kind}`) : `title: ${hit.incidentTitle}`))
      .sort();
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['pl', 'PL'],
      ['cz', 'CZ'],
      ['gr', 'GR'],
      ['de', 'DE'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.pl!.post<Incident>('/api/incidents', {
        title: 'Gas compressor station Łódź',
        reportedBy: 'PL',
        occurredAt: '2026-11-28T06:00:00Z',
      })
    ).body;
    expect((await note('pl', { text: 'Pressure drop at the Łódź compressor' })).status).toBe(201);
    expect((await note('cz', { text: 'Škoda plant in Plzeň on backup power' })).status).toBe(201);
    expect((await note('gr', { text: 'Διακοπή ρεύματος στην Ελλάδα, Θεσσαλονίκη' })).status).toBe(201);
    expect((await note('de', { text: 'Straße nach Øresund gesperrt' })).status).toBe(201);
    expect(
      (
        await note('pl', {
          text: 'Łódź operator shares only with CZ',
          marking: 'TLP:AMBER',
          audience: ['CZ'],
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await note('pl', {
          text: 'Sabotage suspected near Łódź depot',
          withheld: [{ field: 'text', reason: 'national-security' }],
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => server.close());

  it.each([
    ['lodz', ['Pressure drop at the Łódź compressor', 'report', 'title: Gas compressor station Łódź']],
    ['ŁÓDŹ', ['Pressure drop at the Łódź compressor', 'report', 'title: Gas compressor station Łódź']],
    ['skoda plzen', ['Škoda plant in Plzeň on backup power']],
    ['ελλαδα', ['Διακοπή ρεύματος στην Ελλάδα, Θεσσαλονίκη']],
    ['ΘΕΣΣΑΛΟΝΙΚΗ', ['Διακοπή ρεύματος στην Ελλάδα, Θεσσαλονίκη']],
    ['strasse oresund', ['Straße nach Øresund gesperrt']],
    ['compress', ['Pressure drop at the Łódź compressor', 'report', 'title: Gas compressor station Łódź']],
  ])('DE searching %s finds what DE may see', async (q, expected) => {
    expect(await texts('de', q)).toEqual(expected);
  });

  it('finds an AMBER note only for its audience and its author', async () => {
    expect(await texts('cz', 'operator shares')).toEqual(['Łódź operator shares only with CZ']);
    expect(await texts('pl', 'operator shares')).toEqual(['Łódź operator shares only with CZ']);
    expect(await texts('de', 'operator shares')).toEqual([]);
  });

  it('never finds withheld text, not even for the author: it is not indexed', async () => {
    expect(await texts('de', 'sabotage')).toEqual([]);
    expect(await texts('cz', 'depot')).toEqual([]);
    expect(await texts('pl', 'sabotage depot')).toEqual([]);
  });

  it('needs every word: one missing word finds nothing', async () => {
    expect(await texts('de', 'lodz gdansk')).toEqual([]);
  });

  it('refuses a search with less than two letters or digits, naming q', async () => {
    const response = await as.de!.get<{ error: { code: string; field: string } }>('/api/search?q=%C5%81');
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe('q');
    expect((await as.de!.get('/api/search?q=%22%20%2A')).status).toBe(400);
  });

  it('folds at start-up the text of entries and titles written before search had an index', async () => {
    const db = server.platform.db.kysely;
    await db.updateTable('entries').set({ search_text: null }).execute();
    await db.updateTable('incidents').set({ search_title: null }).execute();
    expect(await texts('de', 'skoda')).toEqual([]);
    expect(await foldUnindexedText(db)).toBeGreaterThanOrEqual(7);
    expect(await texts('de', 'skoda')).toEqual(['Škoda plant in Plzeň on backup power']);
    expect(await texts('de', 'station')).toEqual(['report', 'title: Gas compressor station Łódź']);
    expect(await foldUnindexedText(db)).toBe(0);
  });

  it('treats query syntax as words, never as index operators', async () => {
    expect(await texts('de', 'lodz" OR "skoda')).toEqual([]);
    expect(await texts('de', 'skoda:* | lodz')).toEqual([]);
  });
});
