import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { SilenceProcedure } from '../blueprint/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import { presidencyAt } from '../registry/presidency.js';
import type { Entry } from './model.js';

const HOUR = 3_600_000;
const START = new Date('2026-09-14T08:00:00.000Z');
const PRESIDENCY = presidencyAt(START)!.memberState;
const [A, B] = ['FI', 'EE', 'LV'].filter((s) => s !== PRESIDENCY) as [string, string];

type ErrorBody = { error: { code: string; message: string; field?: string } };

function latest(incident: Incident): SilenceProcedure {
  const c = incident.consultations.at(-1);
  if (c?.procedure !== 'silence') throw new Error('no silence procedure');
  return c;
}

// The procedure's steps are decisions its own projection holds: a retraction or correction in the log would
// undo one silently (the coordination agreed would stand in the incident while the log said it was withdrawn).
describe.each(engines())('corrections and retractions of the procedure’s steps on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(START);
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const organisation of [A, B, PRESIDENCY]) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@workflow-corrections.example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(`${key}@workflow-corrections.example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const entries = async (org: string, id: string) =>
    (await as[org]!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items;

  const retract = (org: string, id: string, entryId: string) =>
    as[org]!.post<ErrorBody>(`/api/incidents/${id}/entries/${entryId}/retraction`, { reason: 'undo' });

  const correct = (org: string, id: string, entryId: string) =>
    as[org]!.post<ErrorBody>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'reworded',
      marking: 'TLP:GREEN',
      supersedes: entryId,
    });

  it('refuses to retract or correct a concluded silence procedure, an objection or a status change, naming the command (409)', async () => {
    const created = await as[A]!.post<Incident>('/api/incidents', {
      title: 'Grid outage, coordination agreed',
      reportedBy: A,
      occurredAt: new Date(START.getTime() - HOUR).toISOString(),
      impacts: [{ memberState: A, level: 'significant' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const assessed = await as[B]!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: B,
      level: 'significant',
    });
    expect(assessed.body.status).toBe('decision-required');
    const opened = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: new Date(START.getTime() + 4 * HOUR).toISOString(),
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const path = `/api/incidents/${id}/consultations/${latest(opened.body).id}`;
    expect((await as[A]!.post(`${path}/consent`, {})).status).toBe(201);
    expect((await as[B]!.post(`${path}/objections`, { reason: 'Not yet' })).status).toBe(201);

    // An objection is withdrawn by its own step, never by the log.
    const objection = (await entries(B, id)).find((e) => e.kind === 'silence-procedure-objection')!;
    expect(objection.abilities).toMatchObject({ correct: false, retract: false });
    const refusedObjection = await retract(B, id, objection.id);
    expect(refusedObjection.status, JSON.stringify(refusedObjection.body)).toBe(409);
    expect(refusedObjection.body.error).toMatchObject({ code: 'consultation-step', field: 'supersedes' });
    expect(refusedObjection.body.error.message).toContain('/objection-withdrawal');
    expect((await as[B]!.post(`${path}/objection-withdrawal`, { text: 'Fine' })).status).toBe(201);
    expect((await as[B]!.post(`${path}/consent`, {})).status).toBe(201);
    const done = await as[PRESIDENCY]!.post<Incident>(`${path}/conclusion`, {});
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.status).toBe('applies');

    const log = await entries(PRESIDENCY, id);
    const concluded = log.find((e) => e.kind === 'silence-procedure-concluded')!;
    expect(concluded.author.organisation).toBe(PRESIDENCY);
    expect(concluded.abilities).toMatchObject({ correct: false, retract: false });
    for (const answer of [
      await retract(PRESIDENCY, id, concluded.id),
      await correct(PRESIDENCY, id, concluded.id),
    ]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(409);
      expect(answer.body.error).toMatchObject({ code: 'consultation-step', field: 'supersedes' });
      expect(answer.body.error.message).toContain('/consultations');
    }

    // Every other step of the procedure in this log is refused the same way, by whoever wrote it.
    const steps = log.filter(
      (e) => /^(consultation-|silence-procedure-|status-change)/.test(e.kind) && as[e.author.organisation],
    );
    expect(steps.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'status-change',
        'silence-procedure-consent',
        'silence-procedure-objection-withdrawn',
      ]),
    );
    for (const step of steps) {
      expect(step.abilities.correct, step.kind).toBe(false);
      const refused = await retract(step.author.organisation, id, step.id);
      expect(refused.status, `${step.kind}: ${JSON.stringify(refused.body)}`).toBe(409);
      expect(refused.body.error.code).toBe(
        step.kind === 'status-change' ? 'assessment' : 'consultation-step',
      );
    }

    // The decision stands, and the log holds no retraction or correction of it.
    const incident = await as[A]!.get<Incident>(`/api/incidents/${id}`);
    expect(incident.body.status).toBe('applies');
    expect(latest(incident.body).conclusion).toMatchObject({ outcome: 'agreed' });
    const after = await entries(PRESIDENCY, id);
    expect(after.filter((e) => e.kind === 'retraction' || e.supersedes)).toEqual([]);
  });

  it('tells the web the first report is corrected but not retracted, and that an ordinary note is both', async () => {
    const created = await as[A]!.post<Incident>('/api/incidents', {
      title: 'Grid outage, first report',
      reportedBy: A,
      occurredAt: new Date(START.getTime() - HOUR).toISOString(),
      impacts: [{ memberState: A, level: 'minor' }],
    });
    const id = created.body.id;
    const note = await as[A]!.post<Entry>(`/api/incidents/${id}/entries`, {
      kind: 'note',
      text: 'Substation back at noon',
      marking: 'TLP:GREEN',
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body.abilities).toMatchObject({ correct: true, retract: true });

    const log = await entries(A, id);
    const report = log.find((e) => e.kind === 'report')!;
    expect(report.abilities).toMatchObject({ correct: true, retract: false });
    expect(log.find((e) => e.id === note.body.id)!.abilities).toMatchObject({ correct: true, retract: true });
    // Another organisation may do neither with them.
    const seenByB = (await entries(B, id)).find((e) => e.id === note.body.id)!;
    expect(seenByB.abilities).toMatchObject({ correct: false, retract: false });

    const refused = await retract(A, id, report.id);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'first-report']);
    expect((await retract(A, id, note.body.id)).status).toBe(201);
  });
});
