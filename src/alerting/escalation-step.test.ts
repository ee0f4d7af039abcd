import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { Notification } from './model.js';

const MINUTE = 60_000;

/** The bell's list says which escalation step an unacknowledged alert reached, from the stored stage alone. */
describe.each(engines())('the escalation step of a notification on %s', (engine) => {
  let server: TestServer;
  let jobs: JobRunner;
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' },
    });
    jobs = createJobs(server.platform);
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['ee', 'EE'],
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
  });
  afterAll(() => server?.close());

  const estoniaAsked = async (title: string) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const askOf = async (incidentId: string) =>
    (await as.ee!.get<{ items: Notification[] }>('/api/notifications?open=true')).body.items.find(
      (n) => n.incidentId === incidentId && n.kind === 'confirm-impact',
    );

  it('is none at first, then the duty contacts, then the org-admins, with the minutes nobody acknowledged', async () => {
    const incidentId = await estoniaAsked('Estlink cable fault');
    expect((await askOf(incidentId))?.escalation).toBeNull();

    clock.advance(30 * MINUTE);
    await jobs.runDue();
    expect((await askOf(incidentId))?.escalation).toEqual({ step: 'duty-contacts', minutesWaiting: 30 });

    clock.advance(30 * MINUTE);
    await jobs.runDue();
    const escalated = await askOf(incidentId);
    expect(escalated?.escalation).toEqual({ step: 'org-admins', minutesWaiting: 60 });
    // Only facts are stored: the sentence is the web app's, in the reader's language.
    const row = await server.platform.db.kysely
      .selectFrom('notifications')
      .select('body')
      .where('id', '=', escalated!.id)
      .executeTakeFirstOrThrow();
    expect(row.body).not.toMatch(/escalat|acknowledged within/i);

    expect((await as.ee!.post(`/api/notifications/${escalated!.id}/acknowledgement`)).status).toBe(200);
    const all = (await as.ee!.get<{ items: Notification[] }>('/api/notifications')).body.items;
    expect(all.find((n) => n.id === escalated!.id)?.escalation).toBeNull();
  });
});
