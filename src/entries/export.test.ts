import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { Entry, IncidentExport, SearchHit } from './model.js';

describe.each(engines())('exports and search on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;
  const post = (who: string, body: Record<string, unknown>) =>
    as[who]!.post<Entry>(`/api/incidents/${incident.id}/entries`, { kind: 'note', ...body });

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
      ['ee', 'EE'],
      ['nato', 'NATO'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: key === 'nato' ? 'viewer' : 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Rail signalling outage',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato: true,
        marking: 'TLP:CLEAR',
      })
    ).body;
    await post('fi', { text: 'public line', marking: 'TLP:CLEAR', releasableToNato: true });
    await post('fi', { text: 'amber to FI and DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    await post('de', { text: 'strict from DE', marking: 'TLP:AMBER+STRICT', audience: ['FI', 'DE'] });
    await post('de', { text: 'amber from DE', marking: 'TLP:AMBER', audience: ['FI', 'DE'] });
    await post('fi', { text: 'red for one', marking: 'TLP:RED', recipients: ['de@example.eu'] });
    await post('fi', {
      text: 'kept secret: Kotka depot',
      marking: 'TLP:GREEN',
      withheld: [{ field: 'text', reason: 'national-security' }],
    });
  });
  afterAll(() => server?.close());

  // Status changes are workflow facts shared with everyone; these tests look at what authors chose to share.
  const texts = (x: IncidentExport) =>
    x.entries.filter((e) => e.kind !== 'status-change').map((e) => e.text ?? e.kind);

  it('compiles for FI and DE only what both may see, without what recipients may not export', async () => {
    const res = await as.fi!.get<IncidentExport>(`/api/incidents/${incident.id}/export?audience=FI,DE`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="TLP-AMBER_incident-/);
    expect(texts(res.body)).toEqual([
      'report',
      'public line',
      'amber to FI and DE',
      'amber from DE',
      // FI withheld the text: an export reaching DE carries the note without it, like DE's own view.
      'note',
    ]);
    expect(res.body.product.marking).toBe('TLP:AMBER');
    expect(res.body.product.releasableToNato).toBe(false);
    expect(res.body.omitted).toEqual({ notVisibleToAll: 1, notExportable: 1 });
  });

  it('for a wider audience leaves out what some of its readers may not see', async () => {
    const res = await as.fi!.get<IncidentExport>(`/api/incidents/${incident.id}/export?audience=FI,DE,EE`);
    expect(texts(res.body)).toEqual(['report', 'public line', 'note']);
    expect(res.body.product.marking).toBe('TLP:GREEN');
  });

  it('for NATO contains only entries released to NATO', async () => {
    const res = await as.fi!.get<IncidentExport>(
      `/api/incidents/${incident.id}/export?audience=FI&nato=true`,
    );
    expect(texts(res.body)).toEqual(['report', 'public line']);
    // The incident's status entries (TLP:GREEN, released with the incident) make the product GREEN.
    expect(res.body.product).toMatchObject({ marking: 'TLP:GREEN', releasableToNato: true });
  });

  it("never puts withheld content into another organisation's export", async () => {
    const res = await as.de!.get<IncidentExport>(`/api/incidents/${incident.id}/export?audience=DE`);
    expect(JSON.stringify(res.body)).not.toContain('Kotka');
    expect(texts(res.body)).toContain('strict from DE');
  });

  it('searches only what the caller may see, never withheld text', async () => {
    // Withheld text is never indexed, so not even its author's organisation finds it by searching.
    const fi = await as.fi!.get<{ items: SearchHit[] }>('/api/search?q=kotka');
    expect(fi.body.items).toEqual([]);
    const de = await as.de!.get<{ items: SearchHit[] }>('/api/search?q=kotka');
    expect(de.body.items).toEqual([]);
    const ee = await as.ee!.get<{ items: SearchHit[] }>('/api/search?q=amber');
    expect(ee.body.items).toEqual([]);
    const deAmber = await as.de!.get<{ items: SearchHit[] }>('/api/search?q=amber');
    expect(deAmber.body.items.map((h) => h.entry?.text).sort()).toEqual([
      'amber from DE',
      'amber to FI and DE',
    ]);
    const title = await as.nato!.get<{ items: SearchHit[] }>('/api/search?q=signalling');
    expect(title.body.items[0]).toEqual({
      incidentId: incident.id,
      incidentTitle: 'Rail signalling outage',
      entry: null,
    });
    expect(title.body.items.slice(1).map((h) => h.entry?.kind)).toEqual(['report']);
    expect((await as.fi!.get('/api/search?q=a')).status).toBe(400);
  });
});
