import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook, WebhookDelivery } from '../src/alerting/webhooks-model.js';
import type { Incident } from '../src/incidents/model.js';
import { createJobs } from '../src/jobs.js';
import { verifyWebhookSignature } from '../src/outbox/webhook.js';
import { ManualClock } from '../src/platform/clock.js';
import { engines, freshDatabase } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';
import { startMailServer, type TestMailServer } from './support/smtp.js';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A national system's receiver on a loopback port: keeps what it is sent, answers with the status it is told. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/blueprint-events`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = 'ee-national-system-shared-secret-0123456789';

describe.each(engines())('webhooks for national systems on %s', (engine) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let mail: TestMailServer;
  let database: { dataDir: string; databaseUrl?: string };
  let server: TestServer;
  // Starts at the real time: enrolling a second factor checks a code computed from it.
  const clock = new ManualClock();
  const env: Record<string, string> = { WEBHOOK_PAUSE_AFTER_FAILURES: '3', ALERT_BATCH_SECONDS: '0' };
  let fi: ApiClient;
  let eeAdmin: ApiClient;
  let webhook: Webhook;

  const start = () => startTestServer({ engine, clock, env, sharing: database });
  const report = async (title: string) => {
    const created = await fi.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-12-01T08:00:00Z',
      impacts: [{ memberState: 'FI', level: 'minor' }],
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const deliveries = async () =>
    (await eeAdmin.get<{ items: WebhookDelivery[] }>(`/api/webhooks/${webhook.id}/deliveries`)).body.items;

  beforeAll(async () => {
    receiver = await startReceiver();
    mail = await startMailServer();
    env.SMTP_URL = mail.url;
    database = await freshDatabase(engine);
    server = await start();
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
    await server.createUser({
      email: 'ee@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'de-admin@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'org-admin',
    });
    fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    eeAdmin = await signInEnrolled(server, 'ee-admin@example.eu');
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await mail?.close();
  });

  it('only an org-admin registers a target for its own organisation, and the secret is never shown', async () => {
    const coordinator = new ApiClient(server.url);
    await coordinator.login('ee@example.eu', PASSWORD);
    const refused = await coordinator.post('/api/webhooks', { url: receiver.url, secret: SECRET });
    expect(refused.status).toBe(403);
    const short = await eeAdmin.post<{ error: { field?: string } }>('/api/webhooks', {
      url: receiver.url,
      secret: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('secret');

    const created = await eeAdmin.post<Webhook>('/api/webhooks', { url: receiver.url, secret: SECRET });
    expect(created.status).toBe(201);
    webhook = created.body;
    expect(webhook).toMatchObject({ organisation: 'EE', url: receiver.url, pausedAt: null });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect(JSON.stringify((await eeAdmin.get('/api/webhooks')).body)).not.toContain(SECRET);

    const deAdmin = await signInEnrolled(server, 'de-admin@example.eu');
    expect((await deAdmin.get(`/api/webhooks/${webhook.id}/deliveries`)).status).toBe(404);
    expect((await deAdmin.patch(`/api/webhooks/${webhook.id}`, { active: false })).status).toBe(404);
  });

  it('signs each delivery over timestamp and body; a failed delivery is retried after its backoff', async () => {
    const jobs = createJobs(server.platform, { retryBaseMs: 30_000 });
    receiver.state.status = 503;
    const id = await report('Estlink cable fault');
    expect(receiver.received).toHaveLength(0);
    await jobs.runDue();
    expect(receiver.received).toHaveLength(1);
    const [failed] = await deliveries();
    expect(failed).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'the target answered HTTP 503',
      trigger: 'incident-reported',
      // The retry's time, read from the job that will make it.
      nextAttemptAt: new Date(clock.now().getTime() + 30_000).toISOString(),
    });

    receiver.state.status = 200;
    await jobs.runDue();
    // Not before its backoff has passed.
    expect(receiver.received).toHaveLength(1);
    clock.advance(30_000);
    await jobs.runDue();
    expect(receiver.received).toHaveLength(2);
    const delivered = receiver.received[1]!;
    const timestamp = String(delivered.headers['blueprint-timestamp']);
    expect(timestamp).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(
      verifyWebhookSignature(
        SECRET,
        timestamp,
        delivered.body,
        String(delivered.headers['blueprint-signature']),
      ),
    ).toBe(true);
    expect(
      verifyWebhookSignature(
        'another-secret',
        timestamp,
        delivered.body,
        String(delivered.headers['blueprint-signature']),
      ),
    ).toBe(false);
    expect(delivered.headers['blueprint-delivery']).toBe(failed!.id);
    const event = JSON.parse(delivered.body) as { event: string; notification: Record<string, unknown> };
    expect(event.event).toBe('notification');
    expect(event.notification).toMatchObject({
      kind: 'incident-reported',
      trigger: 'incident-reported',
      organisation: 'EE',
      incidentId: id,
      incidentTitle: 'Estlink cable fault',
      exercise: false,
    });
    expect((await deliveries())[0]).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('delivers what was pending when the server stopped, after it starts again', async () => {
    const before = receiver.received.length;
    await report('Gas compressor trip');
    await server.close();
    server = await start();
    // Sessions live in the database: the same cookies go on working on the restarted server.
    const cookies = { fi: fi.cookie, ee: eeAdmin.cookie };
    fi = new ApiClient(server.url);
    fi.cookie = cookies.fi;
    eeAdmin = new ApiClient(server.url);
    eeAdmin.cookie = cookies.ee;
    await createJobs(server.platform).runDue();
    expect(receiver.received).toHaveLength(before + 1);
    expect(JSON.parse(receiver.received[before]!.body).notification.incidentTitle).toBe(
      'Gas compressor trip',
    );
  });

  it('pauses a target after failing too often in a row and tells its organisation; resuming sends again', async () => {
    const jobs = createJobs(server.platform, { retryBaseMs: 30_000 });
    receiver.state.status = 500;
    await report('Port outage one');
    await report('Port outage two');
    await report('Port outage three');
    await jobs.runDue();
    const listed = (await eeAdmin.get<{ items: Webhook[] }>('/api/webhooks')).body.items;
    expect(listed[0]?.pausedAt).not.toBeNull();
    expect(listed[0]?.consecutiveFailures).toBe(3);
    const told = await eeAdmin.get<{ items: { kind: string; body: Record<string, unknown> }[] }>(
      '/api/notifications',
    );
    expect(told.body.items.find((n) => n.kind === 'webhook-paused')?.body).toMatchObject({
      webhookId: webhook.id,
      failures: 3,
    });
    // The org-admin who registered it is told by e-mail too, though "other notifications" are off there by default.
    const paused = mail.received.filter((m) => m.subject.includes('paused'));
    expect(paused.map((m) => m.to)).toEqual([['ee-admin@example.eu']]);
    expect(paused[0]?.text).toContain(receiver.url);

    // Paused: nothing more is queued for it.
    const queued = (await deliveries()).length;
    await report('Port outage four');
    expect(await deliveries()).toHaveLength(queued);

    receiver.state.status = 200;
    const resumed = await eeAdmin.patch<Webhook>(`/api/webhooks/${webhook.id}`, { active: true });
    expect(resumed.body).toMatchObject({ pausedAt: null, consecutiveFailures: 0 });
    const before = receiver.received.length;
    await report('Port outage five');
    await jobs.runDue();
    expect(
      receiver.received.slice(before).map((r) => JSON.parse(r.body).notification.incidentTitle),
    ).toContain('Port outage five');
  });
});
