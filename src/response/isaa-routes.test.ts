import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { IncidentIsaaReports, IsaaReport } from './isaa-model.js';
import type { Meeting } from './meetings-model.js';
import type { RoundtablePack } from './roundtable-model.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';
const ATTRIBUTION = 'Signals point to a state-backed vessel operator';
const STRICT = 'Grid operator Elering keeps a reserve of four generators';

type ErrorBody = { error: { code: string; field?: string } };

async function pdfText(server: TestServer, client: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: client.cookie! } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = await getDocumentProxy(new Uint8Array(await res.arrayBuffer()));
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  return { pages: text as string[], totalPages, disposition: res.headers.get('content-disposition') ?? '' };
}

async function docxXml(server: TestServer, client: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie: client.cookie! } });
  expect(res.status).toBe(200);
  const zip = await JSZip.loadAsync(await res.arrayBuffer());
  const document = await zip.file('word/document.xml')!.async('string');
  const bands = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /word\/(header|footer)\d*\.xml/.test(f))
      .map((f) => zip.file(f)!.async('string')),
  );
  return { document, bands };
}

describe.each(engines())('strategic products on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let id = '';

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['IE', 'FI', 'EE', 'DE', 'ERCC', 'EEAS']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      description: 'Two subsea cables between Finland and Estonia are cut.',
      impacts: [{ memberState: 'FI', level: 'significant', service: 'data links' }],
    });
    id = incident.body.id;
    // Finland tells the EEAS alone who may be behind it; Estonia keeps a detail to its own recipients (AMBER+STRICT).
    await as.fi!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: ATTRIBUTION,
      marking: 'TLP:AMBER',
      audience: ['EEAS'],
    });
    await as.ee!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: STRICT,
      marking: 'TLP:AMBER+STRICT',
      audience: ['FI', 'EE', 'ERCC', 'EEAS', 'PRESIDENCY'],
      impacts: [{ memberState: 'EE', level: 'significant', service: 'electricity imports' }],
    });
    await as.ee!.post(`/api/incidents/${id}/updates`, {
      stage: 'other',
      text: 'Rotating supply cuts in Harju county from 18:00.',
      marking: 'TLP:GREEN',
      impacts: [{ memberState: 'EE', level: 'significant', service: 'electricity' }],
    });
  });
  afterAll(() => server?.close());

  it('the Presidency asks, ERCC and EEAS answer and issue versions, as PDF and DOCX marked on every page', async () => {
    const refused = await as.ercc!.post<ErrorBody>(`/api/incidents/${id}/isaa`, {
      title: 'x',
      audience: ['FI'],
      questions: ['Who?'],
    });
    expect(refused.status).toBe(403);
    const opened = await as.ie!.post<IsaaReport>(`/api/incidents/${id}/isaa`, {
      title: 'Baltic cables',
      audience: ['FI', 'EE'],
      marking: 'TLP:AMBER',
      questions: ['What is the impact on essential services?', 'Is there a state actor behind it?'],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.audience).toEqual(['EE', 'EEAS', 'ERCC', 'FI', 'PRESIDENCY']);
    expect(opened.body.questions.map((q) => q.question)).toHaveLength(2);
    expect(opened.body.abilities).toMatchObject({ ask: true, answer: false });
    const rid = opened.body.id;
    const [impact, actor] = opened.body.questions;

    // Germany is not among its readers: nothing of it, as if it did not exist.
    expect((await as.de!.get<IncidentIsaaReports>(`/api/incidents/${id}/isaa`)).body.items).toEqual([]);
    expect((await as.de!.get(`/api/incidents/${id}/isaa/${rid}/pdf`)).status).toBe(404);
    expect(
      (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=isaa-question`)).body.items,
    ).toEqual([]);

    expect(
      (
        await as.fi!.post<ErrorBody>(`/api/incidents/${id}/isaa/${rid}/answers`, {
          questionId: impact!.id,
          text: 'x',
        })
      ).status,
    ).toBe(403);
    const noQuestion = await as.ercc!.post<ErrorBody>(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: 'nope',
      text: 'x',
    });
    expect(noQuestion.status).toBe(400);
    expect(noQuestion.body.error.field).toBe('questionId');
    await as.ercc!.post(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: impact!.id,
      text: 'Data links rerouted; Estonia on rotating cuts.',
    });
    await as.eeas!.post(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: actor!.id,
      text: 'No attribution at this stage.',
    });
    const v1 = await as.eeas!.post<IsaaReport>(`/api/incidents/${id}/isaa/${rid}/versions`, {
      note: 'For COREPER',
    });
    expect(v1.status).toBe(201);
    expect(v1.body.versions).toEqual([expect.objectContaining({ version: 1, note: 'For COREPER' })]);
    // A later answer replaces ERCC's earlier one in the draft; version 1 stays as it was.
    const replaced = await as.ercc!.post<IsaaReport>(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: impact!.id,
      text: 'One cable repaired; Estonia still on rotating cuts.',
    });
    expect(replaced.body.questions[0]!.answers.map((a) => [a.organisation, a.text])).toEqual([
      ['ERCC', 'One cable repaired; Estonia still on rotating cuts.'],
    ]);
    const added = await as.ie!.post<IsaaReport>(`/api/incidents/${id}/isaa/${rid}/questions`, {
      question: 'What do member states need?',
    });
    expect(added.body.questions).toHaveLength(3);

    const version1 = await pdfText(server, as.fi!, `/api/incidents/${id}/isaa/${rid}/pdf?version=1`);
    expect(version1.disposition).toContain('TLP-AMBER_isaa_');
    const all = version1.pages.join('\n');
    expect(all).toContain('ISAA report — Baltic cables — version 1');
    expect(all).toContain('Data links rerouted; Estonia on rotating cuts.');
    expect(all).not.toContain('One cable repaired');
    expect(all).not.toContain('What do member states need?');
    expect(all).toContain('No attribution at this stage.');
    expect(all).toContain('Rotating supply cuts in Harju county');
    // Only what every reader may see and take out: not Finland's note for the EEAS, not Estonia's AMBER+STRICT.
    expect(all).not.toContain(ATTRIBUTION);
    expect(all).not.toContain(STRICT);
    for (const page of version1.pages) {
      expect(page.match(/TLP:AMBER/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
    expect(all).toMatch(/Page 1 of \d/);

    const draft = await docxXml(server, as.fi!, `/api/incidents/${id}/isaa/${rid}/docx`);
    expect(draft.document).toContain('ISAA report — Baltic cables — draft');
    expect(draft.document).toContain('One cable repaired; Estonia still on rotating cuts.');
    expect(draft.document).toContain('What do member states need?');
    expect(draft.document).not.toContain(ATTRIBUTION);
    expect(draft.document).not.toContain(STRICT);
    expect(draft.bands.join('')).toContain('TLP:AMBER');
    expect((await as.fi!.get(`/api/incidents/${id}/isaa/${rid}/pdf?version=9`)).status).toBe(404);

    // The log carries every part with the report's reach, for its readers only.
    const log = await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=isaa-answer`);
    expect(log.body.items.map((e) => e.marking)).toEqual(['TLP:AMBER', 'TLP:AMBER', 'TLP:AMBER']);
  });

  it('numbers versions issued at the same moment one after the other', async () => {
    const opened = await as.ie!.post<IsaaReport>(`/api/incidents/${id}/isaa`, {
      title: 'Parallel issues',
      audience: ['FI'],
      questions: ['Status?'],
    });
    const rid = opened.body.id;
    await as.ercc!.post(`/api/incidents/${id}/isaa/${rid}/answers`, {
      questionId: opened.body.questions[0]!.id,
      text: 'Stable.',
    });
    const issued = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? as.ercc! : as.eeas!).post(`/api/incidents/${id}/isaa/${rid}/versions`, {
          note: `n${i}`,
        }),
      ),
    );
    expect(issued.map((r) => r.status)).toEqual(Array(6).fill(201));
    const log = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=isaa-version`);
    const numbers = log.body.items.filter((e) => e.body.reportId === rid).map((e) => e.body.version);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('packs an IPCR roundtable for its invited readers, with agenda, picture, decisions, actions and lines', async () => {
    const meeting = await as.ie!.post<Meeting>(`/api/incidents/${id}/meetings`, {
      title: 'IPCR roundtable on the Baltic cables',
      format: 'ipcr-roundtable',
      startsAt: '2026-11-02T14:00:00Z',
      endsAt: '2026-11-02T15:00:00Z',
      agenda: '1. Picture 2. Repair vessels',
      invited: ['FI', 'EE', 'ERCC'],
      marking: 'TLP:GREEN',
    });
    const mid = meeting.body.id;
    await as.ie!.post(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'IPCR roundtable',
      what: 'Pool repair vessels',
      meetingId: mid,
      audience: ['FI', 'EE', 'ERCC', 'IE'],
    });
    await as.ie!.post(`/api/incidents/${id}/decisions`, {
      level: 'strategic',
      decidedBy: 'Presidency',
      what: 'Consider restrictive measures',
      audience: ['IE', 'EEAS'],
    });
    await as.ercc!.post(`/api/incidents/${id}/actions`, {
      title: 'Send the repair vessel schedule',
      ownerOrganisation: 'EE',
      dueAt: '2026-11-02T12:00:00Z',
    });

    // Finland's line to take, approved by Finland; a second line still in draft stays out of the pack.
    const line = (headline: string) => ({
      marking: 'TLP:CLEAR',
      event: 'Cable damage',
      embargoUntil: '2026-11-02T09:00:00Z',
      texts: [
        { language: 'en', headline, text: 'Repairs are under way.' },
        { language: 'fi', headline: `${headline} (fi)`, text: 'Korjaukset ovat käynnissä.' },
      ],
    });
    const drafted = await as.fi!.post<{ messages: { messageId: string }[] }>(
      `/api/incidents/${id}/public-messages`,
      line('Connections rerouted'),
    );
    expect(drafted.status).toBe(201);
    const approved = await as.fi!.post(
      `/api/incidents/${id}/public-messages/${drafted.body.messages[0]!.messageId}/decisions`,
      { decision: 'approved', languages: ['en', 'fi'] },
    );
    expect(approved.status).toBe(200);
    await as.fi!.post(`/api/incidents/${id}/public-messages`, line('Draft not yet agreed'));

    const pack = await as.fi!.get<RoundtablePack>(`/api/incidents/${id}/meetings/${mid}/pack`);
    expect(pack.status).toBe(200);
    expect(pack.body.audience).toEqual(['EE', 'ERCC', 'FI', 'IE']);
    expect(pack.body.agenda).toBe('1. Picture 2. Repair vessels');
    expect(pack.body.decisions.map((d) => d.what)).toEqual(['Pool repair vessels']);
    expect(pack.body.openActions.map((a) => a.title)).toEqual(['Send the repair vessel schedule']);
    expect(pack.body.leftOut).toBe(0);
    expect(pack.body.linesToTake.map((l) => l.texts.map((x) => x.headline))).toEqual([
      ['Connections rerouted', 'Connections rerouted (fi)'],
    ]);
    expect(pack.body.marking).toBe('TLP:GREEN');
    const texts = pack.body.picture.items.map((i) => i.text);
    expect(texts).toContain('Rotating supply cuts in Harju county from 18:00.');
    expect(JSON.stringify(pack.body)).not.toContain(ATTRIBUTION);
    expect(JSON.stringify(pack.body)).not.toContain(STRICT);
    expect(JSON.stringify(pack.body)).not.toContain('restrictive measures');

    const pdf = await pdfText(server, as.ee!, `/api/incidents/${id}/meetings/${mid}/pack/pdf`);
    const all = pdf.pages.join('\n');
    expect(all).toContain('Roundtable pack — IPCR roundtable on the Baltic cables');
    expect(all).toContain('Pool repair vessels');
    expect(all).toContain('Send the repair vessel schedule');
    expect(all).not.toContain('restrictive measures');
    for (const page of pdf.pages) expect(page.match(/TLP:GREEN/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const docx = await docxXml(server, as.ercc!, `/api/incidents/${id}/meetings/${mid}/pack/docx`);
    expect(docx.document).toContain('Lines to take');
    expect(docx.document).toContain('[en] Connections rerouted — Repairs are under way.');
    expect(docx.document).not.toContain('Draft not yet agreed');
    expect(docx.document).toContain('Pool repair vessels');
    expect(docx.bands.join('')).toContain('TLP:GREEN');

    expect((await as.de!.get(`/api/incidents/${id}/meetings/${mid}/pack`)).status).toBe(404);
    const call = await as.ercc!.post<Meeting>(`/api/incidents/${id}/meetings`, {
      title: 'Technical call',
      format: 'technical-call',
      startsAt: '2026-11-02T16:00:00Z',
      endsAt: '2026-11-02T16:30:00Z',
      invited: ['FI'],
    });
    const notRoundtable = await as.fi!.get<ErrorBody>(`/api/incidents/${id}/meetings/${call.body.id}/pack`);
    expect(notRoundtable.status).toBe(409);
    expect(notRoundtable.body.error.code).toBe('not-a-roundtable');
  });
});
