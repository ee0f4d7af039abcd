import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTrigger } from '../src/alerting/webhook-triggers.js';
import type { Webhook, WebhookDelivery } from '../src/alerting/webhooks-model.js';
import { createJobs } from '../src/jobs.js';
import { ManualClock } from '../src/platform/clock.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';

const SECRET = 'ee-national-system-shared-secret-0123456789';

/**
 * A target registered without a list (or set to "all") follows every trigger, those the platform adds later too;
 * a target given a list keeps exactly that list. The stored form says which, so no later trigger is missed.
 */
describe.each(engines())('the alerts a webhook takes, on %s', (engine) => {
  let server: TestServer;
  // Starts at the real time: enrolling a second factor checks a code computed from it.
  const clock = new ManualClock();
  let fi: ApiClient;
  let eeAdmin: ApiClient;
  const hooks = { every: '', chosen: '' };

  const storedTriggers = async (id: string) =>
    (
      await server.platform.db.kysely
        .selectFrom('webhooks')
        .select('triggers')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).triggers;
  const queued = async (id: string) =>
    (await eeAdmin.get<{ items: WebhookDelivery[] }>(`/api/webhooks/${id}/deliveries`)).body.items;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock, env: { ALERT_BATCH_SECONDS: '0' } });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'ee-admin@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'org-admin',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    eeAdmin = await signInEnrolled(server, 'ee-admin@example.eu');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('follows every trigger when registered without a list, and keeps a chosen list as chosen', async () => {
    const every = await eeAdmin.post<Webhook>('/api/webhooks', {
      url: 'http://127.0.0.1:9/every',
      secret: SECRET,
    });
    expect(every.status).toBe(201);
    expect(every.body).toMatchObject({ allTriggers: true, triggers: everyTrigger() });
    expect(every.body.triggers).not.toContain('reporting-clock');
    // Not a copy of today's list: a trigger added to the platform later is delivered to it as well.
    expect(await storedTriggers(every.body.id)).toBe('"all"');

    const chosen = await eeAdmin.post<Webhook>('/api/webhooks', {
      url: 'http://127.0.0.1:9/chosen',
      secret: SECRET,
      triggers: ['status-changed', 'status-changed'],
    });
    expect(chosen.status).toBe(201);
    expect(chosen.body).toMatchObject({ allTriggers: false, triggers: ['status-changed'] });
    hooks.every = every.body.id;
    hooks.chosen = chosen.body.id;

    const reported = await fi.post('/api/incidents', {
      title: 'Estlink cable fault',
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    expect(reported.status).toBe(201);
    // The fan-out job queues the deliveries (the first attempt at the closed port fails and waits to retry).
    await createJobs(server.platform, { retryBaseMs: 30_000 }).runDue();
    expect((await queued(hooks.every)).map((d) => d.trigger)).toEqual(['incident-reported']);
    expect(await queued(hooks.chosen)).toEqual([]);
  });

  it('changes a list to every trigger and back, and names the field of a bad choice', async () => {
    const toEvery = await eeAdmin.patch<Webhook>(`/api/webhooks/${hooks.chosen}`, { triggers: 'all' });
    expect(toEvery.status).toBe(200);
    expect(toEvery.body).toMatchObject({ allTriggers: true, triggers: everyTrigger() });
    const toList = await eeAdmin.patch<Webhook>(`/api/webhooks/${hooks.every}`, {
      triggers: ['activation'],
    });
    expect(toList.body).toMatchObject({ allTriggers: false, triggers: ['activation'] });
    expect(await storedTriggers(hooks.every)).toBe('["activation"]');

    for (const triggers of [[], 'everything', ['no-such-trigger']]) {
      const refused = await eeAdmin.patch<{ error: { code: string; field?: string } }>(
        `/api/webhooks/${hooks.every}`,
        { triggers },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error.field).toBe('triggers');
    }
    const refused = await eeAdmin.post<{ error: { field?: string } }>('/api/webhooks', {
      url: 'http://127.0.0.1:9/bad',
      secret: SECRET,
      triggers: 'some',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('triggers');
  });
});
