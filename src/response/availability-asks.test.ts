import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Notification } from '../alerting/model.js';
import type { SilenceProcedure } from '../blueprint/model.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import { presidencyAt } from '../registry/presidency.js';

const HOUR = 3_600_000;
const START = new Date('2026-10-05T08:00:00.000Z');
const PRESIDENCY = presidencyAt(START)!.memberState;
const [A, B] = ['FI', 'EE', 'LV'].filter((s) => s !== PRESIDENCY) as [string, string];

describe.each(engines())('availability for EU asks when a state is consulted on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(START);
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    // Sessions outlive the hours the clock moves: the deadline is what is tested, not sign-in.
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
    });
    for (const organisation of [A, B, PRESIDENCY]) {
      const email = `${organisation.toLowerCase()}@asks.example.eu`;
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(email, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const consultationNotice = async (org: string, incidentId: string) =>
    (await as[org]!.get<{ items: Notification[] }>('/api/notifications')).body.items.find(
      (n) => n.incidentId === incidentId && n.kind === 'consultation-opened',
    );

  it('a state on only urgent is told so with the consultation, and its silence still counts as consent', async () => {
    const set = await as[B]!.request('PUT', `/api/member-states/${B}/availability`, {
      availability: 'only-urgent',
      note: 'Storm response at home',
    });
    expect(set.status).toBe(200);
    const created = await as[A]!.post<Incident>('/api/incidents', {
      title: 'Subsea cable cut',
      reportedBy: A,
      occurredAt: new Date(START.getTime() - HOUR).toISOString(),
      impacts: [{ memberState: A, level: 'significant' }],
    });
    await as[B]!.post(`/api/incidents/${created.body.id}/assessments`, {
      memberState: B,
      level: 'significant',
    });
    const opened = await as[PRESIDENCY]!.post<Incident>(`/api/incidents/${created.body.id}/consultations`, {
      proposal: 'coordinate',
      deadline: new Date(START.getTime() + 2 * HOUR).toISOString(),
    });
    expect(opened.status).toBe(201);

    // Told at the moment of asking, in the notification itself; a state at normal availability reads no notice.
    expect((await consultationNotice(B, created.body.id))?.body).toMatchObject({
      role: 'consulted',
      availability: 'only-urgent',
      availabilityNote: 'Storm response at home',
    });
    const plain = await consultationNotice(A, created.body.id);
    expect(plain?.body.role).toBe('consulted');
    expect(plain?.body).not.toHaveProperty('availability');

    // Same deadline for both, and B's silence is consent like anyone's when the procedure concludes.
    const c = opened.body.consultations.at(-1) as SilenceProcedure;
    expect(new Set(c.consulted.map((x) => x.deadline)).size).toBe(1);
    await as[A]!.post(`/api/incidents/${created.body.id}/consultations/${c.id}/consent`, {});
    clock.set(new Date(START.getTime() + 2 * HOUR));
    expect((await createJobs(server.platform).runDue()).done).toBeGreaterThanOrEqual(1);
    const concluded = (await as[A]!.get<Incident>(`/api/incidents/${created.body.id}`)).body;
    expect((concluded.consultations.at(-1) as SilenceProcedure).conclusion).toMatchObject({
      outcome: 'agreed',
      reason: 'deadline',
    });
  });
});
