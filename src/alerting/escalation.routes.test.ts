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
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { Notification } from './model.js';
import type { RollCall } from './roll-call-model.js';

const MINUTE = 60_000;

describe.each(engines())('acknowledgement and escalation on %s', (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let jobs: JobRunner;
  // Starts at the real time: second-factor codes in the sign-ins below are computed from it.
  const clock = new ManualClock(Date.now());
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer({
      engine,
      clock,
      env: { SMTP_URL: mail.url, SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '168' },
    });
    jobs = createJobs(server.platform);
    const people: Array<[string, string, 'coordinator' | 'viewer' | 'org-admin']> = [
      ['fi', 'FI', 'coordinator'],
      ['ee', 'EE', 'coordinator'],
      ['eeduty', 'EE', 'coordinator'],
      ['de', 'DE', 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role,
        displayName: key,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    await server.createUser({
      email: 'eeadmin@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'org-admin',
    });
    await server.createUser({
      email: 'admin@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    as.eeadmin = await signInEnrolled(server, 'eeadmin@example.eu');
    as.admin = await signInEnrolled(server, 'admin@example.eu');
    await server.platform.db.kysely
      .updateTable('users')
      .set({ on_duty: 1 })
      .where('email', '=', 'eeduty@example.eu')
      .execute();
    expect(
      (await as.eeadmin!.put('/api/contact-points/EE', { mailbox: 'duty@ee.example.eu', phone: null }))
        .status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  /** FI reports Estonia significantly affected: Estonia is asked for its own assessment, an alert to acknowledge. */
  async function askEstonia(title: string): Promise<{ incidentId: string; notification: Notification }> {
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
    const open = await as.ee!.get<{ items: Notification[] }>('/api/notifications?open=true');
    const notification = open.body.items.find(
      (n) => n.incidentId === created.body.id && n.kind === 'confirm-impact',
    );
    expect(notification).toBeDefined();
    return { incidentId: created.body.id, notification: notification! };
  }

  /** Estonia's row of the roll call, with only the own-assessment requests (other alerts go out too). */
  const estoniaRow = async (who: ApiClient, incidentId: string) => {
    const row = (await who.get<RollCall>(`/api/incidents/${incidentId}/roll-call`)).body.organisations.find(
      (o) => o.organisation === 'EE',
    );
    return row && { ...row, alerts: row.alerts.filter((a) => a.kind === 'confirm-impact') };
  };

  it('escalates an unacknowledged request to the duty contacts, then to the org-admins, each step on the roll call and in the audit chain', async () => {
    // Estonia's national system hears of each escalation step too.
    const hooked: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        hooked.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = await as.eeadmin!.post<{ id: string }>('/api/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      secret: 'a-secret-long-enough-for-signing-0123',
      triggers: ['own-assessment-requested'],
    });
    expect(hook.status).toBe(201);
    mail.received.length = 0;
    const { incidentId, notification } = await askEstonia('Cable damage, unanswered');
    let row = await estoniaRow(as.ercc!, incidentId);
    expect(row?.alerts[0]).toMatchObject({
      kind: 'confirm-impact',
      requiresAcknowledgement: true,
      stage: 'awaiting',
      acknowledgedAt: null,
      nextEscalationAt: new Date(clock.now().getTime() + 30 * MINUTE).toISOString(),
    });

    // The alert itself goes out at once to Estonia's people on their channels; nobody has been escalated to.
    await jobs.runDue();
    mail.received.length = 0;
    clock.advance(30 * MINUTE - 1000);
    await jobs.runDue();
    expect((await estoniaRow(as.ercc!, incidentId))?.alerts[0]?.stage).toBe('awaiting');
    expect(mail.received).toHaveLength(0);

    clock.advance(1000);
    await jobs.runDue();
    row = await estoniaRow(as.ercc!, incidentId);
    const alert = row!.alerts[0]!;
    expect(alert.stage).toBe('duty-contacts');
    expect(alert.deliveries[0]).toMatchObject({ step: 'alert', channel: 'in-app', recipient: 'EE' });
    expect(
      alert.deliveries.filter((d) => d.step === 'alert' && d.channel === 'email').length,
    ).toBeGreaterThan(0);
    const toDuty = alert.deliveries.filter((d) => d.step === 'duty-contacts');
    expect(toDuty.map((d) => [d.channel, d.recipient, d.state]).sort()).toEqual([
      ['email', 'duty@ee.example.eu', 'sent'],
      ['email', 'eeduty@example.eu', 'sent'],
    ]);
    expect(mail.received.flatMap((m) => m.to).sort()).toEqual(['duty@ee.example.eu', 'eeduty@example.eu']);
    const toMailbox = mail.received.find((m) => m.to.includes('duty@ee.example.eu'))!;
    expect(toMailbox.subject).toBe('[TLP:GREEN] Unacknowledged Blueprint alert for Estonia');
    // The mailbox may be read by more people than the platform's audience: the e-mail names no incident detail.
    expect(toMailbox.text).not.toContain('Cable damage');
    expect(toMailbox.text).toContain(`/incidents/${incidentId}`);
    // The duty contact's message says it is an escalation: nobody acknowledged, for how long, which alert, and asks.
    const toDutyContact = mail.received.find((m) => m.to.includes('eeduty@example.eu'))!;
    expect(toDutyContact.subject).toBe(
      '[TLP:GREEN] Blueprint: Not acknowledged for 30 minutes, please acknowledge: Finland reports Estonia as significantly affected. Give your own assessment: only it counts. — Cable damage, unanswered',
    );
    expect(toDutyContact.text).toContain('Nobody at Estonia acknowledged this alert within 30 minutes.');
    expect(toDutyContact.text).toContain('You receive it as a duty contact of your organisation.');
    expect(toDutyContact.text).toContain(`Please sign in and acknowledge it: `);
    expect(toDutyContact.text).toContain('Incident: Cable damage, unanswered');

    const escalations = hooked
      .map((b) => JSON.parse(b) as { escalation?: { step: string; minutesWaiting: number } })
      .flatMap((b) => (b.escalation ? [b.escalation] : []));
    expect(escalations).toEqual([{ step: 'duty-contacts', minutesWaiting: 30, acknowledged: false }]);

    // The org-admin reads Dutch: the second step says so in Dutch, as a second reminder after an hour.
    await server.platform.db.kysely
      .updateTable('users')
      .set({ language: 'nl', language_chosen: 1 })
      .where('email', '=', 'eeadmin@example.eu')
      .execute();
    mail.received.length = 0;
    clock.advance(30 * MINUTE);
    await jobs.runDue();
    const toAdmin = mail.received.find((m) => m.to.includes('eeadmin@example.eu'))!;
    expect(toAdmin.subject).toMatch(
      /^\[TLP:GREEN\] Blueprint: Al 60 minuten niet bevestigd \(tweede herinnering\), graag bevestigen: /,
    );
    expect(toAdmin.text).toContain('Niemand bij Estonia heeft deze melding binnen 60 minuten bevestigd.');
    expect(toAdmin.text).toContain('U ontvangt haar als beheerder van uw organisatie');
    expect(
      hooked.flatMap((b) => {
        const e = (JSON.parse(b) as { escalation?: { step: string } }).escalation;
        return e ? [e.step] : [];
      }),
    ).toEqual(['duty-contacts', 'org-admins']);
    expect((await as.eeadmin!.delete(`/api/webhooks/${hook.body.id}`)).status).toBe(200);
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    row = await estoniaRow(as.ercc!, incidentId);
    expect(row?.alerts[0]?.stage).toBe('org-admins');
    expect(row?.alerts[0]?.deliveries.filter((d) => d.step === 'org-admins').map((d) => d.recipient)).toEqual(
      ['eeadmin@example.eu'],
    );
    expect(mail.received.map((m) => m.to)).toEqual([['eeadmin@example.eu']]);

    const audit = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select(['action', 'details'])
      .where('subject_id', '=', notification.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, (JSON.parse(a.details) as { step: string }).step])).toEqual([
      ['alert.escalated', 'duty-contacts'],
      ['alert.escalated', 'org-admins'],
    ]);

    // Acknowledged late, the roll call shows who and when; nothing escalates further.
    const acked = await as.eeduty!.post<Notification>(
      `/api/notifications/${notification.id}/acknowledgement`,
    );
    expect(acked.status).toBe(200);
    row = await estoniaRow(as.ee!, incidentId);
    expect(row?.alerts[0]).toMatchObject({
      stage: 'acknowledged',
      acknowledgedBy: 'eeduty',
      secondsToAcknowledge: 3600,
    });
  });

  it('stops when someone acknowledges before the time runs out', async () => {
    mail.received.length = 0;
    const { incidentId, notification } = await askEstonia('Cable damage, answered');
    clock.advance(10 * MINUTE);
    expect((await as.ee!.post(`/api/notifications/${notification.id}/acknowledgement`)).status).toBe(200);
    clock.advance(60 * MINUTE);
    await jobs.runDue();
    const row = await estoniaRow(as.ercc!, incidentId);
    expect(row?.alerts[0]).toMatchObject({
      stage: 'acknowledged',
      acknowledgedBy: 'ee',
      secondsToAcknowledge: 600,
    });
    expect(row?.alerts[0]?.deliveries.every((d) => d.step === 'alert')).toBe(true);
    expect(mail.received.flatMap((m) => m.to)).not.toContain('duty@ee.example.eu');
  });

  it("follows an organisation's own time, which only its org-admins or a platform admin set", async () => {
    expect((await as.ee!.patch('/api/alerting/timings/EE', { acknowledgeWithinMinutes: 5 })).status).toBe(
      403,
    );
    expect(
      (await as.eeadmin!.patch('/api/alerting/timings/FI', { acknowledgeWithinMinutes: 5 })).status,
    ).toBe(403);
    const bad = await as.eeadmin!.patch<{ error: { field: string } }>('/api/alerting/timings/EE', {
      acknowledgeWithinMinutes: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('acknowledgeWithinMinutes');
    const set = await as.eeadmin!.patch('/api/alerting/timings/EE', { acknowledgeWithinMinutes: 5 });
    expect(set.body).toMatchObject({
      organisation: 'EE',
      acknowledgeWithinMinutes: 5,
      ownAcknowledgeWithin: true,
    });
    expect((await as.ercc!.patch('/api/alerting/timings', { acknowledgeWithinMinutes: 10 })).status).toBe(
      403,
    );
    expect((await as.admin!.patch('/api/alerting/timings', { adminsAfterMinutes: 15 })).body).toMatchObject({
      acknowledgeWithinMinutes: 30,
      adminsAfterMinutes: 15,
    });

    const { incidentId } = await askEstonia('Pipeline pressure drop');
    clock.advance(5 * MINUTE);
    await jobs.runDue();
    const row = await estoniaRow(as.ee!, incidentId);
    expect(row?.alerts[0]?.stage).toBe('duty-contacts');
    expect(row?.alerts[0]?.nextEscalationAt).toBe(
      new Date(clock.now().getTime() + 15 * MINUTE).toISOString(),
    );
    await as.eeadmin!.patch('/api/alerting/timings/EE', { acknowledgeWithinMinutes: null });
    expect((await as.ee!.get('/api/alerting/timings/EE')).body).toMatchObject({
      organisation: { acknowledgeWithinMinutes: 30, ownAcknowledgeWithin: false },
    });
  });

  it('shows each organisation only its own row; ERCC sees every row; a platform admin none', async () => {
    const { incidentId } = await askEstonia('Visibility of the roll call');
    const orgs = async (who: ApiClient) =>
      (await who.get<RollCall>(`/api/incidents/${incidentId}/roll-call`)).body.organisations.map(
        (o) => o.organisation,
      );
    expect(await orgs(as.ee!)).toEqual(['EE']);
    // Germany is told of the new incident too, and sees that row of its own, never Estonia's.
    expect(await orgs(as.de!)).toEqual(['DE']);
    expect(await orgs(as.ercc!)).toContain('EE');
    expect((await as.admin!.get(`/api/incidents/${incidentId}/roll-call`)).status).toBe(404);
    expect((await as.ee!.get('/api/incidents/no-such-incident/roll-call')).status).toBe(404);
  });

  it('decides a race of acknowledgements against the escalation job inside the transaction', async () => {
    const asked: Notification[] = [];
    for (let i = 0; i < 8; i++) asked.push((await askEstonia(`Race ${i}`)).notification);
    clock.advance(30 * MINUTE);
    await Promise.all([
      jobs.runDue(),
      ...asked.map((n) => as.eeduty!.post(`/api/notifications/${n.id}/acknowledgement`)),
      jobs.runDue(),
    ]);
    clock.advance(30 * MINUTE);
    await jobs.runDue();
    const db = server.platform.db.kysely;
    for (const n of asked) {
      const records = await db
        .selectFrom('audit_records')
        .select(['seq', 'action'])
        .where('subject_id', '=', n.id)
        .orderBy('seq')
        .execute();
      const ack = records.find((r) => r.action === 'notification.acknowledged');
      expect(ack).toBeDefined();
      // Whatever won, no step was taken after the acknowledgement, and the org-admins were never reached.
      const steps = records.filter((r) => r.action === 'alert.escalated');
      expect(steps.length).toBeLessThanOrEqual(1);
      for (const s of steps) expect(Number(s.seq)).toBeLessThan(Number(ack!.seq));
      const deliveries = await db
        .selectFrom('alert_deliveries')
        .select('step')
        .where('notification_id', '=', n.id)
        .execute();
      expect(deliveries.every((d) => d.step === 'alert' || d.step === 'duty-contacts')).toBe(true);
      expect(deliveries.some((d) => d.step === 'duty-contacts')).toBe(steps.length === 1);
    }
  });
});
