import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { startMailServer, type TestMailServer } from '../../test/support/smtp.js';
import { personalAlerts, recipientOf } from '../alerting/compose.js';
import type { Notification } from '../alerting/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import type { AfterActionReport } from './model.js';

/**
 * Distributing a post-incident report alerts every organisation of its audience through the alerting design: the
 * bell, e-mail by default, in the reader's language, EXERCISE first for an exercise, the marking in the subject,
 * and the report's title only to someone who may read the report.
 */
describe.each(engines())('the alert when a post-incident report is distributed, on %s', (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let jobs: JobRunner;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  let incidentId = '';
  let report: AfterActionReport;

  beforeAll(async () => {
    mail = await startMailServer();
    server = await startTestServer({
      engine,
      clock,
      env: {
        SMTP_URL: mail.url,
        SMTP_FROM: 'Blueprint <alerts@blueprint.example.eu>',
        PUBLIC_URL: 'https://blueprint.example.eu',
      },
    });
    jobs = createJobs(server.platform, { retryBaseMs: 30_000 });
    for (const [key, organisation] of [
      ['ercc', 'ERCC'],
      ['cerg', 'CERG'],
      ['ee', 'EE'],
      ['fi', 'FI'],
    ] as const) {
      const user = await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    expect((await as.ee!.patch('/api/me', { language: 'nl' })).status).toBe(200);
    const created = await as.ercc!.post<{ id: string }>('/api/incidents', {
      title: 'Exercise: Balticconnector pressure drop',
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: [{ memberState: 'EE', level: 'significant' }],
      marking: 'TLP:AMBER',
      audience: ['EE', 'ERCC', 'CERG'],
      exercise: true,
    });
    expect(created.status).toBe(201);
    incidentId = created.body.id;
    const drafted = await as.ercc!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
      audience: ['EE'],
      title: 'Lessons from the Balticconnector drill',
    });
    expect(drafted.status).toBe(201);
    report = drafted.body;
    const url = `/api/incidents/${incidentId}/after-action/${report.id}`;
    expect((await as.cerg!.post(`${url}/review`)).status).toBe(200);
    // Nothing is told before distribution: only the incident's own alerts are out.
    await jobs.runDue();
    await jobs.runDue();
    mail.received.length = 0;
    clock.advance(600_000);
    const distributed = await as.cerg!.post<AfterActionReport>(`${url}/distribution`);
    expect(distributed.status).toBe(200);
    report = distributed.body;
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  const mailsTo = (address: string) => mail.received.filter((m) => m.to.includes(address));

  it('e-mails each person of the audience after the commit, marked, EXERCISE first, in their language', async () => {
    expect(mail.received).toHaveLength(0);
    await jobs.runDue();
    await jobs.runDue();
    const [ee] = mailsTo('ee@example.eu');
    expect(ee?.subject).toBe(
      `EXERCISE EXERCISE EXERCISE [${report.marking}] Blueprint: Critical Entities Resilience Group heeft het rapport na dit incident aan uw organisatie voorgelegd. — Exercise: Balticconnector pressure drop`,
    );
    expect(ee?.text.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    expect(ee?.text).toContain(`[${report.marking}] Lessons from the Balticconnector drill`);
    expect(ee?.text).toContain(`https://blueprint.example.eu/incidents/${incidentId}`);
    // The drafter is in the audience and is told; CERG distributed it and is not.
    const [ercc] = mailsTo('ercc@example.eu');
    expect(ercc?.subject).toMatch(/presented the post-incident report on this incident to your organisation/);
    expect(mailsTo('cerg@example.eu')).toHaveLength(0);
  });

  it('tells nothing to an organisation the report is not distributed to', async () => {
    expect(mailsTo('fi@example.eu')).toHaveLength(0);
    const bell = await as.fi!.get<{ items: Notification[] }>('/api/notifications');
    expect(bell.body.items.map((n) => n.kind)).not.toContain('after-action-report-distributed');
    const ee = await as.ee!.get<{ items: Notification[] }>('/api/notifications');
    const alert = ee.body.items.find((n) => n.kind === 'after-action-report-distributed');
    expect(alert).toMatchObject({ incidentId, body: { by: 'CERG', reportId: report.id } });
    // The bell's facts name the report by id only: its title is for those who may read the report.
    expect(JSON.stringify(alert)).not.toContain('Lessons from the Balticconnector drill');
  });

  it('says only that there is something to look at to a person who may not read the report', async () => {
    const notification = await server.platform.db.kysely
      .selectFrom('notifications')
      .select('id')
      .where('organisation', '=', 'EE')
      .where('kind', '=', 'after-action-report-distributed')
      .executeTakeFirstOrThrow();
    const users = await server.platform.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', 'in', [ids.ee!, ids.fi!])
      .execute();
    const person = (id: string) => recipientOf(users.find((u) => u.id === id)!, {});
    const [asEe] = await personalAlerts(
      server.platform.db.kysely,
      person(ids.ee!),
      [notification.id],
      'https://b',
    );
    expect(asEe).toMatchObject({ visible: true, detail: { text: 'Lessons from the Balticconnector drill' } });
    // Finland is outside the report's audience: it would learn neither the report's title nor its incident.
    const [asFi] = await personalAlerts(
      server.platform.db.kysely,
      person(ids.fi!),
      [notification.id],
      'https://b',
    );
    expect(asFi).toMatchObject({ visible: false, incidentTitle: null, detail: null, body: {} });
  });

  it('follows the channels a person chose for the new trigger', async () => {
    const prefs = await as.ercc!.get<{
      choices: Array<{ trigger: string; channel: string; enabled: boolean }>;
    }>('/api/me/alert-preferences');
    expect(
      prefs.body.choices.filter((c) => c.trigger === 'after-action-report-distributed').map((c) => c.enabled),
    ).toEqual([true, true]);
    expect(
      (
        await as.ercc!.put('/api/me/alert-preferences', {
          choices: [{ trigger: 'after-action-report-distributed', channel: 'email', enabled: false }],
        })
      ).status,
    ).toBe(200);
    const second = await as.ercc!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
      audience: ['EE'],
    });
    const url = `/api/incidents/${incidentId}/after-action/${second.body.id}`;
    expect((await as.cerg!.post(`${url}/review`)).status).toBe(200);
    clock.advance(600_000);
    const before = { ercc: mailsTo('ercc@example.eu').length, ee: mailsTo('ee@example.eu').length };
    expect((await as.cerg!.post(`${url}/distribution`)).status).toBe(200);
    await jobs.runDue();
    await jobs.runDue();
    expect(mailsTo('ercc@example.eu')).toHaveLength(before.ercc);
    expect(mailsTo('ee@example.eu')).toHaveLength(before.ee + 1);
  });
});
