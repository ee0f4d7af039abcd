import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import { CLOCK_REMINDER_JOB, CLOCKS_CHANGED_JOB } from './reporting-clock-reminders.js';

/**
 * Updates and the reporting clocks: an update that names an entity, records a stage or changes the cause has the
 * clocks looked at again; one that only changes impacts cannot move them, and schedules nothing for them.
 */
describe.each(engines())('which updates have the reporting clocks looked at again on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  let fi: ApiClient;
  let incidentId: string;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    const created = await fi.post<{ id: string }>('/api/incidents', {
      title: 'Substation fire',
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
    await createJobs(server.platform).runDue();
  });
  afterAll(() => server?.close());

  const jobsOf = async (kind: string) =>
    (
      await server.platform.db.kysely
        .selectFrom('jobs')
        .select(['payload', 'state'])
        .where('kind', '=', kind)
        .execute()
    ).filter((j) => String(j.payload).includes(incidentId));

  it('schedules nothing for an update of impacts alone', async () => {
    const before = (await jobsOf(CLOCKS_CHANGED_JOB)).length;
    const update = await fi.post(`/api/incidents/${incidentId}/updates`, {
      stage: 'other',
      text: 'EE reports minor effects too',
      impacts: [{ memberState: 'EE', level: 'minor' }],
    });
    expect(update.status).toBe(201);
    expect(await jobsOf(CLOCKS_CHANGED_JOB)).toHaveLength(before);
  });

  it('looks again when an update names an entity, and schedules its reminder', async () => {
    const update = await fi.post(`/api/incidents/${incidentId}/updates`, {
      stage: 'other',
      text: 'The substation belongs to Fingrid',
      awareAt: '2026-12-01T08:30:00Z',
      entities: [{ name: 'Fingrid substation', sector: 'energy', subsector: 'electricity' }],
    });
    expect(update.status).toBe(201);
    expect((await jobsOf(CLOCKS_CHANGED_JOB)).filter((j) => j.state === 'pending')).toHaveLength(1);
    await createJobs(server.platform).runDue();
    expect((await jobsOf(CLOCK_REMINDER_JOB)).length).toBeGreaterThan(0);
  });
});
