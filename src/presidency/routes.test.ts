import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import { totpCode } from '../accounts/secrets.js';
import type { Notification } from '../alerting/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { createJobs } from '../jobs.js';
import { ManualClock } from '../platform/clock.js';
import { headPosition } from '../platform/realtime/events.js';
import type { RegistryResponse } from '../registry/model.js';
import type { PresidencyCalendarState } from './model.js';

/** 31 December 2026, 20:00 UTC: Ireland holds the Presidency (2026-H2) for three more hours. */
const START = '2026-12-31T20:00:00.000Z';
/** 1 January 2027, 00:00 in Brussels, is 23:00 UTC the evening before: Lithuania takes over. */
const CHANGE = '2026-12-31T23:00:00.000Z';

describe.each(engines())('the Presidency calendar and the change of term on %s', (engine) => {
  let server: TestServer;
  const clock = new ManualClock(START);
  const as: Record<string, ApiClient> = {};
  let admin: ApiClient;
  let adminSecret = '';
  const ORGS = ['FI', 'EE', 'IE', 'LT', 'ERCC', 'DE'];

  /** Sessions end after a week: after moving the clock by years, everyone signs in again, at the clock's time. */
  async function signInAll() {
    for (const organisation of ORGS) {
      as[organisation] = new ApiClient(server.url);
      await as[organisation]!.login(`${organisation.toLowerCase()}@example.eu`, PASSWORD);
    }
    admin = new ApiClient(server.url);
    if (adminSecret) {
      await admin.login('admin@example.eu', PASSWORD, totpCode(adminSecret, clock.now().getTime()));
      return;
    }
    await admin.login('admin@example.eu', PASSWORD);
    const setup = await admin.post<{ secret: string }>('/api/me/second-factor/setup');
    adminSecret = setup.body.secret;
    const confirmed = await admin.post('/api/me/second-factor/confirm', {
      code: totpCode(adminSecret, clock.now().getTime()),
    });
    expect(confirmed.status).toBe(200);
  }

  beforeAll(async () => {
    server = await startTestServer({
      engine,
      clock,
      env: { SESSION_IDLE_MINUTES: String(24 * 60), SESSION_MAX_HOURS: String(24 * 7) },
    });
    for (const organisation of ORGS) {
      const email = `${organisation.toLowerCase()}@example.eu`;
      await server.createUser({ email, password: PASSWORD, organisation, role: 'coordinator' });
    }
    await server.createUser({
      email: 'admin@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
    await signInAll();
  });
  afterAll(() => server?.close());

  const entries = async (org: string, incidentId: string) =>
    (await as[org]!.get<{ items: Entry[] }>(`/api/incidents/${incidentId}/entries`)).body.items;

  it('entries addressed to PRESIDENCY follow the term; the streams and a handover note show the change', async () => {
    const created = await as.FI!.post<Incident>('/api/incidents', {
      title: 'Cable cut in the Gulf of Finland',
      reportedBy: 'FI',
      occurredAt: '2026-12-31T19:00:00Z',
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    expect(created.status).toBe(201);
    const incidentId = created.body.id;
    expect(created.body.presidency).toBe('IE');
    // A second significantly affected state: a decision is required, so the incident has open matters.
    const own = await as.EE!.post(`/api/incidents/${incidentId}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    expect(own.status).toBe(201);

    const note = await as.FI!.post<Entry>(`/api/incidents/${incidentId}/entries`, {
      kind: 'note',
      text: 'Repair ship ETA 48 h',
      marking: 'TLP:AMBER',
      audience: ['PRESIDENCY', 'ERCC'],
    });
    expect(note.status).toBe(201);
    expect(note.body.audience).toEqual(['ERCC', 'PRESIDENCY']);
    expect(note.body.resolvedAudience).toEqual(['ERCC', 'IE']);
    const noteId = note.body.id;

    const seen = await entries('IE', incidentId);
    expect(seen.find((e) => e.id === noteId)).toMatchObject({
      audience: ['ERCC', 'PRESIDENCY'],
      resolvedAudience: ['ERCC', 'IE'],
    });
    expect((await entries('LT', incidentId)).some((e) => e.id === noteId)).toBe(false);
    expect((await entries('DE', incidentId)).some((e) => e.id === noteId)).toBe(false);
    // Detail and the SQL-filtered list agree.
    expect((await as.IE!.get(`/api/incidents/${incidentId}/entries/${noteId}`)).status).toBe(200);
    expect((await as.LT!.get(`/api/incidents/${incidentId}/entries/${noteId}`)).status).toBe(404);

    const ieStream = new SseClient(`${server.url}/api/stream`, { cookie: as.IE!.cookie! });
    const ltStream = new SseClient(`${server.url}/api/stream`, { cookie: as.LT!.cookie! });
    expect(await ieStream.open()).toBe(200);
    expect(await ltStream.open()).toBe(200);

    // Where a stream that drops now resumes from: it catches up on the change of term after reconnecting.
    const before = String(await headPosition(server.platform.db.kysely));

    try {
      // Before the boundary nothing is due; past it, the change of term runs by the platform clock.
      clock.set(new Date(Date.parse(CHANGE) - 1));
      const jobs = createJobs(server.platform);
      await jobs.runDue();
      expect((await entries('LT', incidentId)).some((e) => e.id === noteId)).toBe(false);
      clock.set(new Date(Date.parse(CHANGE) + 1000));
      expect((await jobs.runDue()).done).toBeGreaterThanOrEqual(1);

      const lt = await ltStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === noteId);
      expect((lt.data as Entry).resolvedAudience).toEqual(['ERCC', 'LT']);
      await ieStream.waitFor(
        (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === noteId,
      );
      expect((await entries('LT', incidentId)).find((e) => e.id === noteId)?.resolvedAudience).toEqual([
        'ERCC',
        'LT',
      ]);
      expect((await entries('IE', incidentId)).some((e) => e.id === noteId)).toBe(false);
      // Search and export follow the same rule.
      const found = async (org: string) =>
        (
          await as[org]!.get<{ items: Array<{ entry: Entry | null }> }>('/api/search?q=repair')
        ).body.items.some((h) => h.entry?.id === noteId);
      expect(await found('LT')).toBe(true);
      expect(await found('IE')).toBe(false);
      const exported = async (audience: string) =>
        (
          await as.FI!.get<{ entries: Entry[] }>(`/api/incidents/${incidentId}/export?audience=${audience}`)
        ).body.entries.some((e) => e.id === noteId);
      expect(await exported('FI,LT,ERCC')).toBe(true);
      expect(await exported('FI,IE')).toBe(false);

      // The handover note: the outgoing and incoming Presidency and ERCC see it, nobody else.
      const handover = (await entries('LT', incidentId)).find((e) => e.kind === 'presidency-handover');
      expect(handover?.body).toMatchObject({
        from: 'IE',
        to: 'LT',
        term: '2027-H1',
        addressedToPresidency: 1,
      });
      expect(handover?.audience).toEqual(['ERCC', 'IE', 'LT']);
      expect((await entries('IE', incidentId)).some((e) => e.id === handover!.id)).toBe(true);
      expect((await entries('ERCC', incidentId)).some((e) => e.id === handover!.id)).toBe(true);
      expect((await entries('FI', incidentId)).some((e) => e.id === handover!.id)).toBe(false);
      await ltStream.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === handover!.id);

      const notified = (await as.LT!.get<{ items: Notification[] }>('/api/notifications')).body.items;
      expect(notified.some((n) => n.kind === 'presidency-handover' && n.incidentId === incidentId)).toBe(
        true,
      );

      // Everything that names the Presidency follows: the incident, the registry.
      expect((await as.FI!.get<Incident>(`/api/incidents/${incidentId}`)).body.presidency).toBe('LT');
      const registry = await as.FI!.get<RegistryResponse>('/api/registry');
      expect(registry.body.presidency.current).toMatchObject({ term: '2027-H1', memberState: 'LT' });
      expect(registry.body.presidency.next).toMatchObject({ term: '2027-H2', memberState: 'GR' });

      // Streams that were away during the change catch up on it by Last-Event-ID.
      const ltBack = new SseClient(`${server.url}/api/stream`, {
        cookie: as.LT!.cookie!,
        'last-event-id': before,
      });
      const ieBack = new SseClient(`${server.url}/api/stream`, {
        cookie: as.IE!.cookie!,
        'last-event-id': before,
      });
      expect(await ltBack.open()).toBe(200);
      expect(await ieBack.open()).toBe(200);
      try {
        await ltBack.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === noteId);
        await ieBack.waitFor(
          (e) => e.event === 'entry-withdrawn' && (e.data as { entryId: string }).entryId === noteId,
        );
      } finally {
        ltBack.close();
        ieBack.close();
      }

      // Running the jobs again hands nothing over twice.
      await jobs.runDue();
      expect((await entries('LT', incidentId)).filter((e) => e.kind === 'presidency-handover')).toHaveLength(
        1,
      );
    } finally {
      ieStream.close();
      ltStream.close();
    }
  });

  it('PRESIDENCY is refused where an organisation is meant, and NATO still is in an audience', async () => {
    const created = await as.FI!.post<Incident>('/api/incidents', {
      title: 'Substation fire',
      reportedBy: 'FI',
      occurredAt: '2027-01-01T08:00:00Z',
      audience: ['PRESIDENCY', 'ERCC'],
    });
    expect(created.status).toBe(201);
    const report = (await entries('LT', created.body.id)).find((e) => e.kind === 'report');
    expect(report?.resolvedAudience).toEqual(['ERCC', 'LT']);
    const nato = await as.FI!.post(`/api/incidents/${created.body.id}/entries`, {
      kind: 'note',
      text: 'x',
      marking: 'TLP:GREEN',
      audience: ['NATO'],
    });
    expect(nato.status).toBe(400);
  });

  it('administrators see the calendar and extend it with the next term, validated and audited', async () => {
    const state = await admin.get<PresidencyCalendarState>('/api/admin/presidency');
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      holder: { term: '2027-H1', memberState: 'LT' },
      runsOutAt: '2030-12-31T23:00:00.000Z',
      warningAt: '2029-12-31T23:00:00.000Z',
      runningOut: false,
      nextTerm: '2031-H1',
    });
    expect((await as.LT!.get('/api/admin/presidency')).status).toBe(403);
    expect((await as.LT!.post('/api/admin/presidency/terms', { term: '2031-H1', state: 'CY' })).status).toBe(
      403,
    );

    const gap = await admin.post<{ error: { field: string; message: string } }>(
      '/api/admin/presidency/terms',
      {
        term: '2031-H2',
        state: 'CY',
      },
    );
    expect(gap.status).toBe(400);
    expect(gap.body.error.field).toBe('term');
    const notAState = await admin.post<{ error: { field: string } }>('/api/admin/presidency/terms', {
      term: '2031-H1',
      state: 'NO',
    });
    expect(notAState.status).toBe(400);
    expect(notAState.body.error.field).toBe('state');

    const added = await admin.post('/api/admin/presidency/terms', { term: '2031-H1', state: 'cy' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      term: '2031-H1',
      memberState: 'CY',
      startsAt: '2030-12-31T23:00:00.000Z',
      endsAt: '2031-06-30T22:00:00.000Z',
    });
    const calendar = (await as.FI!.get<RegistryResponse>('/api/registry')).body.presidency.calendar;
    expect(calendar.at(-1)).toMatchObject({ term: '2031-H1', memberState: 'CY' });
    const audited = await server.platform.db.kysely
      .selectFrom('audit_records')
      .selectAll()
      .where('action', '=', 'presidency.term-added')
      .execute();
    expect(audited.map((r) => r.subject_id)).toEqual(['2031-H1']);
  });

  it('warns administrators a year before the calendar runs out, and alerts them when no Presidency holds office', async () => {
    const jobs = createJobs(server.platform);
    const adminNotices = async () =>
      (await admin.get<{ items: Notification[] }>('/api/notifications')).body.items.map((n) => n.kind);
    // The calendar now ends on 1 July 2031: the warning is due on 1 July 2030, 00:00 Brussels.
    clock.set('2030-06-30T21:59:00.000Z');
    await signInAll();
    await jobs.runDue();
    expect(await adminNotices()).not.toContain('presidency-calendar-running-out');
    clock.set('2030-06-30T22:00:01.000Z');
    await jobs.runDue();
    expect(await adminNotices()).toContain('presidency-calendar-running-out');
    // Coordinators are not told: keeping the calendar is the administrators' work.
    expect(
      (await as.FI!.get<{ items: Notification[] }>('/api/notifications')).body.items.map((n) => n.kind),
    ).not.toContain('presidency-calendar-running-out');

    // Past the last term: no Presidency, said out loud.
    clock.set('2031-06-30T22:00:01.000Z');
    await signInAll();
    await jobs.runDue();
    expect(await adminNotices()).toContain('presidency-vacant');
    const state = await admin.get<PresidencyCalendarState>('/api/admin/presidency');
    expect(state.body.holder).toMatchObject({ term: null, memberState: null });
    const registry = await as.FI!.get<RegistryResponse>('/api/registry');
    expect(registry.body.presidency.current).toBeNull();

    // Extending the calendar seats the new holder at once.
    expect((await admin.post('/api/admin/presidency/terms', { term: '2031-H2', state: 'IE' })).status).toBe(
      201,
    );
    expect((await admin.get<PresidencyCalendarState>('/api/admin/presidency')).body.holder).toMatchObject({
      term: '2031-H2',
      memberState: 'IE',
    });
  });
});
