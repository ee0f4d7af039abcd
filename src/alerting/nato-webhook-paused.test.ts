import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import { startMailServer, type TestMailServer } from '../../test/support/smtp.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { Notification } from './model.js';
import type { Webhook } from './webhooks-model.js';

/**
 * A notification about no incident, but only about the NATO liaison's own standing (its webhook paused), reaches
 * it like any organisation: nothing in it is kept from NATO, and a dead target nobody hears of is an outage.
 */
describe.each(engines())("the NATO liaison's paused webhook, on %s", (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let receiver: http.Server;
  let receiverUrl = '';
  // Starts at the real time: enrolling a second factor checks a code computed from it.
  const clock = new ManualClock();
  let ercc: ApiClient;
  let natoAdmin: ApiClient;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/nato-events`;
    mail = await startMailServer();
    server = await startTestServer({
      engine,
      clock,
      env: { SMTP_URL: mail.url, WEBHOOK_PAUSE_AFTER_FAILURES: '1', ALERT_BATCH_SECONDS: '0' },
    });
    await server.createUser({
      email: 'ercc@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'nato-admin@example.eu',
      password: PASSWORD,
      organisation: 'NATO',
      role: 'org-admin',
    });
    ercc = new ApiClient(server.url);
    await ercc.login('ercc@example.eu', PASSWORD);
    natoAdmin = await signInEnrolled(server, 'nato-admin@example.eu');
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  it('tells NATO in the bell and its registrant by e-mail', async () => {
    const registered = await natoAdmin.post<Webhook>('/api/webhooks', {
      url: receiverUrl,
      secret: 'nato-liaison-national-system-secret-0123456789',
    });
    expect(registered.status).toBe(201);
    const reported = await ercc.post<{ id: string }>('/api/incidents', {
      title: 'Subsea cable cut off Gotland',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
      marking: 'TLP:GREEN',
      releasableToNato: true,
    });
    expect(reported.status).toBe(201);
    const jobs = createJobs(server.platform, { retryBaseMs: 30_000 });
    await jobs.runDue();
    await jobs.runDue();

    const listed = await natoAdmin.get<{ items: Webhook[] }>('/api/webhooks');
    expect(listed.body.items[0]?.pausedAt).not.toBeNull();
    const bell = await natoAdmin.get<{ items: Notification[] }>('/api/notifications');
    expect(bell.body.items.find((n) => n.kind === 'webhook-paused')?.body).toMatchObject({
      webhookId: registered.body.id,
      failures: 1,
    });
    const told = mail.received.filter((m) => m.to.includes('nato-admin@example.eu'));
    expect(told.some((m) => m.subject.includes('paused') && m.text.includes(receiverUrl))).toBe(true);
  });
});
