import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { startMailServer, type TestMailServer } from '../../test/support/smtp.js';
import type { AfterActionReport } from '../after-action/model.js';
import type { Entry } from '../entries/model.js';
import { createJobs } from '../jobs.js';
import type { Actor } from '../platform/actor.js';
import { ManualClock } from '../platform/clock.js';
import { inWrite } from '../platform/db/write.js';
import type { JobRunner } from '../platform/jobs/runner.js';
import { notify } from './flows.js';
import type { Notification } from './model.js';
import type { RollCall } from './roll-call-model.js';

/**
 * The NATO liaison is alerted of what it may see: an incident released to NATO (reported so, or released later
 * with its first report) and a post-incident report distributed with NATO in its audience there; of an incident
 * kept from NATO it is told nothing, whoever names it, and the roll call shows NATO only where it was told.
 */
/** Six member states significantly affected by their own assessment: the Blueprint applies (T1). */
const AFFECTED = ['EE', 'FI', 'LV', 'LT', 'PL', 'SE'] as const;

describe.each(engines())('alerting the NATO liaison, on %s', (engine) => {
  let server: TestServer;
  let mail: TestMailServer;
  let jobs: JobRunner;
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const as: Record<string, ApiClient> = {};
  const ids: Record<string, string> = {};
  const incidents = { released: '', kept: '', releasedLater: '' };
  let releasedReport: AfterActionReport;

  const report = (title: string, releasableToNato: boolean, affected: readonly string[] = ['EE']) =>
    as.ercc!.post<{ id: string }>('/api/incidents', {
      title,
      reportedBy: 'ERCC',
      occurredAt: '2026-12-01T07:00:00Z',
      impacts: affected.map((memberState) => ({ memberState, level: 'significant' })),
      marking: 'TLP:GREEN',
      releasableToNato,
      exercise: true,
    });

  /** Drafts, reviews and distributes a post-incident report on the incident. */
  const distribute = async (incidentId: string, title: string, releasableToNato: boolean) => {
    const drafted = await as.ercc!.post<AfterActionReport>(`/api/incidents/${incidentId}/after-action`, {
      audience: ['EE'],
      releasableToNato,
      title,
    });
    expect(drafted.status).toBe(201);
    const url = `/api/incidents/${incidentId}/after-action/${drafted.body.id}`;
    expect((await as.cerg!.post(`${url}/review`)).status).toBe(200);
    clock.advance(600_000);
    const distributed = await as.cerg!.post<AfterActionReport>(`${url}/distribution`);
    expect(distributed.status).toBe(200);
    return distributed.body;
  };

  const natoNotifications = (incidentId: string) =>
    server.platform.db.kysely
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('organisation', '=', 'NATO')
      .where('incident_id', '=', incidentId)
      // Notifications of one instant (the test clock stands still) in the order they were made: ids are uuidv7.
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const mailsTo = (address: string) => mail.received.filter((m) => m.to.includes(address));
  /** Everyone signs in again: the clock moved on past the alert batches, and idle sessions end by the same clock. */
  const signIn = async () => {
    for (const [key, client] of Object.entries(as)) await client.login(`${key}@example.eu`, PASSWORD);
  };
  const deliver = async () => {
    await jobs.runDue();
    await jobs.runDue();
  };

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
      ['ercc2', 'ERCC'],
      ['cerg', 'CERG'],
      ['nato', 'NATO'],
      ...AFFECTED.map((state) => [state.toLowerCase(), state] as const),
    ] as const) {
      const user = await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      ids[key] = user.id;
      as[key] = new ApiClient(server.url);
    }
    await signIn();
    const released = await report('Exercise: subsea cable cut off Gotland', true);
    const kept = await report('Exercise: substation fire near Tartu', false);
    const later = await report('Exercise: GNSS jamming over the Gulf of Finland', false);
    for (const created of [released, kept, later]) expect(created.status).toBe(201);
    incidents.released = released.body.id;
    incidents.kept = kept.body.id;
    incidents.releasedLater = later.body.id;
  });
  afterAll(async () => {
    await server?.close();
    await mail?.close();
  });

  it('tells NATO of an incident reported released to it, and of no incident kept from it', async () => {
    expect(await natoNotifications(incidents.released)).toMatchObject([
      { kind: 'incident-reported', body: expect.stringContaining('"reportedBy":"ERCC"') },
    ]);
    expect(await natoNotifications(incidents.kept)).toEqual([]);
    expect(await natoNotifications(incidents.releasedLater)).toEqual([]);
    await deliver();
    const subjects = mailsTo('nato@example.eu').map((m) => m.subject);
    expect(subjects).toHaveLength(1);
    expect(subjects[0]).toMatch(/ERCC|Emergency Response/);
    expect(subjects[0]).toContain('Exercise: subsea cable cut off Gotland');
    expect(mailsTo('nato@example.eu')[0]?.text).toContain(
      `https://blueprint.example.eu/incidents/${incidents.released}`,
    );
  });

  it('alerts NATO in the bell and by e-mail of a report distributed with NATO in its audience', async () => {
    mail.received.length = 0;
    releasedReport = await distribute(incidents.released, 'Lessons from the Gotland cable drill', true);
    const bell = await as.nato!.get<{ items: Notification[] }>('/api/notifications');
    expect(bell.status).toBe(200);
    const alert = bell.body.items.find((n) => n.kind === 'after-action-report-distributed');
    expect(alert).toMatchObject({
      organisation: 'NATO',
      incidentId: incidents.released,
      incidentTitle: 'Exercise: subsea cable cut off Gotland',
      body: { by: 'CERG', reportId: releasedReport.id },
    });
    await deliver();
    const [message, ...more] = mailsTo('nato@example.eu');
    expect(more).toHaveLength(0);
    expect(message?.subject).toMatch(
      /presented the post-incident report on this incident to your organisation/,
    );
    expect(message?.subject.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    // NATO may read the distributed report released to it, so its message names the report.
    expect(message?.text).toContain(`[${releasedReport.marking}] Lessons from the Gotland cable drill`);
  });

  it('tells NATO nothing of a report kept from it, even on an incident released to NATO', async () => {
    mail.received.length = 0;
    await distribute(incidents.released, 'Internal lessons for the EU only', false);
    const kinds = (await natoNotifications(incidents.released)).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'after-action-report-distributed')).toHaveLength(1);
    await deliver();
    expect(mailsTo('nato@example.eu')).toHaveLength(0);
    expect(mailsTo('ee@example.eu')).toHaveLength(1);
  });

  it('tells NATO nothing on an incident not released to NATO, even when NATO is named', async () => {
    mail.received.length = 0;
    const url = `/api/incidents/${incidents.kept}/after-action`;
    const released = await as.ercc!.post(url, { audience: ['EE'], releasableToNato: true });
    expect(released.status).toBe(400);
    expect(released.body).toMatchObject({ error: { field: 'releasableToNato' } });
    const named = await as.ercc!.post(url, { audience: ['EE', 'NATO'] });
    expect(named.status).toBe(400);
    await distribute(incidents.kept, 'Lessons from the Tartu substation drill', false);
    // A flow that names NATO of something it calls released is still refused by the sharing rules.
    const actor: Actor = {
      userId: ids.ercc!,
      email: 'ercc@example.eu',
      displayName: 'ERCC duty officer',
      organisation: 'ERCC',
      role: 'coordinator',
      via: 'session',
    };
    const sent = await inWrite(server.platform, { actor }, (w) =>
      notify(w, {
        organisations: ['NATO', 'EE'],
        kind: 'after-action-report-distributed',
        incidentId: incidents.kept,
        body: { by: 'ERCC', reportId: 'none' },
        releasedToNato: true,
      }),
    );
    expect(sent).toHaveLength(1);
    expect(await natoNotifications(incidents.kept)).toEqual([]);
    const bell = await as.nato!.get<{ items: Notification[] }>('/api/notifications');
    expect(bell.body.items.map((n) => n.incidentId)).not.toContain(incidents.kept);
    await deliver();
    expect(mailsTo('nato@example.eu')).toHaveLength(0);
  });

  it('tells NATO when an incident is released to it later, with its first report', async () => {
    mail.received.length = 0;
    const log = await as.ercc!.get<{ items: Entry[] }>(`/api/incidents/${incidents.releasedLater}/entries`);
    const first = log.body.items.find((e) => e.kind === 'report')!;
    const changed = await as.ercc!.post(
      `/api/incidents/${incidents.releasedLater}/entries/${first.id}/reach`,
      { marking: 'TLP:GREEN', releasableToNato: true },
    );
    expect(changed.status).toBe(200);
    expect(await natoNotifications(incidents.releasedLater)).toMatchObject([
      { kind: 'released-to-nato', body: expect.stringContaining(first.id) },
    ]);
    await deliver();
    const [message, ...more] = mailsTo('nato@example.eu');
    expect(more).toHaveLength(0);
    expect(message?.subject).toMatch(/released this incident to NATO/);
    // The first report is released with the incident, so NATO's message carries its first line.
    expect(message?.text).toContain('Exercise: GNSS jamming over the Gulf of Finland');
  });

  it('alerts NATO of a sitrep published released to it, and of no other', async () => {
    await signIn();
    mail.received.length = 0;
    const publish = async (incidentId: string, releasableToNato: boolean) => {
      const draft = await as.ercc!.post<{ id: string }>(`/api/incidents/${incidentId}/sitreps`, {
        audience: ['ERCC', 'EE'],
        releasableToNato,
      });
      expect(draft.status).toBe(201);
      const approved = await as.ercc2!.post(`/api/incidents/${incidentId}/sitreps/${draft.body.id}/approval`);
      expect(approved.status).toBe(200);
    };
    await publish(incidents.released, true);
    await publish(incidents.released, false);
    const bell = await as.nato!.get<{ items: Notification[] }>('/api/notifications');
    expect(bell.body.items.filter((n) => n.kind === 'sitrep-published')).toMatchObject([
      { incidentId: incidents.released, body: { number: 1 } },
    ]);
    const kept = await as.ercc!.post(`/api/incidents/${incidents.kept}/sitreps`, {
      audience: ['ERCC', 'EE'],
      releasableToNato: true,
    });
    expect(kept.status).toBe(400);
    await publish(incidents.kept, false);
    expect((await natoNotifications(incidents.kept)).map((n) => n.kind)).toEqual([]);
    // Past the batch window of NATO's last message, so this one goes out on its own.
    clock.advance(600_000);
    await deliver();
    expect(mailsTo('nato@example.eu').map((m) => m.subject)).toEqual([
      expect.stringMatching(/Situation report no\. 1 was published/),
    ]);
  });

  it('alerts NATO of the activation of an incident released to it, and of no other', async () => {
    await signIn();
    const activated: Record<string, string> = {};
    for (const [key, releasable] of [
      ['released', true],
      ['kept', false],
    ] as const) {
      const created = await report(`Exercise: Baltic grid separation (${key})`, releasable, AFFECTED);
      expect(created.status).toBe(201);
      for (const state of AFFECTED) {
        const own = await as[state.toLowerCase()]!.post(`/api/incidents/${created.body.id}/assessments`, {
          memberState: state,
          level: 'significant',
        });
        expect(own.status).toBe(201);
      }
      expect((await as.ee!.post(`/api/incidents/${created.body.id}/activation`)).status).toBe(201);
      activated[key] = created.body.id;
    }
    expect((await natoNotifications(activated.released!)).map((n) => n.kind)).toEqual([
      'incident-reported',
      'activation',
    ]);
    expect(await natoNotifications(activated.kept!)).toEqual([]);
    const bell = await as.nato!.get<{ items: Notification[] }>('/api/notifications?open=true');
    expect(bell.body.items.filter((n) => n.kind === 'activation').map((n) => n.incidentId)).toEqual([
      activated.released,
    ]);
  });

  it('shows NATO on the roll call only where it was alerted, and to NATO only its own row', async () => {
    const rollCall = async (who: ApiClient, incidentId: string) =>
      who.get<RollCall>(`/api/incidents/${incidentId}/roll-call`);
    const erccReleased = await rollCall(as.ercc!, incidents.released);
    const natoRow = erccReleased.body.organisations.find((o) => o.organisation === 'NATO');
    expect(natoRow?.alerts.map((a) => a.kind)).toEqual([
      'incident-reported',
      'after-action-report-distributed',
      'sitrep-published',
    ]);
    const erccKept = await rollCall(as.ercc!, incidents.kept);
    expect(erccKept.body.organisations.map((o) => o.organisation)).not.toContain('NATO');
    const natoReleased = await rollCall(as.nato!, incidents.released);
    expect(natoReleased.status).toBe(200);
    expect(natoReleased.body.organisations.map((o) => o.organisation)).toEqual(['NATO']);
    expect((await rollCall(as.nato!, incidents.kept)).status).toBe(404);
  });
});
