import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { ExerciseClock, type ExerciseRun, runExercise } from '../exercises/runner.js';
import { parseScenario } from '../exercises/scenario-file.js';
import type { AfterActionReport, Recommendation } from './model.js';

const SCENARIOS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const baltic = parseScenario(fs.readFileSync(path.join(SCENARIOS, 'baltic-cables.yaml'), 'utf8'));
const START = Date.parse('2026-11-18T06:00:00Z');

async function pdfText(bytes: ArrayBuffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return extractText(pdf, { mergePages: false });
}

describe.each(engines())('post-incident reports on %s', (engine) => {
  let server: TestServer;
  let run: ExerciseRun;
  const clock = new ExerciseClock(START);
  const as: Record<string, ApiClient> = {};
  // Sessions end after inactivity on the platform's clock: everyone signs in again after the clock moves.
  const signInAll = async () => {
    for (const key of ['ercc', 'cerg', 'fi', 'de', 'ee', 'viewer']) {
      as[key] = new ApiClient(server.url);
      await as[key].login(`${key}@example.eu`, PASSWORD);
    }
  };
  const base = () => `/api/incidents/${run.incidentId}/after-action`;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const [key, organisation, role] of [
      ['ercc', 'ERCC', 'coordinator'],
      ['cerg', 'CERG', 'coordinator'],
      ['fi', 'FI', 'coordinator'],
      ['de', 'DE', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['viewer', 'EE', 'viewer'],
    ] as const) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
    }
    run = await runExercise(server.platform, clock, baltic, { speed: 0 });
    await signInAll();
    // A decision FI shares only with ERCC and CERG: no report reaching anyone else may carry it.
    const restricted = await as.fi!.post(`/api/incidents/${run.incidentId}/decisions`, {
      level: 'operational',
      decidedBy: 'FI national crisis cell',
      what: 'Reroute traffic via the northern spare pair',
      marking: 'TLP:AMBER',
      audience: ['FI', 'ERCC', 'CERG'],
    });
    expect(restricted.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('drafts a report from a finished exercise run with its timeline and its metrics', async () => {
    const res = await as.ercc!.post<AfterActionReport>(base(), { audience: ['DE', 'EE', 'LT', 'SE'] });
    expect(res.status).toBe(201);
    const report = res.body;
    expect(report.audience).toEqual(['CERG', 'DE', 'EE', 'ERCC', 'LT', 'SE']);
    const section = (key: string) => report.sections.find((s) => s.key === key)!.text;
    expect(section('timeline')).toMatch(/first report/);
    expect(section('timeline')).toMatch(/status .* → /);
    expect(section('assessment')).toMatch(
      /own assessment of DE: minor\n(.*\n)*.*own assessment of EE: significant/,
    );
    // The report's figures over what every reader sees are the run's own.
    const de = run.metrics.find((m) => m.measure === 'own-assessment' && m.organisation === 'DE')!;
    expect(report.metrics).toContainEqual(de);
    expect(report.metrics.find((m) => m.measure === 'first-sitrep')?.seconds).toBe(
      run.metrics.find((m) => m.measure === 'first-sitrep')?.seconds,
    );
    expect(section('metrics')).toMatch(/own assessment \(DE\): 12 min after the first report/);
    // The decision FI kept from DE, EE, LT and SE is not in it, and its drafter learns one entry was left out.
    expect(JSON.stringify(report)).not.toMatch(/northern spare pair/);
    expect(report.sources.notVisibleToAll).toBeGreaterThan(0);
  });

  it('takes in a restricted entry only when every reader of the report may see it', async () => {
    const inner = await as.ercc!.post<AfterActionReport>(base(), { audience: ['FI'] });
    expect(inner.status).toBe(201);
    expect(inner.body.sections.find((s) => s.key === 'decisions')!.text).toMatch(/northern spare pair/);
    expect(inner.body.marking).toBe('TLP:AMBER');
    // EE is outside that report's audience: it never learns the report exists.
    expect((await as.ee!.get(`${base()}/${inner.body.id}`)).status).toBe(404);
  });

  it('is refused to others than CERG and ERCC, and before deactivation of a real incident', async () => {
    expect((await as.de!.post(base(), { audience: ['DE'] })).status).toBe(403);
    expect((await as.de!.get<{ canDraft: boolean }>(base())).body.canDraft).toBe(false);
    expect((await as.ercc!.get<{ canDraft: boolean }>(base())).body.canDraft).toBe(true);
    const real = await as.de!.post<{ id: string }>('/api/incidents', {
      title: 'Substation fire',
      reportedBy: 'DE',
      occurredAt: '2026-11-18T05:00:00Z',
      impacts: [{ memberState: 'DE', level: 'minor' }],
    });
    expect(real.status).toBe(201);
    const early = await as.ercc!.post<{ error: { code: string } }>(
      `/api/incidents/${real.body.id}/after-action`,
      {
        audience: ['DE'],
      },
    );
    expect(early.status).toBe(409);
    expect(
      (await as.ercc!.get<{ canDraft: boolean }>(`/api/incidents/${real.body.id}/after-action`)).body
        .canDraft,
    ).toBe(false);
  });

  it('shows no text and is not distributed once a source no longer reaches every reader', async () => {
    // A note every reader sees is among the sources the draft was compiled from, until FI narrows it.
    const note = await as.fi!.post<{ id: string }>(`/api/incidents/${run.incidentId}/entries`, {
      kind: 'note',
      text: 'Share the spare cable capacity with Estonia',
      marking: 'TLP:AMBER',
      audience: ['FI', 'EE', 'ERCC', 'CERG'],
    });
    expect(note.status).toBe(201);
    const draft = (await as.ercc!.post<AfterActionReport>(base(), { audience: ['EE', 'FI'] })).body;
    const url = `${base()}/${draft.id}`;
    expect(draft.sections.find((s) => s.key === 'timeline')!.text).toMatch(/first report/);
    const narrowed = await as.fi!.post(`/api/incidents/${run.incidentId}/entries/${note.body.id}/reach`, {
      marking: 'TLP:AMBER',
      audience: ['FI', 'ERCC', 'CERG'],
    });
    expect(narrowed.status, JSON.stringify(narrowed.body)).toBe(200);
    const seen = (await as.cerg!.get<AfterActionReport>(url)).body;
    expect(JSON.stringify(seen)).not.toMatch(/first report/);
    expect(seen.sections.every((s) => /no longer reaches every reader/.test(s.text))).toBe(true);
    expect((await as.cerg!.post(`${url}/review`)).status).toBe(200);
    const distribution = await as.cerg!.post<{ error: { code: string } }>(`${url}/distribution`);
    expect(distribution.status).toBe(409);
    expect((await as.ee!.get(url)).status).toBe(404);
  });

  it('is reviewed once and distributed once when many ask at the same moment', async () => {
    const draft = (await as.ercc!.post<AfterActionReport>(base(), { audience: ['EE'] })).body;
    const url = `${base()}/${draft.id}`;
    const reviews = await Promise.all(Array.from({ length: 6 }, () => as.cerg!.post(`${url}/review`)));
    expect(reviews.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const distributions = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? as.cerg! : as.ercc!).post(`${url}/distribution`)),
    );
    expect(distributions.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    const audit = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select('action')
      .where('subject_id', '=', draft.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action).filter((a) => a !== 'after-action.drafted')).toEqual([
      'after-action.reviewed',
      'after-action.distributed',
    ]);
  });

  it('is written by section, reviewed by CERG, distributed, and follows up its recommendations', async () => {
    const draft = (await as.ercc!.post<AfterActionReport>(base(), { audience: ['EE', 'DE'] })).body;
    const url = `${base()}/${draft.id}`;
    // Before distribution EE reads nothing; once assigned a section it reads and writes that section only.
    expect((await as.ee!.get(url)).status).toBe(404);
    expect((await as.ercc!.put(`${url}/sections/lessons/owner`, { owner: 'FI' })).status).toBe(400);
    expect((await as.ercc!.put(`${url}/sections/lessons/owner`, { owner: 'EE' })).status).toBe(200);
    const seen = await as.ee!.get<AfterActionReport>(url);
    expect(seen.status).toBe(200);
    expect(seen.body.abilities.writeSections).toEqual(['lessons']);
    expect((await as.ee!.put(`${url}/sections/summary`, { text: 'mine now' })).status).toBe(403);
    expect((await as.viewer!.put(`${url}/sections/lessons`, { text: 'viewer' })).status).toBe(403);
    const written = await as.ee!.put<AfterActionReport>(`${url}/sections/lessons`, {
      text: 'Cable repair ships were booked late.',
    });
    expect(written.status).toBe(200);
    expect(written.body.sections.find((s) => s.key === 'lessons')).toMatchObject({
      text: 'Cable repair ships were booked late.',
      owner: 'EE',
      writtenBy: { organisation: 'EE' },
    });

    // Recommendations: owned by an organisation of the audience.
    expect(
      (await as.ercc!.post(`${url}/recommendations`, { text: 'x', owner: 'FI', dueDate: '2026-12-01' }))
        .status,
    ).toBe(400);
    const added = await as.ercc!.post<AfterActionReport>(
      `${url}/recommendations`,
      { text: 'Pre-contract a repair vessel for the Baltic', owner: 'EE', dueDate: '2026-11-20' },
      { 'idempotency-key': 'rec-1' },
    );
    expect(added.status).toBe(201);
    const again = await as.ercc!.post<AfterActionReport>(
      `${url}/recommendations`,
      { text: 'Pre-contract a repair vessel for the Baltic', owner: 'EE', dueDate: '2026-11-20' },
      { 'idempotency-key': 'rec-1' },
    );
    expect(again.body.recommendations).toHaveLength(1);
    const rec = added.body.recommendations[0]!;
    expect(rec).toMatchObject({ status: 'open', overdue: false });

    // Distribution waits for CERG's review, which only CERG gives.
    expect((await as.ercc!.post(`${url}/distribution`)).status).toBe(409);
    expect((await as.ercc!.post(`${url}/review`)).status).toBe(403);
    const reviewed = await as.cerg!.post<AfterActionReport>(`${url}/review`);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.state).toBe('reviewed');
    expect((await as.ee!.put(`${url}/sections/lessons`, { text: 'late edit' })).status).toBe(403);
    const distributed = await as.cerg!.post<AfterActionReport>(`${url}/distribution`);
    expect(distributed.body.state).toBe('distributed');
    expect((await as.de!.get(url)).status).toBe(200);
    expect((await as.fi!.get(url)).status).toBe(404);

    // Days later the recommendation is overdue: its owner sees it across incidents, and the admin count shows it.
    clock.set(Date.parse('2026-11-25T09:00:00Z'));
    await signInAll();
    const mine = await as.ee!.get<{ items: Recommendation[] }>(
      '/api/after-action/recommendations?overdue=true',
    );
    expect(mine.body.items.map((r) => r.id)).toEqual([rec.id]);
    expect(mine.body.items[0]!.abilities.setStatus).toBe(true);
    expect(
      (await as.fi!.get<{ items: Recommendation[] }>('/api/after-action/recommendations')).body.items,
    ).toEqual([]);
    expect((await as.de!.patch(`${url}/recommendations/${rec.id}`, { status: 'done' })).status).toBe(403);
    expect((await as.ee!.patch(`${url}/recommendations/${rec.id}`, { dueDate: '2027-01-01' })).status).toBe(
      403,
    );
    const counts = await as.cerg!.get<{ items: Array<{ owner: string; overdue: number }> }>(
      '/api/after-action/overdue',
    );
    expect(counts.body.items).toContainEqual({ owner: 'EE', overdue: 1 });
    expect((await as.ee!.get('/api/after-action/overdue')).status).toBe(403);
    const done = await as.ee!.patch<AfterActionReport>(`${url}/recommendations/${rec.id}`, {
      status: 'done',
    });
    expect(done.body.recommendations[0]).toMatchObject({ status: 'done', overdue: false });
    expect(
      (await as.ee!.get<{ items: Recommendation[] }>('/api/after-action/recommendations?overdue=true')).body
        .items,
    ).toEqual([]);

    // The documents carry the marking on every page.
    const pdf = await fetch(`${server.url}${url}/pdf`, { headers: { cookie: as.de!.cookie ?? '' } });
    expect(pdf.status).toBe(200);
    const { text, totalPages } = await pdfText(await pdf.arrayBuffer());
    expect(totalPages).toBeGreaterThan(0);
    for (const page of text) expect(page).toContain(distributed.body.marking);
    expect(text.join('\n')).toContain('Cable repair ships were booked late.');
    expect(text.join('\n')).toContain('Pre-contract a repair vessel');
    const docx = await fetch(`${server.url}${url}/docx`, { headers: { cookie: as.de!.cookie ?? '' } });
    const zip = await JSZip.loadAsync(await docx.arrayBuffer());
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toContain('Timeline of key events');
    const header = Object.keys(zip.files).find((f) => /^word\/header\d*\.xml$/.test(f))!;
    const footer = Object.keys(zip.files).find((f) => /^word\/footer\d*\.xml$/.test(f))!;
    expect(await zip.file(header)!.async('string')).toContain(distributed.body.marking);
    expect(await zip.file(footer)!.async('string')).toContain(distributed.body.marking);
  });

  it('tells the national publications as the divergence view has them: withdrawn left out, corrected as corrected', async () => {
    const publications = `/api/incidents/${run.incidentId}/national-publications`;
    const record = async (link: string, text: string) => {
      const res = await as.fi!.post<{
        states: Array<{ organisation: string; publications: Array<{ id: string; link: string }> }>;
      }>(publications, { publishedAt: new Date(clock.now().getTime() - 60_000).toISOString(), link, text });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.states.find((s) => s.organisation === 'FI')!.publications.find((p) => p.link === link)!
        .id;
    };
    const wrong = await record('https://wrong.example.fi/cable', 'Traffic rerouted by Friday');
    const typo = await record('https://typo.example.fi/cable', 'Repair ship due Sunday');
    const withdrawal = await as.fi!.post(`${publications}/${wrong}/withdrawal`, { reason: 'wrong incident' });
    expect(withdrawal.status, JSON.stringify(withdrawal.body)).toBe(200);
    const correction = await as.fi!.post(`${publications}/${typo}/correction`, {
      reason: 'typo in the link',
      link: 'https://right.example.fi/cable',
      text: 'Repair ship due Monday',
    });
    expect(correction.status, JSON.stringify(correction.body)).toBe(200);

    const res = await as.ercc!.post<AfterActionReport>(base(), { audience: ['DE', 'EE'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const communication = res.body.sections.find((s) => s.key === 'communication')!.text;
    expect(communication).toContain('FI · Repair ship due Monday — https://right.example.fi/cable');
    expect(communication).not.toMatch(/Traffic rerouted by Friday|wrong\.example|typo\.example|due Sunday/);
  });
});
