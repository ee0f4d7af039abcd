import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Notification } from '../alerting/model.js';
import type { Incident } from '../incidents/model.js';
import type { Picture } from '../picture/model.js';
import { ManualClock } from '../platform/clock.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';
const PRESIDENCY = 'IE';

describe.each(engines())('recording mechanisms and the response over HTTP on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  const clock = new ManualClock(NOW);

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    for (const organisation of ['FI', 'EE', PRESIDENCY, 'GSC', 'ERCC', 'EEAS']) {
      const key = organisation.toLowerCase();
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
  });
  afterAll(() => server?.close());

  const report = async (title: string, fields: Record<string, unknown> = {}) => {
    const created = await as.fi!.post<Incident>('/api/incidents', {
      title,
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      impacts: [{ memberState: 'FI', level: 'significant' }],
      ...fields,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  const mechanism = (who: string, id: string, body: Record<string, unknown>) =>
    as[who]!.post<Incident>(`/api/incidents/${id}/mechanisms`, body);
  const openNotifications = async (who: string, id: string) =>
    (await as[who]!.get<{ items: Notification[] }>('/api/notifications?open=true')).body.items.filter(
      (n) => n.incidentId === id,
    );

  it('refuses IPCR modes to anyone but the Presidency, and lets the GSC record information sharing in consultation with it', async () => {
    const id = await report('Gulf of Finland cable cut');
    const byFinland = await mechanism('fi', id, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'information-sharing',
    });
    expect(byFinland.status).toBe(403);
    expect(byFinland.body).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      (await mechanism('gsc', id, { mechanism: 'ipcr', state: 'activated', mode: 'full-activation' })).status,
    ).toBe(403);
    // Monitoring is the default watch, not a mode anyone records.
    const monitoring = await mechanism(PRESIDENCY.toLowerCase(), id, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'monitoring',
    });
    expect(monitoring.status).toBe(400);
    expect(monitoring.body).toMatchObject({ error: { field: 'mode' } });

    const byGsc = await mechanism('gsc', id, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'information-sharing',
      reference: 'IPCR-2026-031',
    });
    expect(byGsc.status).toBe(201);
    expect(byGsc.body.mechanisms.active).toEqual([
      expect.objectContaining({
        mechanism: 'ipcr',
        mode: 'information-sharing',
        by: 'GSC',
        inConsultationWithPresidency: true,
      }),
    ]);
    const told = await openNotifications(PRESIDENCY.toLowerCase(), id);
    expect(told.filter((n) => n.kind === 'ipcr-information-sharing')).toEqual([
      expect.objectContaining({ body: { by: 'GSC', mode: 'information-sharing' } }),
    ]);
    // Only the Presidency activates fully or stands IPCR down.
    expect((await mechanism('ercc', id, { mechanism: 'ipcr', state: 'deactivated' })).status).toBe(403);
    const full = await mechanism(PRESIDENCY.toLowerCase(), id, {
      mechanism: 'ipcr',
      state: 'activated',
      mode: 'full-activation',
    });
    expect(full.status).toBe(201);
    expect(full.body.mechanisms.active[0]).toMatchObject({
      mode: 'full-activation',
      by: PRESIDENCY,
      inConsultationWithPresidency: false,
    });
  });

  it('says to each reader which mechanisms they may record, as the command decides', async () => {
    const id = await report('Abilities');
    const ability = async (who: string, mechanismId: string) =>
      (await as[who]!.get<Incident>(`/api/incidents/${id}`)).body.abilities.mechanisms.find(
        (m) => m.mechanism === mechanismId,
      );
    expect(await ability('fi', 'ipcr')).toBeUndefined();
    expect(await ability('gsc', 'ipcr')).toEqual({
      mechanism: 'ipcr',
      activate: true,
      modes: ['information-sharing'],
      standDown: false,
    });
    expect(await ability(PRESIDENCY.toLowerCase(), 'ipcr')).toEqual({
      mechanism: 'ipcr',
      activate: true,
      modes: ['information-sharing', 'full-activation'],
      standDown: true,
    });
    expect(await ability('ercc', 'argus')).toMatchObject({ activate: true, standDown: true });
    expect(await ability('eeas', 'argus')).toBeUndefined();
    expect(await ability('fi', 'solidarity-clause')).toMatchObject({ activate: true });
  });

  it('lets ERCC record for the Commission’s services without an account, and no one else', async () => {
    const id = await report('ARGUS and the gas group');
    expect((await mechanism('fi', id, { mechanism: 'argus', state: 'activated' })).status).toBe(403);
    expect(
      (await mechanism('eeas', id, { mechanism: 'gas-coordination-group', state: 'activated' })).status,
    ).toBe(403);
    expect((await mechanism('ercc', id, { mechanism: 'argus', state: 'activated' })).status).toBe(201);
    const group = await mechanism('ercc', id, { mechanism: 'gas-coordination-group', state: 'activated' });
    expect(group.body.mechanisms.active.map((m) => m.mechanism)).toEqual(['argus', 'gas-coordination-group']);
    expect((await mechanism('eeas', id, { mechanism: 'hybrid-toolbox', state: 'activated' })).status).toBe(
      201,
    );
  });

  it('invoking the solidarity clause records full IPCR activation and tells the Presidency, GSC and ERCC', async () => {
    const id = await report('Solidarity clause');
    const invoked = await mechanism('fi', id, { mechanism: 'solidarity-clause', state: 'activated' });
    expect(invoked.status).toBe(201);
    expect(invoked.body.mechanisms.active.map((m) => [m.mechanism, m.mode])).toEqual([
      ['solidarity-clause', null],
      ['ipcr', 'full-activation'],
    ]);
    for (const who of [PRESIDENCY.toLowerCase(), 'gsc', 'ercc'])
      expect((await openNotifications(who, id)).map((n) => n.kind)).toContain('solidarity-clause-invoked');
  });

  it('records the CER Art. 15 steps a member state took, for information', async () => {
    const id = await report('CER steps');
    const six = ['FI', 'EE', 'LV', 'LT', 'PL', 'SE'];
    const notified = await as.fi!.post<Incident>(`/api/incidents/${id}/cer-steps`, {
      kind: 'cer-commission-notified',
      memberStates: six,
      text: 'Notified DG HOME by e-mail',
    });
    expect(notified.status).toBe(201);
    const informed = await as.fi!.post<Incident>(`/api/incidents/${id}/cer-steps`, {
      kind: 'cer-spoc-informed',
      memberStates: ['EE', 'FI'],
    });
    expect(informed.body.cerSteps).toEqual([
      {
        kind: 'cer-commission-notified',
        by: 'FI',
        at: NOW,
        memberStates: [...six].sort(),
        text: 'Notified DG HOME by e-mail',
      },
      { kind: 'cer-spoc-informed', by: 'FI', at: NOW, memberStates: ['EE'], text: '' },
    ]);
    // Everyone participating sees the steps.
    expect((await as.ercc!.get<Incident>(`/api/incidents/${id}`)).body.cerSteps).toHaveLength(2);
    const byErcc = await as.ercc!.post(`/api/incidents/${id}/cer-steps`, {
      kind: 'cer-spoc-informed',
      memberStates: ['EE'],
    });
    expect(byErcc.status).toBe(403);
    const badState = await as.fi!.post(`/api/incidents/${id}/cer-steps`, {
      kind: 'cer-spoc-informed',
      memberStates: ['EE', 'NO'],
    });
    expect(badState.status).toBe(400);
    expect(badState.body).toMatchObject({ error: { field: 'memberStates[1]' } });
  });

  it('a state says its own capacity is overwhelmed: UCPM is suggested with the reason, ERCC is told, the picture shows it', async () => {
    const id = await report('Capacity');
    const said = await as.ee!.post<Incident>(`/api/incidents/${id}/capacity`, {
      overwhelmed: true,
      text: 'No repair vessel',
    });
    expect(said.status).toBe(201);
    expect(said.body.capacityOverwhelmed).toEqual(['EE']);
    expect(said.body.mechanisms.suggestions).toContainEqual({
      mechanism: 'ucpm',
      role: 'assistance',
      mode: null,
      reason: 'capacity-overwhelmed',
      memberStates: ['EE'],
    });
    expect((await openNotifications('ercc', id)).map((n) => n.kind)).toContain('capacity-overwhelmed');
    const picture = (await as.fi!.get<Picture>(`/api/incidents/${id}/picture`)).body;
    expect(picture.capacityOverwhelmed).toEqual(['EE']);
    expect((await as.ee!.post(`/api/incidents/${id}/capacity`, { overwhelmed: true })).status).toBe(409);
    expect((await as.ercc!.post(`/api/incidents/${id}/capacity`, { overwhelmed: true })).status).toBe(403);
    const recovered = await as.ee!.post<Incident>(`/api/incidents/${id}/capacity`, { overwhelmed: false });
    expect(recovered.body.capacityOverwhelmed).toEqual([]);
    expect(recovered.body.mechanisms.suggested).not.toContain('ucpm');
  });

  it('points to the EU–NATO dialogue when international security is flagged, released to NATO or not', async () => {
    const id = await report('State actor suspected', { internationalSecurity: true });
    const incident = (await as.ee!.get<Incident>(`/api/incidents/${id}`)).body;
    expect(incident.releasableToNato).toBe(false);
    expect(incident.mechanisms.suggestions).toContainEqual({
      mechanism: 'eu-nato-dialogue',
      role: 'shared-awareness-nato',
      mode: null,
      reason: 'international-security',
      memberStates: [],
    });
  });
});
