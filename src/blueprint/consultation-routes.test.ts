import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Notification } from '../alerting/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { appendEntry } from '../log/append.js';
import { ManualClock } from '../platform/clock.js';
import { inWrite } from '../platform/db/write.js';
import { presidencyAt } from '../registry/presidency.js';
import { defaultAudience } from '../sharing/entries.js';
import type { SilenceProcedure } from './model.js';

const HOUR = 3_600_000;
const START = new Date('2026-09-14T08:00:00.000Z');
const PRESIDENCY = presidencyAt(START)!.memberState;
const STATES = ['FI', 'EE', 'LV', 'DE'].filter((s) => s !== PRESIDENCY);
const [A, B, LATE, OTHER] = STATES as [string, string, string, string];

function latest(incident: Incident): SilenceProcedure {
  const c = incident.consultations.at(-1);
  if (c?.procedure !== 'silence') throw new Error('no silence procedure');
  return c;
}

describe.each(engines())("the Presidency's consultation as a silence procedure on %s", (engine) => {
  let server: TestServer;
  const clock = new ManualClock(START);
  const as: Record<string, ApiClient> = {};
  const userIds: Record<string, string> = {};
  const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();

  beforeAll(async () => {
    // Sessions outlive the hours the clock is moved by: the deadlines are what is tested, not sign-in.
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
    });
    for (const organisation of [...STATES, PRESIDENCY, 'ERCC']) {
      const key = organisation.toLowerCase();
      const user = await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      userIds[organisation] = user.id;
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const notifications = async (org: string, incidentId: string) =>
    (await as[org]!.get<{ items: Notification[] }>('/api/notifications')).body.items.filter(
      (n) => n.incidentId === incidentId,
    );

  /** A and B significantly affected by their own assessment: a decision is required. */
  async function decisionRequired(title: string): Promise<string> {
    const created = await as[A]!.post<Incident>('/api/incidents', {
      title,
      reportedBy: A,
      occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
      impacts: [{ memberState: A, level: 'significant' }],
    });
    const confirmed = await as[B]!.post<Incident>(`/api/incidents/${created.body.id}/assessments`, {
      memberState: B,
      level: 'significant',
    });
    expect(confirmed.body.status).toBe('decision-required');
    return created.body.id;
  }

  it('an affected state requests a consultation and the Presidency is alerted', async () => {
    clock.set(START);
    const id = await decisionRequired('Requested');
    const path = `/api/incidents/${id}/consultation-requests`;
    expect((await as[OTHER]!.post(path, { text: 'We are not affected' })).status).toBe(403);
    expect((await as[A]!.post(path, { text: '' })).status).toBe(400);
    const requested = await as[A]!.post<Incident>(path, { text: 'Repair vessels must be pooled' });
    expect(requested.status).toBe(201);
    expect(requested.body.abilities.requestConsultation).toBe(true);
    const alerts = await notifications(PRESIDENCY, id);
    expect(alerts.find((n) => n.kind === 'consultation-requested')?.body).toEqual({ by: A });
    const entries = await as[OTHER]!.get<{ items: Entry[] }>(
      `/api/incidents/${id}/entries?kind=consultation-requested`,
    );
    expect(entries.body.items.map((e) => e.body.text)).toEqual(['Repair vessels must be pooled']);

    // Once the Presidency consults, no one requests again.
    await as[PRESIDENCY]!.post(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: at(4),
    });
    expect((await as[B]!.post(path, { text: 'Again' })).status).toBe(409);
  });

  it('objections carry a reason, can be withdrawn, and silence then agrees at the deadline by the job', async () => {
    clock.set(START);
    const id = await decisionRequired('Silence');
    const opened = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: at(4),
      lateJoinerMinimumMinutes: 360,
      text: 'Union-level coordination of repairs',
    });
    expect(opened.status).toBe(201);
    const c = latest(opened.body);
    expect(c.consulted).toEqual(
      [A, B].sort().map((memberState) => ({ memberState, since: at(0), deadline: at(4) })),
    );
    expect(opened.body.abilities).toMatchObject({ declineConsultation: true, concludeConsultation: false });
    for (const state of [A, B])
      expect(
        (await notifications(state, id)).find((n) => n.kind === 'consultation-opened')?.body,
      ).toMatchObject({
        role: 'consulted',
        deadline: at(4),
        proposal: 'coordinate',
      });
    expect(
      (await notifications('ERCC', id)).find((n) => n.kind === 'consultation-opened')?.body,
    ).toMatchObject({
      role: 'advice',
    });

    const path = `/api/incidents/${id}/consultations/${c.id}`;
    expect((await as[B]!.post(`${path}/objections`, { reason: '  ' })).status).toBe(400);
    expect((await as[OTHER]!.post(`${path}/objections`, { reason: 'Not asked' })).status).toBe(403);
    const objected = await as[B]!.post<Incident>(`${path}/objections`, { reason: 'National means suffice' });
    expect(latest(objected.body).answers).toMatchObject([
      { memberState: B, answer: 'objection', text: 'National means suffice' },
    ]);
    expect(objected.body.abilities).toMatchObject({ withdrawObjection: true, answerConsultation: true });
    expect((await notifications(PRESIDENCY, id)).some((n) => n.kind === 'consultation-objection')).toBe(true);
    expect((await as[A]!.post(`${path}/objection-withdrawal`, {})).status).toBe(409);

    // Any participant adds a view; ERCC the Commission's advice.
    await as[OTHER]!.post(`${path}/views`, { text: 'We can lend a cable ship' });
    await as.ERCC!.post(`${path}/advice`, { text: 'The Commission supports coordination' });

    clock.set(at(1));
    const withdrawn = await as[B]!.post<Incident>(`${path}/objection-withdrawal`, { text: 'Convinced' });
    const after = latest(withdrawn.body);
    expect(after.answers).toEqual([]);
    expect(after.withdrawnObjections).toEqual([
      { memberState: B, reason: 'National means suffice', at: at(0), withdrawnAt: at(1) },
    ]);
    expect(after.views.map((v) => [v.organisation, v.text])).toEqual([[OTHER, 'We can lend a cable ship']]);
    expect(after.advice.map((v) => v.organisation)).toEqual(['ERCC']);

    // Nothing concludes before the deadline; at the deadline the job concludes: silence is consent.
    const jobs = createJobs(server.platform);
    clock.set(at(3.9));
    await jobs.runDue();
    expect(latest((await as[A]!.get<Incident>(`/api/incidents/${id}`)).body).open).toBe(true);
    clock.set(at(4));
    expect((await as[B]!.post(`${path}/objections`, { reason: 'Too late' })).status).toBe(409);
    expect((await jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    const concluded = (await as[OTHER]!.get<Incident>(`/api/incidents/${id}`)).body;
    expect(latest(concluded).conclusion).toMatchObject({
      outcome: 'agreed',
      agreed: true,
      reason: 'deadline',
      by: null,
      standingObjections: [],
      at: at(4),
    });
    expect(concluded.status).toBe('applies');
    expect(concluded.assessment.triggers.find((t) => t.id === 'T3')?.met).toBe(true);
    expect(concluded.abilities.declineConsultation).toBe(false);
    for (const org of [A, B, 'ERCC', PRESIDENCY])
      expect(
        (await notifications(org, id)).find((n) => n.kind === 'consultation-concluded')?.body,
        org,
      ).toMatchObject({
        outcome: 'agreed',
        reason: 'deadline',
      });
    // The job ran once: running again changes nothing.
    await jobs.runDue();
    const entries = await as[A]!.get<{ items: Entry[] }>(
      `/api/incidents/${id}/entries?kind=silence-procedure-concluded`,
    );
    expect(entries.body.items).toHaveLength(1);
  });

  it('a state significantly affected while open is consulted at once with its own deadline', async () => {
    clock.set(START);
    const id = await decisionRequired('Late joiner');
    const opened = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: at(4),
      lateJoinerMinimumMinutes: 360,
    });
    const c = latest(opened.body);
    const path = `/api/incidents/${id}/consultations/${c.id}`;

    clock.set(at(2));
    const joined = await as[LATE]!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: LATE,
      level: 'significant',
    });
    const now = latest(joined.body);
    expect(now.consulted.find((s) => s.memberState === LATE)).toEqual({
      memberState: LATE,
      since: at(2),
      deadline: at(8),
    });
    expect(now.lastDeadline).toBe(at(8));
    expect(joined.body.abilities.answerConsultation).toBe(true);
    expect((await notifications(LATE, id)).find((n) => n.kind === 'consultation-opened')?.body).toMatchObject(
      {
        deadline: at(8),
        late: true,
      },
    );

    // At the general deadline the others may no longer answer, the late joiner still may; nothing concludes yet.
    const jobs = createJobs(server.platform);
    clock.set(at(5));
    await jobs.runDue();
    expect((await as[A]!.post(`${path}/objections`, { reason: 'Too late' })).status).toBe(409);
    const objected = await as[LATE]!.post<Incident>(`${path}/objections`, { reason: 'Our grid copes' });
    expect(latest(objected.body).open).toBe(true);

    clock.set(at(8));
    await jobs.runDue();
    const concluded = (await as[A]!.get<Incident>(`/api/incidents/${id}`)).body;
    expect(latest(concluded).conclusion).toMatchObject({
      outcome: 'not-agreed',
      agreed: false,
      standingObjections: [LATE],
    });
    // Not agreed: a decision is still required, the outcome shows, and the Presidency may consult again.
    expect(concluded.status).toBe('decision-required');
    expect(concluded.abilities.requestConsultation).toBe(true);
    const again = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: at(12),
    });
    expect(again.status).toBe(201);
    expect(again.body.consultations.map((x) => x.open)).toEqual([false, true]);
  });

  it('a majority count recorded under the earlier rule stays as history and no longer agrees coordination', async () => {
    clock.set(START);
    const id = await decisionRequired('Earlier rule');
    const incident = { incidentId: id, marking: 'TLP:GREEN', audience: defaultAudience(), recipients: [] };
    await inWrite(server.platform, { actor: { userId: null, organisation: null } }, async (w) => {
      const opened = await appendEntry(w, {
        ...incident,
        kind: 'consultation-opened',
        body: { deadline: at(2), question: 'Coordinate?', consulted: [A, B] },
        authorUserId: userIds[PRESIDENCY]!,
        authorOrg: PRESIDENCY,
        releasableToNato: false,
      });
      await appendEntry(w, {
        ...incident,
        kind: 'consultation-decision',
        body: {
          consultationId: opened.id,
          decision: 'yes',
          text: 'Both said yes',
          agreed: true,
          yes: 2,
          of: 2,
        },
        authorUserId: userIds[PRESIDENCY]!,
        authorOrg: PRESIDENCY,
        releasableToNato: false,
      });
    });
    // Any reassessment now reads only silence procedures: the old agreement sets nothing.
    const reassessed = await as[A]!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: A,
      level: 'significant',
    });
    expect(reassessed.body.status).toBe('decision-required');
    expect(reassessed.body.consultations.map((c) => [c.procedure, c.open])).toEqual([
      ['majority-count', false],
    ]);
    const opened = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
      proposal: 'coordinate',
      deadline: at(4),
    });
    expect(opened.status).toBe(201);
  });

  it('consents let the Presidency conclude early', async () => {
    clock.set(START);
    const id = await decisionRequired('Early');
    const c = latest(
      (
        await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
          proposal: 'coordinate',
          deadline: at(4),
        })
      ).body,
    );
    const path = `/api/incidents/${id}/consultations/${c.id}`;
    await as[A]!.post(`${path}/consent`, {});
    const waiting = await as[PRESIDENCY]!.post<{ error: { code: string } }>(`${path}/conclusion`, {});
    expect([waiting.status, waiting.body.error.code]).toEqual([409, 'answers-awaited']);
    const answered = await as[B]!.post<Incident>(`${path}/consent`, { text: 'Agreed' });
    expect(answered.body.abilities.concludeConsultation).toBe(false);
    const seen = await as[PRESIDENCY]!.get<Incident>(`/api/incidents/${id}`);
    expect(seen.body.abilities.concludeConsultation).toBe(true);
    const done = await as[PRESIDENCY]!.post<Incident>(`${path}/conclusion`, {});
    expect(latest(done.body).conclusion).toMatchObject({ outcome: 'agreed', reason: 'all-answered' });
    expect(done.body.status).toBe('applies');
  });
});

