import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { PopplerPdf } from '../../test/support/pdf-pages.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { presidencyAt } from '../registry/presidency.js';
import type { Sitrep, SitrepDiff } from './model.js';

const PRESIDENCY = presidencyAt(new Date())!.memberState;

async function pdfText(buffer: ArrayBuffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

describe.each(engines())('sitreps on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, org] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
      ['de', 'DE'],
      ['ercc', 'ERCC'],
      ['presidency', PRESIDENCY],
      ['eeas', 'EEAS'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: org,
        role: 'coordinator',
        displayName: `${key} officer`,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Łódź–Tallinn data link outage',
        reportedBy: 'FI',
        occurredAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
        cause: 'technical-failure',
        sectors: [{ sector: 'energy', subsector: 'electricity' }],
        impacts: [
          { memberState: 'FI', level: 'significant', service: 'grid balancing', usersAffected: 5000 },
          { memberState: 'EE', level: 'significant' },
        ],
      })
    ).body;
    await as.ee!.post(`/api/incidents/${incident.id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Public line: supply is stable.',
      marking: 'TLP:CLEAR',
    });
    await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, {
      kind: 'note',
      text: 'Secret repair plan for FI and EE',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE'],
    });
  });
  afterAll(() => server?.close());

  it('compiles, takes contributions, is approved, numbered, frozen, exported and hidden from others', async () => {
    const draft = await as.fi!.post<Sitrep>(`/api/incidents/${incident.id}/sitreps`, {
      audience: ['FI', 'EE', 'ERCC', PRESIDENCY],
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ state: 'draft', number: null, marking: 'TLP:GREEN' });
    expect(draft.body.sections.map((s) => s.key)).toEqual([
      'situation',
      'impact',
      'actions',
      'needs',
      'communication',
      'outlook',
      'questions',
    ]);
    expect(draft.body.sections.find((s) => s.key === 'communication')?.text).toContain('supply is stable');
    // The AMBER note reaches only FI and EE, not ERCC or the Presidency: it stays out of a sitrep for all four.
    expect(JSON.stringify(draft.body)).not.toContain('Secret repair plan');
    expect(draft.body.sources.notVisibleToAll).toBeGreaterThan(0);
    const path = `/api/incidents/${incident.id}/sitreps/${draft.body.id}`;

    expect((await as.de!.get(path)).status).toBe(404);
    expect((await as.ee!.get(path)).status).toBe(404);
    expect((await as.fi!.patch(path, { marking: 'TLP:CLEAR' })).status).toBe(400);
    const edited = await as.fi!.patch<Sitrep>(path, {
      marking: 'TLP:AMBER',
      sections: [{ key: 'outlook', text: 'Repair within 48 hours.' }],
    });
    expect(edited.body.marking).toBe('TLP:AMBER');
    expect((await as.fi!.post(`${path}/contributors`, { organisation: 'DE' })).status).toBe(400);
    await as.fi!.post(`${path}/contributors`, { organisation: 'EE' });
    expect((await as.de!.post(`${path}/contributions`, { title: 'x', text: 'y' })).status).toBe(404);
    const contributed = await as.ee!.post<Sitrep>(`${path}/contributions`, {
      title: 'Estonian grid',
      text: 'Load shedding ended 14:00.',
    });
    expect(contributed.body.contributions).toEqual([
      expect.objectContaining({ organisation: 'EE', title: 'Estonian grid' }),
    ]);

    expect((await as.ee!.post(`${path}/approval`)).status).toBe(403);
    const approved = await as.presidency!.post<Sitrep>(`${path}/approval`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'published',
      number: 1,
      approvedBy: { organisation: PRESIDENCY },
    });
    expect((await as.fi!.patch(path, { title: 'changed' })).status).toBe(409);

    // Distributed to its audience through the log, with its marking; nobody else sees it.
    const eeLog = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries?kind=sitrep`))
      .body.items;
    expect(eeLog).toHaveLength(1);
    expect(eeLog[0]!.marking).toBe('TLP:AMBER');
    expect(
      (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${incident.id}/entries?kind=sitrep`)).body.items,
    ).toEqual([]);
    expect((await as.de!.get(path)).status).toBe(404);
    expect((await as.eeas!.get(`${path}/pdf`)).status).toBe(404);

    const pdf = await fetch(`${server.url}${path}/pdf`, { headers: { cookie: as.ee!.cookie! } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/filename="TLP-AMBER_sitrep-1_/);
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer());
    const pages = new PopplerPdf(pdfBytes);
    // One page of text is one page: the marking at its top and bottom, its number, and no page of footer alone.
    expect(pages.pages).toHaveLength(1);
    const [page] = pages.pages;
    expect(page!.words.filter((w) => w.text === 'TLP:AMBER' && w.yMax < 50)).toHaveLength(1);
    expect(page!.words.filter((w) => w.text === 'TLP:AMBER' && w.yMin > page!.height - 50)).toHaveLength(1);
    expect(page!.text).toContain('Page 1 of 1');
    pages.close();
    const text = await pdfText(pdfBytes.buffer);
    expect(text).toContain('SITREP 1');
    expect(text).toContain('TLP:AMBER');
    expect(text).toContain('Łódź');
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toContain('UTC');

    const docx = await fetch(`${server.url}${path}/docx`, { headers: { cookie: as.ee!.cookie! } });
    expect(docx.status).toBe(200);
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const documentXml = await zip.file('word/document.xml')!.async('string');
    expect(documentXml).toContain('SITREP 1');
    expect(documentXml).toContain('Estonian grid');
    const headers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/(header|footer)\d*\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(headers.join('')).toContain('TLP:AMBER');

    // A correction is the next number; the first stays as it was; the diff shows what changed.
    const correction = await as.fi!.post<Sitrep>(`${path}/correction`);
    expect(correction.status).toBe(201);
    const cpath = `/api/incidents/${incident.id}/sitreps/${correction.body.id}`;
    await as.fi!.patch(cpath, {
      marking: 'TLP:AMBER',
      sections: [{ key: 'outlook', text: 'Repair within 72 hours.' }],
    });
    const second = await as.ercc!.post<Sitrep>(`${cpath}/approval`);
    expect(second.body).toMatchObject({ number: 2, corrects: draft.body.id });
    expect((await as.ee!.get<Sitrep>(path)).body.sections.find((s) => s.key === 'outlook')?.text).toBe(
      'Repair within 48 hours.',
    );
    const d = await as.ee!.get<SitrepDiff>(
      `/api/incidents/${incident.id}/sitreps/diff?from=${draft.body.id}&to=${correction.body.id}`,
    );
    const outlook = d.body.sections.find((s) => s.key === 'outlook')!;
    expect(outlook.changes).toEqual([
      { kind: 'removed', text: 'Repair within 48 hours.\n' },
      { kind: 'added', text: 'Repair within 72 hours.\n' },
    ]);
  });

  it('refuses compilation by organisations that are not ERCC, the Presidency or affected', async () => {
    expect((await as.de!.post(`/api/incidents/${incident.id}/sitreps`, { audience: ['DE'] })).status).toBe(
      403,
    );
    expect(
      (await as.eeas!.post(`/api/incidents/${incident.id}/sitreps`, { audience: ['EEAS'] })).status,
    ).toBe(403);
    expect(
      (await as.ercc!.post(`/api/incidents/${incident.id}/sitreps`, { audience: ['NATO'] })).status,
    ).toBe(400);
  });
});
