import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { Notification } from './model.js';

describe.each(engines())('reminders of national reporting clocks on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '24' },
    });
    for (const key of ['fi', 'fi-other']) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const bell = async (who: string) =>
    (await as[who]!.get<{ items: Notification[] }>('/api/notifications')).body.items.filter(
      (n) => n.kind === 'reporting-clock-reminder',
    );

  it('reminds, for information, only those who opted in, before the stage falls due and never after', async () => {
    const opted = await as.fi!.put('/api/me/alert-preferences', {
      choices: [{ trigger: 'reporting-clock', channel: 'in-app', enabled: true }],
    });
    expect(opted.status).toBe(200);
    const created = await as.fi!.post<{ id: string }>('/api/incidents', {
      title: 'Substation fire',
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      detectedAt: '2026-12-01T08:30:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
      entities: [{ name: 'Fingrid substation', sector: 'energy', subsector: 'electricity' }],
    });
    expect(created.status).toBe(201);
    const jobs = createJobs(server.platform);
    await jobs.runDue();
    expect(await bell('fi')).toHaveLength(0);

    // CER: the initial notification is due 24 hours after awareness; the reminder comes two hours before.
    clock.set('2026-12-02T06:29:00Z');
    await jobs.runDue();
    expect(await bell('fi')).toHaveLength(0);
    clock.set('2026-12-02T06:31:00Z');
    await jobs.runDue();
    const [reminder] = await bell('fi');
    expect(reminder?.body).toEqual({
      regime: 'cer',
      stage: 'cer-initial-notification',
      dueAt: '2026-12-02T08:30:00.000Z',
    });
    expect(JSON.stringify(reminder)).not.toContain('Fingrid');
    // The other FI coordinator never opted in: the bell keeps it out of their list.
    expect(await bell('fi-other')).toHaveLength(0);
  });
});
