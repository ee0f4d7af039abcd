import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { verifyAuditChain } from '../platform/audit/store.js';
import { ManualClock } from '../platform/clock.js';
import { inWrite } from '../platform/db/write.js';
import { defaultAudience } from '../sharing/entries.js';
import { appendEntry, type NewEntry } from './append.js';
import { findChangedEntry } from './hash.js';

describe.each(engines())('appending to the log on %s', (engine) => {
  const clock = new ManualClock('2026-11-28T08:00:00Z');
  let server: TestServer;
  let author = '';
  let incidentId = '';

  const note = (body: unknown) =>
    ({
      incidentId,
      kind: 'note',
      authorUserId: author,
      authorOrg: 'FI',
      marking: 'TLP:GREEN',
      audience: defaultAudience(),
      recipients: [],
      releasableToNato: false,
      body,
    }) as NewEntry;
  const append = (entry: NewEntry) =>
    inWrite(server.platform, { actor: { userId: author, organisation: 'FI' } }, (w) => appendEntry(w, entry));
  const entryCount = async () =>
    (
      await server.platform.db.kysely
        .selectFrom('entries')
        .select('id')
        .where('incident_id', '=', incidentId)
        .execute()
    ).length;
  const lastActivity = async () =>
    (
      await server.platform.db.kysely
        .selectFrom('incidents')
        .select('last_activity_at')
        .where('id', '=', incidentId)
        .executeTakeFirstOrThrow()
    ).last_activity_at;

  beforeAll(async () => {
    server = await startTestServer({ engine, clock });
    author = (
      await server.createUser({
        email: 'fi@example.eu',
        password: PASSWORD,
        organisation: 'FI',
        role: 'coordinator',
      })
    ).id;
    const fi = new ApiClient(server.url);
    await fi.login('fi@example.eu', PASSWORD);
    const reported = await fi.post<{ id: string }>('/api/incidents', {
      title: 'Grid outage',
      reportedBy: 'FI',
      occurredAt: '2026-11-28T07:00:00Z',
    });
    expect(reported.status).toBe(201);
    incidentId = reported.body.id;
  });
  afterAll(() => server?.close());

  it("moves the incident's last activity with every entry", async () => {
    clock.advance(60_000);
    await append(note({ text: 'Liaison officer on site', withheld: [] }));
    expect(new Date(await lastActivity()).toISOString()).toBe(clock.now().toISOString());
  });

  it('refuses a body that does not fit its kind, and writes nothing of it', async () => {
    const before = await entryCount();
    const activity = await lastActivity();
    clock.advance(60_000);
    await expect(append(note({ words: 'not a note' }))).rejects.toThrow(/note entry's body/);
    await expect(
      append({ ...note({}), kind: 'sitrep', body: { text: 'no number' } } as NewEntry),
    ).rejects.toThrow(/sitrep entry's body/);
    expect(await entryCount()).toBe(before);
    expect(await lastActivity()).toBe(activity);
  });

  it('stores the entry as written whatever its reach, so the chain still vouches for it', async () => {
    // The entry's row and its reach row have columns of the same names with different values (a RED entry's
    // audience, a repeated organisation): neither may take the other's.
    const shapes: NewEntry[] = [
      {
        ...note({ text: 'amber twice FI', withheld: [] }),
        marking: 'TLP:AMBER',
        audience: ['FI', 'FI', 'DE'],
      },
      {
        ...note({ text: 'red to the author', withheld: [] }),
        marking: 'TLP:RED',
        audience: ['FI'],
        recipients: [{ userId: author, email: 'fi@example.eu' }],
      },
      { ...note({ text: 'clear', withheld: [] }), marking: 'TLP:CLEAR' },
    ];
    for (const shape of shapes) {
      const appended = await append(shape);
      const row = await server.platform.db.kysely
        .selectFrom('entries')
        .selectAll()
        .where('id', '=', appended.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.audience)).toEqual([...shape.audience]);
      expect(row.marking).toBe(shape.marking);
    }
    const verified = await verifyAuditChain(server.platform.db.kysely, server.platform.auditKey, [
      findChangedEntry,
    ]);
    expect(verified.broken).toBeUndefined();
  });
});
