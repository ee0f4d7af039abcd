import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import type { ExerciseCompliance, HeldExercise } from './compliance-model.js';
import { recordRunStarted } from './runs.js';
import { parseScenario } from './scenario-file.js';

const DRILL = parseScenario(`
id: drill
title: Tabletop drill
presidency: PL
participants: [FI, ERCC]
principals: [{ id: fi-control, organisation: FI, name: Exercise control Finland }]
injects:
  - at: 0
    as: fi-control
    kind: report
    report:
      domain: civil
      cause: physical
      sectors: [{ sector: energy }]
      impacts: [{ memberState: FI, level: minor }]
`);

describe.each(engines())('the exercise history against the Recommendation on %s', (engine) => {
  let server: TestServer;
  let admin: ApiClient;
  let fi: ApiClient;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'admin@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    admin = await signInEnrolled(server, 'admin@example.eu');
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
  }, 60_000);
  afterAll(() => server?.close());

  const standing = async () => {
    const read = await admin.get<ExerciseCompliance>('/api/admin/exercise-compliance');
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    return read.body;
  };

  it('says when the first exercise is due from the configurable adoption date, and counts runs and outside ones', async () => {
    const none = await standing();
    expect(none).toMatchObject({
      adoptedOn: '2024-06-25',
      firstDueBy: '2025-06-25',
      lastHeldOn: null,
      history: [],
    });
    expect(none.firstExercise).toBe(today <= '2025-06-25' ? 'due' : 'overdue');

    expect((await admin.patch('/api/admin/settings', { recommendationAdoptedOn: '2099-01-15' })).status).toBe(
      200,
    );
    expect(await standing()).toMatchObject({ firstDueBy: '2100-01-15', firstExercise: 'due' });
    expect((await admin.patch('/api/admin/settings', { recommendationAdoptedOn: '15/01/2099' })).status).toBe(
      400,
    );
    expect((await admin.patch('/api/admin/settings', { recommendationAdoptedOn: '2024-06-25' })).status).toBe(
      200,
    );

    const report = Buffer.from('%PDF-1.4 exercise report');
    const body = {
      heldOn: '2025-03-12',
      title: 'Baltic tabletop in Tallinn',
      report: { name: 'tallinn-report.pdf', type: 'application/pdf', content: report.toString('base64') },
    };
    const recorded = await admin.post<HeldExercise>('/api/admin/outside-exercises', body, {
      'Idempotency-Key': 'k1',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const again = await admin.post<HeldExercise>('/api/admin/outside-exercises', body, {
      'Idempotency-Key': 'k1',
    });
    expect(again.body.id).toBe(recorded.body.id);

    await recordRunStarted(server.platform, {
      incidentId: '01900000-0000-7000-8000-0000000000e1',
      scenario: DRILL,
      speed: 60,
      startedAt: `${today}T08:00:00.000Z`,
    });
    const held = await standing();
    expect(held).toMatchObject({
      firstHeldOn: '2025-03-12',
      lastHeldOn: today,
      monthsSinceLast: 0,
      firstExercise: 'met',
    });
    expect(held.history.map((h) => [h.where, h.title])).toEqual([
      ['platform', 'Tabletop drill'],
      ['outside', 'Baltic tabletop in Tallinn'],
    ]);

    const file = await fetch(`${server.url}/api/admin/outside-exercises/${recorded.body.id}/report`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(report)).toBe(true);

    const audit = await admin.get<{ items: Array<{ details: unknown }> }>(
      '/api/audit?action=exercise.outside-recorded',
    );
    expect(audit.body.items).toHaveLength(1);
    // The audit viewer shows the date and the file, not the title (SHOWN_DETAILS).
    expect(audit.body.items[0]!.details).toEqual({ heldOn: '2025-03-12', report: 'tallinn-report.pdf' });
  });

  it('refuses others, an exercise not yet held, and a file that is not one', async () => {
    expect((await fi.get('/api/admin/exercise-compliance')).status).toBe(403);
    const body = {
      heldOn: '2025-03-12',
      title: 'Drill',
      report: { name: 'r.txt', type: 'text/plain', content: Buffer.from('notes').toString('base64') },
    };
    expect((await fi.post('/api/admin/outside-exercises', body)).status).toBe(403);
    const future = await admin.post<{ error: { field: string } }>('/api/admin/outside-exercises', {
      ...body,
      heldOn: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect(future.body.error.field).toBe('heldOn');
    const notBase64 = await admin.post<{ error: { field: string } }>('/api/admin/outside-exercises', {
      ...body,
      report: { ...body.report, content: 'not base64!' },
    });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.error.field).toBe('report.content');
    const badName = await admin.post('/api/admin/outside-exercises', {
      ...body,
      report: { ...body.report, name: '../etc/passwd' },
    });
    expect(badName.status).toBe(400);
    expect((await admin.get('/api/admin/outside-exercises/nothing/report')).status).toBe(404);
  });
});
