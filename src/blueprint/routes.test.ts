import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Notification } from '../alerting/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident, IncidentSummary } from '../incidents/model.js';
import { presidencyAt } from '../registry/presidency.js';

const PRESIDENCY = presidencyAt(new Date())!.memberState;
const SIX = ['FI', 'EE', 'LV', 'LT', 'PL', 'SE'].filter((s) => s !== PRESIDENCY).slice(0, 6);

describe.each(engines())('the Blueprint workflow over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const inFuture = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

  beforeAll(async () => {
    server = await startTestServer({ engine });
    const people: Array<[string, string, 'coordinator' | 'viewer']> = [
      ...['FI', 'EE', 'LV', 'LT', 'PL', 'SE', 'DE'].map((o): [string, string, 'coordinator'] => [
        o.toLowerCase(),
        o,
        'coordinator',
      ]),
      ['presidency', PRESIDENCY, 'coordinator'],
      ['ercc', 'ERCC', 'coordinator'],
      ['eeviewer', 'EE', 'viewer'],
    ];
    for (const [key, organisation, role] of people) {
      await server.createUser({ email: `${key}@example.eu`, password: PASSWORD, organisation, role });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const report = (title: string) =>
    as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: new Date(Date.now() - 3600_000).toISOString(),
      cause: 'cyber',
      sectors: [{ sector: 'energy', subsector: 'electricity' }],
      impacts: [
        { memberState: 'FI', level: 'significant' },
        { memberState: 'EE', level: 'significant' },
      ],
    });

  it('confirms, consults, decides, activates, joins, deactivates and reopens (journey a)', async () => {
    const created = await report('Baltic grid disturbance');
    const id = created.body.id;
    expect(created.body.status).toBe('below-threshold');
    expect(created.body.assessment.unconfirmed).toEqual(['EE']);

    // EE is asked to confirm; its answer wins and acknowledges the request.
    const asked = await as.ee!.get<{ items: Notification[] }>('/api/notifications?open=true');
    expect(asked.body.items.find((n) => n.incidentId === id)?.kind).toBe('confirm-impact');
    const confirmed = await as.ee!.post<Incident>(`/api/incidents/${id}/assessments`, {
      memberState: 'EE',
      level: 'significant',
    });
    expect(confirmed.body.status).toBe('decision-required');
    expect(
      (await as.ee!.get<{ items: Notification[] }>('/api/notifications?open=true')).body.items.filter(
        (n) => n.incidentId === id && n.kind === 'confirm-impact',
      ),
    ).toEqual([]);

    // Nobody activates before the Blueprint applies; only the Presidency opens a consultation.
    expect((await as.fi!.post(`/api/incidents/${id}/activation`)).status).toBe(409);
    const proposal = { proposal: 'coordinate', deadline: inFuture(4) };
    expect((await as.fi!.post(`/api/incidents/${id}/consultations`, proposal)).status).toBe(403);
    const opened = await as.presidency!.post<Incident>(`/api/incidents/${id}/consultations`, {
      ...proposal,
      text: 'Coordinate at Union level.',
    });
    expect(opened.status).toBe(201);
    const consultation = opened.body.consultations[0]!;
    expect(consultation).toMatchObject({ procedure: 'silence', open: true });
    expect(consultation.procedure === 'silence' && consultation.consulted.map((c) => c.memberState)).toEqual([
      'EE',
      'FI',
    ]);
    expect((await as.presidency!.post(`/api/incidents/${id}/consultations`, proposal)).status).toBe(409);

    // Both consulted states consent, ERCC advises, and the Presidency concludes early.
    const path = `/api/incidents/${id}/consultations/${consultation.id}`;
    expect((await as.de!.post(`${path}/consent`, {})).status).toBe(403);
    expect((await as.eeviewer!.post(`${path}/consent`, {})).status).toBe(403);
    await as.ee!.post(`${path}/consent`, { text: 'grid operators agree' });
    expect((await as.presidency!.post(`${path}/conclusion`, {})).status).toBe(409);
    await as.fi!.post(`${path}/consent`, {});
    expect((await as.fi!.post(`${path}/advice`, { text: 'x' })).status).toBe(403);
    await as.ercc!.post(`${path}/advice`, { text: 'The Commission supports coordination.' });
    expect((await as.fi!.post(`${path}/conclusion`, {})).status).toBe(403);
    const decided = await as.presidency!.post<Incident>(`${path}/conclusion`, {
      text: 'Both affected states consent.',
    });
    expect(decided.status).toBe(201);
    const concluded = decided.body.consultations[0]!;
    expect(concluded.procedure === 'silence' && concluded.conclusion).toMatchObject({
      outcome: 'agreed',
      agreed: true,
      reason: 'all-answered',
      by: PRESIDENCY,
    });
    expect(decided.body.status).toBe('applies');
    expect(decided.body.assessment.triggers.find((t) => t.id === 'T3')?.met).toBe(true);

    // Activation by an affected state; the Presidency and ERCC are notified; the other affected state joins.
    expect((await as.de!.post(`/api/incidents/${id}/activation`)).status).toBe(403);
    const active = await as.fi!.post<Incident>(`/api/incidents/${id}/activation`);
    expect(active.status).toBe(201);
    expect(active.body.activation).toMatchObject({
      state: 'active',
      activatedBy: 'FI',
      presidency: PRESIDENCY,
    });
    for (const who of ['presidency', 'ercc', 'ee']) {
      const items = (await as[who]!.get<{ items: Notification[] }>('/api/notifications')).body.items;
      expect(
        items.some((n) => n.incidentId === id && n.kind === 'activation'),
        who,
      ).toBe(true);
    }
    const joined = await as.ee!.post<Incident>(`/api/incidents/${id}/activation`);
    expect(joined.body.activation.joinedBy).toEqual(['EE']);
    expect((await as.ee!.post(`/api/incidents/${id}/activation`)).status).toBe(409);
    const seenByPresidency = await as.presidency!.get<Incident>(`/api/incidents/${id}`);
    expect(seenByPresidency.body.blueprintState).toBe('active');

    const list = await as.de!.get<{ items: IncidentSummary[] }>(
      '/api/incidents?blueprint=active&sector=energy&memberState=EE',
    );
    expect(list.body.items.map((i) => i.id)).toContain(id);
    expect(
      (await as.de!.get<{ items: IncidentSummary[] }>('/api/incidents?sector=health')).body.items.map(
        (i) => i.id,
      ),
    ).not.toContain(id);

    expect((await as.de!.post(`/api/incidents/${id}/deactivation`, { summary: 'x' })).status).toBe(403);
    const closed = await as.presidency!.post<Incident>(`/api/incidents/${id}/deactivation`, {
      summary: 'Services restored.',
    });
    expect(closed.body.activation).toMatchObject({
      state: 'deactivated',
      closingSummary: 'Services restored.',
    });
    const reopened = await as.ee!.post<Incident>(`/api/incidents/${id}/reopening`, {
      reason: 'Second outage',
    });
    expect(reopened.body.activation.state).toBe('active');

    // The timeline records when the incident crossed which threshold.
    const entries = (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=status-change`))
      .body.items;
    expect(entries.map((e) => e.body.to)).toEqual(['below-threshold', 'decision-required', 'applies']);
  });

  it('a declined consultation keeps decision-required, shows the decision and allows a new one', async () => {
    const { body } = await report('Declined');
    await as.ee!.post(`/api/incidents/${body.id}/assessments`, { memberState: 'EE', level: 'significant' });
    const opened = await as.presidency!.post<Incident>(`/api/incidents/${body.id}/consultations`, {
      proposal: 'coordinate',
      deadline: inFuture(1),
    });
    const c = opened.body.consultations[0]!;
    const path = `/api/incidents/${body.id}/consultations/${c.id}`;
    expect((await as.fi!.post(`${path}/decline`, { text: 'x' })).status).toBe(403);
    expect((await as.presidency!.post(`${path}/decline`, {})).status).toBe(400);
    const decided = await as.presidency!.post<Incident>(`${path}/decline`, {
      text: 'National means suffice',
    });
    const declined = decided.body.consultations[0]!;
    expect(declined.procedure === 'silence' && declined.conclusion).toMatchObject({
      outcome: 'declined',
      agreed: false,
      text: 'National means suffice',
    });
    expect(decided.body.status).toBe('decision-required');
    expect((await as.fi!.post(`${path}/consent`, {})).status).toBe(409);
    expect(
      (
        await as.presidency!.post(`/api/incidents/${body.id}/consultations`, {
          proposal: 'coordinate',
          deadline: inFuture(2),
        })
      ).status,
    ).toBe(201);
  });

  it('six own assessments of significant impact make the Blueprint apply without a consultation (journey b)', async () => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Six-state blackout',
      reportedBy: 'FI',
      occurredAt: new Date().toISOString(),
      impacts: SIX.map((memberState) => ({ memberState, level: 'significant' })),
    });
    let last = created.body;
    for (const state of SIX.filter((s) => s !== 'FI')) {
      last = (
        await as[state.toLowerCase()]!.post<Incident>(`/api/incidents/${created.body.id}/assessments`, {
          memberState: state,
          level: 'significant',
        })
      ).body;
    }
    expect(last.status).toBe('applies');
    expect(last.assessment.triggers.find((t) => t.id === 'T1')?.met).toBe(true);
    expect(last.consultations).toEqual([]);
  });

  it("tracks each state's reporting stage from updates, and its entities' clocks for information", async () => {
    const { body } = await report('Reporting stages');
    const update = await as.ee!.post<Incident>(`/api/incidents/${body.id}/updates`, {
      stage: 'nis2-incident-notification',
      text: 'Malware identified on SCADA servers',
      impacts: [{ memberState: 'EE', level: 'minor', service: 'district heating' }],
      entities: [
        { name: 'Tallinn district heating', sector: 'energy', subsector: 'district-heating-cooling' },
      ],
    });
    expect(update.status).toBe(201);
    expect(update.body.assessment.minorlyAffected).toEqual(['EE']);
    const ee = update.body.reporting.find((r) => r.memberState === 'EE')!;
    expect(ee).toEqual({
      memberState: 'EE',
      current: 'nis2-incident-notification',
      lastUpdateAt: expect.any(String),
    });
    expect(update.body.reporting.find((r) => r.memberState === 'FI')?.current).toBe(
      'cer-initial-notification',
    );
    // The report's cause is cyber: an energy entity reports under CER and NIS2; the clock is its own.
    const heating = update.body.reportingClocks.find((c) => c.entity === 'Tallinn district heating')!;
    expect(heating.reportedBy).toBe('EE');
    expect(heating.regimes.map((r) => r.regime)).toEqual(['cer', 'nis2']);
    expect(JSON.stringify(update.body)).not.toMatch(/overdue|late/i);
    const foreign = await as.ee!.post(`/api/incidents/${body.id}/updates`, {
      stage: 'other',
      text: 'x',
      impacts: [{ memberState: 'FI', level: 'none', assessedBy: 'FI' }],
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { field: 'impacts[0].assessedBy' } });
  });

  it('merges a duplicate report without losing anything', async () => {
    const a = (await report('Cable A')).body;
    const b = (
      await as.ee!.post<Incident>('/api/incidents', {
        title: 'Cable B (same event)',
        reportedBy: 'EE',
        occurredAt: new Date().toISOString(),
        marking: 'TLP:AMBER',
        audience: ['EE', 'FI'],
        impacts: [{ memberState: 'EE', level: 'significant' }],
      })
    ).body;
    expect((await as.de!.post(`/api/incidents/${a.id}/merge`, { duplicateId: b.id })).status).toBe(403);
    // Only the duplicate's reporter (or ERCC) merges it away: FI, reporter of the target, may not.
    expect((await as.fi!.post(`/api/incidents/${a.id}/merge`, { duplicateId: b.id })).status).toBe(403);
    const merged = await as.ee!.post<Incident>(`/api/incidents/${a.id}/merge`, { duplicateId: b.id });
    expect(merged.status).toBe(201);
    expect(merged.body.assessment.significantlyAffected).toEqual(['EE', 'FI']);
    expect(merged.body.status).toBe('decision-required');
    const deEntries = (await as.de!.get<{ items: Entry[] }>(`/api/incidents/${a.id}/entries?kind=report`))
      .body.items;
    expect(deEntries).toHaveLength(1);
    const eeEntries = (await as.ee!.get<{ items: Entry[] }>(`/api/incidents/${a.id}/entries?kind=report`))
      .body.items;
    expect(eeEntries.map((e) => e.marking).sort()).toEqual(['TLP:AMBER', 'TLP:GREEN']);
    expect((await as.ee!.get<Incident>(`/api/incidents/${b.id}`)).body.mergedInto).toBe(a.id);
    expect(
      (await as.ee!.post(`/api/incidents/${b.id}/assessments`, { memberState: 'EE', level: 'minor' })).status,
    ).toBe(409);
    expect(
      (await as.de!.get<{ items: IncidentSummary[] }>('/api/incidents')).body.items.map((i) => i.id),
    ).not.toContain(b.id);
  });

  it('records existing EU mechanisms with their case reference, and suggests the ones the facts point to', async () => {
    const { body } = await report('Mechanisms');
    expect(body.mechanisms.suggested).toEqual([
      'csirts-network',
      'eu-cyclone',
      'electricity-coordination-group',
    ]);
    const bad = await as.ee!.post(`/api/incidents/${body.id}/mechanisms`, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'party',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'mode' } });
    // ERCC records the Electricity Coordination Group for the Commission's energy directorate, which has no account.
    const ipcr = await as.ercc!.post<Incident>(`/api/incidents/${body.id}/mechanisms`, {
      mechanism: 'electricity-coordination-group',
      state: 'activated',
      reference: 'ECG-2026-114',
    });
    expect(ipcr.status).toBe(201);
    expect(ipcr.body.mechanisms.active).toEqual([
      expect.objectContaining({ mechanism: 'electricity-coordination-group', reference: 'ECG-2026-114' }),
    ]);
    expect(ipcr.body.mechanisms.suggested).not.toContain('electricity-coordination-group');
    const picture = await as.de!.get<{ keyFigures: { mechanisms: Array<{ mechanism: string }> } }>(
      `/api/incidents/${body.id}/picture`,
    );
    expect(picture.body.keyFigures.mechanisms.map((m) => m.mechanism)).toEqual([
      'electricity-coordination-group',
    ]);
    const stood = await as.ercc!.post<Incident>(`/api/incidents/${body.id}/mechanisms`, {
      mechanism: 'electricity-coordination-group',
      state: 'deactivated',
    });
    expect(stood.body.mechanisms.active).toEqual([]);
    expect(
      (
        await as.eeviewer!.post(`/api/incidents/${body.id}/mechanisms`, {
          mechanism: 'ucpm',
          state: 'activated',
        })
      ).status,
    ).toBe(403);
  });

  it('keeps drafts private to their author', async () => {
    const saved = await as.fi!.post<{ id: string; title: string }>('/api/report-drafts', {
      body: { title: 'Half-written' },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.title).toBe('Half-written');
    expect(
      (await as.fi!.put(`/api/report-drafts/${saved.body.id}`, { body: { title: 'Better' } })).status,
    ).toBe(200);
    expect((await as.ee!.put(`/api/report-drafts/${saved.body.id}`, { body: { title: 'x' } })).status).toBe(
      404,
    );
    expect((await as.ee!.get<{ items: unknown[] }>('/api/report-drafts')).body.items).toEqual([]);
    expect((await as.fi!.delete(`/api/report-drafts/${saved.body.id}`)).status).toBe(204);
  });
});