describe.runIf(engines().includes('postgres'))(
  'the silence procedure under concurrent requests on postgres',
  () => {
    let server: TestServer;
    const clock = new ManualClock(START);
    const as: Record<string, ApiClient> = {};
    const at = (hours: number) => new Date(START.getTime() + hours * HOUR).toISOString();

    beforeAll(async () => {
      server = await startTestServer({
        engine: 'postgres',
        clock,
        env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
      });
      for (const organisation of [A, B, PRESIDENCY]) {
        const key = organisation.toLowerCase();
        await server.createUser({
          email: `${key}@example.eu`,
          password: PASSWORD,
          organisation,
          role: 'coordinator',
        });
        as[organisation] = new ApiClient(server.url);
        await as[organisation]!.login(`${key}@example.eu`, PASSWORD);
      }
    });
    afterAll(() => server?.close());

    async function opened(title: string) {
      const created = await as[A]!.post<Incident>('/api/incidents', {
        title,
        reportedBy: A,
        occurredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        impacts: [{ memberState: A, level: 'significant' }],
      });
      const id = created.body.id;
      await as[B]!.post(`/api/incidents/${id}/assessments`, { memberState: B, level: 'significant' });
      const c = latest(
        (
          await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${id}/consultations`, {
            proposal: 'coordinate',
            deadline: at(4),
          })
        ).body,
      );
      return { id, path: `/api/incidents/${id}/consultations/${c.id}` };
    }

    const kinds = async (id: string) =>
      (await as[A]!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries`)).body.items
        .map((e) => e.kind)
        .filter((k) => k.startsWith('silence-procedure-'));

    it('parallel objections and early conclusions: one conclusion, consistent with the answers before it', async () => {
      clock.set(START);
      const { id, path } = await opened('Race of answers');
      // Both have consented, so the Presidency may conclude at once; B changes its mind on six connections at once.
      await as[A]!.post(`${path}/consent`, {});
      await as[B]!.post(`${path}/consent`, {});
      const results = await Promise.all([
        ...Array.from({ length: 6 }, () => as[B]!.post(`${path}/objections`, { reason: 'Not needed' })),
        ...Array.from({ length: 6 }, () => as[PRESIDENCY]!.post(`${path}/conclusion`, {})),
      ]);
      expect(results.every((r) => [201, 409].includes(r.status))).toBe(true);
      expect(results.slice(6).filter((r) => r.status === 201)).toHaveLength(1);
      const log = await kinds(id);
      expect(log.filter((k) => k === 'silence-procedure-concluded')).toHaveLength(1);
      // No answer came after the conclusion, and the outcome counts exactly the objections before it.
      const concludedAt = log.indexOf('silence-procedure-concluded');
      expect(log.slice(concludedAt + 1)).toEqual([]);
      const objectedBefore = log.slice(0, concludedAt).includes('silence-procedure-objection');
      const incident = (await as[A]!.get<Incident>(`/api/incidents/${id}`)).body;
      expect(latest(incident).conclusion).toMatchObject(
        objectedBefore
          ? { outcome: 'not-agreed', standingObjections: [B] }
          : { outcome: 'agreed', standingObjections: [] },
      );
      expect(incident.status).toBe(objectedBefore ? 'decision-required' : 'applies');
    });

    it('two job runners and the Presidency declining at the deadline: one conclusion', async () => {
      clock.set(START);
      const { id, path } = await opened('Race at the deadline');
      clock.set(at(4));
      const [first, second] = [createJobs(server.platform), createJobs(server.platform)];
      const results = await Promise.all([
        first.runDue(),
        second.runDue(),
        ...Array.from({ length: 4 }, () => as[PRESIDENCY]!.post(`${path}/decline`, { text: 'Not needed' })),
      ]);
      const answers = results.slice(2) as Array<{ status: number }>;
      expect(answers.every((r) => [201, 409].includes(r.status))).toBe(true);
      expect((await kinds(id)).filter((k) => k === 'silence-procedure-concluded')).toHaveLength(1);
    });
  },
);
