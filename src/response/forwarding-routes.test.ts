import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';
import type { EntryForwarding, Forward, ForwardPreview, IncidentForwards } from './forwarding-model.js';

// 2026 H2: Ireland holds the Council Presidency.
const NOW = '2026-11-02T09:00:00.000Z';
const SECRET_ENTITY = 'Kaapeli Verkot Oy landing station';
const RESTRICTED_TEXT = 'Divers found a charge on the second cable near Porkkala';

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe.each(engines())('report once: forwarding an entry to an engaged mechanism on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let id = '';
  const updates: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ engine, clock: new ManualClock(NOW) });
    for (const organisation of ['FI', 'DE', 'IE', 'ERCC', 'EEAS', 'EUROPOL', 'GSC']) {
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
    const incident = await as.fi!.post<Incident>('/api/incidents', {
      title: 'Gulf of Finland cable cut',
      reportedBy: 'FI',
      occurredAt: '2026-11-02T07:00:00+02:00',
      cause: 'hybrid',
      suspectedDeliberate: true,
      impacts: [{ memberState: 'FI', level: 'significant' }],
    });
    id = incident.body.id;
    for (const [who, mechanism, reference] of [
      ['ercc', 'ucpm', 'CECIS-2026-114'],
      ['eeas', 'hybrid-toolbox', null],
      ['europol', 'le-emergency-protocol', 'EUROPOL-OP-77'],
      ['ie', 'ipcr', null],
    ] as const) {
      const recorded = await as[who]!.post(`/api/incidents/${id}/mechanisms`, {
        mechanism,
        state: mechanism === 'ipcr' ? 'activated' : 'requested',
        ...(mechanism === 'ipcr' ? { mode: 'information-sharing' } : {}),
        ...(reference ? { reference } : {}),
      });
      expect(recorded.status).toBe(201);
    }
    const post = async (name: string, body: Record<string, unknown>) => {
      const before = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=update`);
      const res = await as.fi!.post(`/api/incidents/${id}/updates`, { stage: 'other', ...body });
      expect(res.status).toBe(201);
      const after = await as.fi!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=update`);
      updates[name] = after.body.items.find((e) => !before.body.items.some((b) => b.id === e.id))!.id;
    };
    await post('open', {
      text: 'Both cables to Estonia are cut; traffic rerouted over Sweden.',
      marking: 'TLP:GREEN',
      cause: 'hybrid',
      suspectedDeliberate: true,
      impacts: [
        { memberState: 'FI', level: 'significant', service: 'data links to Estonia', usersAffected: 120000 },
      ],
      entities: [{ name: SECRET_ENTITY, sector: 'digital-infrastructure', establishedIn: 'FI' }],
      withheld: [{ field: 'entities[0].name', reason: 'national-security' }],
    });
    await post('restricted', { text: RESTRICTED_TEXT, marking: 'TLP:AMBER', audience: ['EEAS'] });
    await post('red', {
      text: 'Name of the suspect vessel',
      marking: 'TLP:RED',
      recipients: ['eeas@example.eu'],
    });
  });
  afterAll(() => server?.close());

  it('offers only the engaged mechanisms the entry may go to, and only to its author organisation', async () => {
    const open = await as.fi!.get<EntryForwarding>(`/api/incidents/${id}/entries/${updates.open}/forwarding`);
    expect(open.status).toBe(200);
    expect(open.body.targets.map((t) => t.mechanism).sort()).toEqual(
      ['hybrid-toolbox', 'ipcr', 'le-emergency-protocol', 'ucpm'].sort(),
    );
    expect(open.body.targets.find((t) => t.mechanism === 'ipcr')!.recipients).toEqual(['IE', 'GSC']);
    const restricted = await as.fi!.get<EntryForwarding>(
      `/api/incidents/${id}/entries/${updates.restricted}/forwarding`,
    );
    expect(restricted.body.targets.map((t) => t.mechanism)).toEqual(['hybrid-toolbox']);
    const german = await as.de!.get<EntryForwarding>(
      `/api/incidents/${id}/entries/${updates.open}/forwarding`,
    );
    expect(german.body.targets).toEqual([]);
  });

  it("prepares each mechanism's form without anything its organisation may not see", async () => {
    const preview = await as.fi!.get<ForwardPreview>(
      `/api/incidents/${id}/entries/${updates.open}/forwarding/le-emergency-protocol`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ format: 'law-enforcement-summary', recipients: ['EUROPOL'] });
    expect(preview.body.summary.text).toContain('Europol — law-enforcement summary');
    expect(preview.body.summary.text).toContain('Case reference: EUROPOL-OP-77');
    expect(preview.body.summary.text).toContain('Deliberate act suspected: yes');
    expect(preview.body.summary.text).toContain('Withheld by FI: entities[0].name (national-security)');
    // The author's own organisation sees the name; the summary for Europol never carries it.
    expect(JSON.stringify(preview.body)).not.toContain(SECRET_ENTITY);
    expect(preview.body.summary.data).toMatchObject({
      marking: 'TLP:GREEN',
      from: 'FI',
      reference: 'EUROPOL-OP-77',
    });

    const cecis = await as.fi!.get<ForwardPreview>(
      `/api/incidents/${id}/entries/${updates.open}/forwarding/ucpm`,
    );
    expect(cecis.body.summary.text).toContain('UCPM — request summary for CECIS');
    expect(cecis.body.summary.text).toContain('- FI: significant — data links to Estonia, 120000 users');
    expect(cecis.body.summary.data.impacts).toEqual([
      { memberState: 'FI', level: 'significant', service: 'data links to Estonia', usersAffected: 120000 },
    ]);
  });

  it('records the forward once, in the log and the audit chain, shown on the entry and the engagement', async () => {
    const headers = { 'idempotency-key': `forward-${engine}` };
    const sent = await as.fi!.post<Forward>(
      `/api/incidents/${id}/entries/${updates.open}/forwards`,
      { mechanism: 'ucpm' },
      headers,
    );
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      entryId: updates.open,
      mechanism: 'ucpm',
      format: 'cecis-request-summary',
      recipients: ['ERCC'],
      reference: 'CECIS-2026-114',
      forwardedBy: { organisation: 'FI' },
      forwardedAt: NOW,
      marking: 'TLP:GREEN',
    });
    const replay = await as.fi!.post<Forward>(
      `/api/incidents/${id}/entries/${updates.open}/forwards`,
      { mechanism: 'ucpm' },
      headers,
    );
    expect(replay.body.id).toBe(sent.body.id);
    const again = await as.fi!.post<ErrorBody>(`/api/incidents/${id}/entries/${updates.open}/forwards`, {
      mechanism: 'ucpm',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already-forwarded');

    // ERCC, which receives for UCPM, sees what went, and it holds nothing FI withheld.
    const ercc = await as.ercc!.get<IncidentForwards>(`/api/incidents/${id}/forwards`);
    expect(ercc.body.items.map((f) => f.id)).toEqual([sent.body.id]);
    // Germany sees Finland's update, not what Finland sent to UCPM: a forward is for the parties to it.
    expect((await as.de!.get<IncidentForwards>(`/api/incidents/${id}/forwards`)).body.items).toEqual([]);
    expect(JSON.stringify(ercc.body)).not.toContain(SECRET_ENTITY);
    const log = await as.ercc!.get<{ items: Entry[] }>(`/api/incidents/${id}/entries?kind=forwarded`);
    expect(log.body.items).toHaveLength(1);
    expect(JSON.stringify(log.body.items[0]!.body)).not.toContain(SECRET_ENTITY);
    const onEntry = await as.ercc!.get<EntryForwarding>(
      `/api/incidents/${id}/entries/${updates.open}/forwarding`,
    );
    expect(onEntry.body.forwarded.map((f) => f.mechanism)).toEqual(['ucpm']);
    expect(onEntry.body.targets).toEqual([]);
    // No longer offered there: report once.
    const left = await as.fi!.get<EntryForwarding>(`/api/incidents/${id}/entries/${updates.open}/forwarding`);
    expect(left.body.targets.map((t) => t.mechanism)).not.toContain('ucpm');

    const audited = await server.platform.db.kysely
      .selectFrom('audit_records')
      .select(['details'])
      .where('subject_id', '=', sent.body.id)
      .execute();
    expect(audited.map((a) => JSON.parse(String(a.details)))).toEqual([
      expect.objectContaining({ kind: 'forwarded', incidentId: id }),
    ]);
  });

  it('never forwards a restricted entry to a wider audience, nor a TLP:RED one at all', async () => {
    const wider = await as.fi!.post<ErrorBody>(
      `/api/incidents/${id}/entries/${updates.restricted}/forwards`,
      {
        mechanism: 'ucpm',
      },
    );
    expect(wider.status).toBe(409);
    expect(wider.body.error).toMatchObject({ code: 'beyond-audience', field: 'mechanism' });
    expect(wider.body.error.message).toContain('ERCC');
    const preview = await as.fi!.get<ErrorBody>(
      `/api/incidents/${id}/entries/${updates.restricted}/forwarding/ucpm`,
    );
    expect(preview.status).toBe(409);
    const ipcr = await as.fi!.post<ErrorBody>(`/api/incidents/${id}/entries/${updates.restricted}/forwards`, {
      mechanism: 'ipcr',
    });
    expect(ipcr.status).toBe(409);
    expect(ipcr.body.error.message).toMatch(/IE, GSC|IE/);

    const within = await as.fi!.post<Forward>(`/api/incidents/${id}/entries/${updates.restricted}/forwards`, {
      mechanism: 'hybrid-toolbox',
    });
    expect(within.status).toBe(201);
    expect(within.body).toMatchObject({ recipients: ['EEAS'], marking: 'TLP:AMBER' });
    expect(within.body.summary.text).toContain(RESTRICTED_TEXT);
    // The forward stays within the entry's reach: ERCC and Germany see neither the entry nor that it went.
    for (const who of ['ercc', 'de']) {
      const list = await as[who]!.get<IncidentForwards>(`/api/incidents/${id}/forwards`);
      expect(list.body.items.map((f) => f.id)).not.toContain(within.body.id);
      expect(JSON.stringify(list.body)).not.toContain(RESTRICTED_TEXT);
    }
    const eeas = await as.eeas!.get<IncidentForwards>(`/api/incidents/${id}/forwards`);
    expect(eeas.body.items.map((f) => f.id)).toContain(within.body.id);

    const red = await as.fi!.post<ErrorBody>(`/api/incidents/${id}/entries/${updates.red}/forwards`, {
      mechanism: 'hybrid-toolbox',
    });
    expect(red.status).toBe(409);
    expect(red.body.error.code).toBe('red-not-forwarded');
  });

  it('forwards once when the same forward arrives many times at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        as.fi!.post<ErrorBody>(`/api/incidents/${id}/entries/${updates.open}/forwards`, {
          mechanism: 'le-emergency-protocol',
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(
      Array(7).fill('already-forwarded'),
    );
    const europol = await as.europol!.get<IncidentForwards>(`/api/incidents/${id}/forwards`);
    expect(europol.body.items.map((f) => f.mechanism)).toEqual(['le-emergency-protocol']);
  });

  it('refuses a mechanism not engaged, an unknown one, and anyone but the author organisation', async () => {
    const path = `/api/incidents/${id}/entries/${updates.open}/forwards`;
    const notEngaged = await as.fi!.post<ErrorBody>(path, { mechanism: 'euspa-gsmc' });
    expect(notEngaged.status).toBe(409);
    expect(notEngaged.body.error.code).toBe('not-engaged');
    const unknown = await as.fi!.post<ErrorBody>(path, { mechanism: 'carrier-pigeons' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('mechanism');
    const german = await as.de!.post<ErrorBody>(path, { mechanism: 'hybrid-toolbox' });
    expect(german.status).toBe(403);
    const hidden = await as.de!.post<ErrorBody>(
      `/api/incidents/${id}/entries/${updates.restricted}/forwards`,
      {
        mechanism: 'hybrid-toolbox',
      },
    );
    expect(hidden.status).toBe(404);
  });
});
