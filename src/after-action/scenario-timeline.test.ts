import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { exerciseScenario, exerciseServer, note, update } from '../../test/support/exercise-session.js';
import { SseClient } from '../../test/support/sse.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import type { AfterActionReport } from './model.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** The report at T+0 and an update at T+60; the note at T+600 is never reached, so the session keeps running. */
const SCENARIO = exerciseScenario({
  id: 'report-scenario-timeline',
  participants: ['FI', 'EE', 'DE', 'ERCC', 'CERG'],
  later: [update(60), note(600, 'Still here.')],
});

type Items = { items: Entry[] };

describe.each(engines())(
  "an exercise's timeline reads in scenario time on the incident's log and in its post-incident report, on %s",
  (engine) => {
    const world = exerciseServer(engine, {
      organisations: ['ERCC', 'CERG', 'EE', 'DE', 'FI'],
      keepSignedIn: true,
    });
    const { clock, as } = world;

    it('gives each entry its scenario time at ×60, pauses left out, and the report shows it beside the wall time', async () => {
      const session = await world.startSession(SCENARIO, 60);
      const { incidentId } = session;
      const entriesPath = `/api/incidents/${incidentId}/entries`;
      const assess = (who: string, level: string) =>
        as[who]!.post(`/api/incidents/${incidentId}/assessments`, { memberState: who, level });

      // 30 s on the wall: T+30 min. Five paused minutes count for nothing; 30 s more: T+60, the update is due.
      clock.advance(30 * SECOND);
      expect((await assess('EE', 'minor')).status).toBe(201);
      await session.pause();
      clock.advance(5 * MINUTE);
      await session.resume();
      clock.advance(30 * SECOND);
      await session.jobs.runDue();
      // 15 s more: T+75 min. The stream carries the entry as GET …/entries gives it.
      clock.advance(15 * SECOND);
      const stream = new SseClient(`${world.server.url}/api/stream`, { cookie: as.EE!.cookie! });
      expect(await stream.open()).toBe(200);
      try {
        expect((await assess('DE', 'significant')).status).toBe(201);
        const streamed = await stream.waitFor(
          (e) =>
            e.event === 'entry' &&
            (e.data as Entry).kind === 'own-assessment' &&
            (e.data as Entry).author.organisation === 'DE',
        );
        expect((streamed.data as Entry).scenarioOffsetSeconds).toBe(75 * 60);
      } finally {
        stream.close();
      }

      // A player's own entry says its scenario time as it is written.
      const note = await as.EE!.post<Entry>(entriesPath, {
        kind: 'note',
        text: 'On it.',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);
      expect(note.body.scenarioOffsetSeconds).toBe(75 * 60);

      const log = await as.EE!.get<Items>(entriesPath);
      expect(log.status).toBe(200);
      const offsetOf = (kind: string, organisation: string) =>
        log.body.items.find((e) => e.kind === kind && e.author.organisation === organisation)
          ?.scenarioOffsetSeconds;
      expect(offsetOf('report', 'FI')).toBe(0);
      expect(offsetOf('own-assessment', 'EE')).toBe(30 * 60);
      expect(offsetOf('update', 'FI')).toBe(60 * 60);
      expect(offsetOf('own-assessment', 'DE')).toBe(75 * 60);
      // Every entry of the exercise has one, and the instant stamped stays the wall clock's.
      for (const e of log.body.items) expect(e.scenarioOffsetSeconds).toEqual(expect.any(Number));
      const de = log.body.items.find((e) => e.kind === 'own-assessment' && e.author.organisation === 'DE')!;
      expect(de.createdAt).toBe('2026-11-18T06:06:15.000Z');
      const one = await as.EE!.get<Entry>(`${entriesPath}/${de.id}`);
      expect(one.body.scenarioOffsetSeconds).toBe(75 * 60);

      const drafted = await as.CERG!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
        audience: ['EE', 'DE', 'FI', 'ERCC'],
      });
      expect(drafted.status).toBe(201);
      const section = (key: string) => drafted.body.sections.find((s) => s.key === key)!.text;
      const timeline = section('timeline');
      expect(timeline.split('\n')[0]).toMatch(/^Each event in scenario time \(T\+hours:minutes/);
      expect(timeline).toContain('T+00:00 · 2026-11-18 06:00 UTC · FI · first report: Exercise: cable down');
      expect(timeline).toContain(
        'T+01:15 · 2026-11-18 06:06 UTC · DE · status below-threshold → decision-required',
      );
      // Each line of the timeline starts with its scenario time, which is what the log's offsets say.
      const events = timeline.split('\n').slice(1);
      expect(events.length).toBeGreaterThan(0);
      for (const line of events) expect(line).toMatch(/^T\+\d{2}:\d{2} · 2026-11-18 \d{2}:\d{2} UTC · /);
      const assessment = section('assessment');
      expect(assessment).toContain('T+00:30 · 2026-11-18 06:00 UTC · EE · own assessment of EE: minor');
      expect(assessment).toContain('T+01:15 · 2026-11-18 06:06 UTC · DE · own assessment of DE: significant');

      // The documents carry the same lines.
      const url = `${world.server.url}/api/incidents/${incidentId}/after-action/${drafted.body.id}`;
      const pdf = await fetch(`${url}/pdf`, { headers: { cookie: as.CERG!.cookie ?? '' } });
      expect(pdf.status).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
        mergePages: true,
      });
      expect(text).toContain('T+01:15');
      expect(text).toContain('T+00:30');
      const docx = await fetch(`${url}/docx`, { headers: { cookie: as.CERG!.cookie ?? '' } });
      expect(docx.status).toBe(200);
      const document = await (await JSZip.loadAsync(await docx.arrayBuffer()))
        .file('word/document.xml')!
        .async('string');
      expect(document).toContain('T+01:15 · 2026-11-18 06:06 UTC · DE · own assessment of DE: significant');
    });

    it("gives no scenario time on a real incident's log", async () => {
      const created = await as.FI!.post<Incident>('/api/incidents', {
        title: 'Cable cut in the Gulf of Finland',
        reportedBy: 'FI',
        occurredAt: '2026-11-18T05:00:00Z',
        impacts: [{ memberState: 'FI', level: 'significant' }],
      });
      expect(created.status).toBe(201);
      const path = `/api/incidents/${created.body.id}/entries`;
      const note = await as.FI!.post<Entry>(path, {
        kind: 'note',
        text: 'Divers out.',
        marking: 'TLP:GREEN',
      });
      expect(note.status).toBe(201);
      expect(note.body).not.toHaveProperty('scenarioOffsetSeconds');
      const log = await as.EE!.get<Items>(path);
      expect(log.body.items.length).toBeGreaterThan(1);
      for (const e of log.body.items) expect(e).not.toHaveProperty('scenarioOffsetSeconds');
    });
  },
);
