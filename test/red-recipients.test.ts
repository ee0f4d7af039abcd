// TLP:RED recipients are accounts, resolved when the reach is written (CONTRACT "Who sees what"): an address with no
// active account is refused, and an account registered later with a named address inherits nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientOption } from '../src/accounts/model.js';
import type { Entry } from '../src/entries/model.js';
import type { Incident } from '../src/incidents/model.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, signInEnrolled, startTestServer, type TestServer } from './support/server.js';

const PEOPLE = {
  fi: {
    email: 'aino.virtanen@fi.example.eu',
    organisation: 'FI',
    role: 'coordinator',
    name: 'Aino Virtanen',
  },
  de: { email: 'jonas.becker@de.example.eu', organisation: 'DE', role: 'coordinator', name: 'Jonas Becker' },
  deViewer: { email: 'lena.koch@de.example.eu', organisation: 'DE', role: 'viewer', name: 'Lena Koch' },
  deAdmin: { email: 'org.admin@de.example.eu', organisation: 'DE', role: 'org-admin', name: 'DE org-admin' },
  nato: { email: 'liaison@nato.example.int', organisation: 'NATO', role: 'viewer', name: 'NATO liaison' },
  root: { email: 'root@ercc.example.eu', organisation: 'ERCC', role: 'admin', name: 'Platform admin' },
} as const;
type Key = keyof typeof PEOPLE;

describe.each(engines())('TLP:RED recipients are accounts, on %s', (engine) => {
  let server: TestServer;
  const as = {} as Record<Key, ApiClient>;
  const ids = {} as Record<Key, string>;
  let incident: Incident;
  let n = 0;

  const entries = () => `/api/incidents/${incident.id}/entries`;
  const red = (recipients: string[], extra: Record<string, unknown> = {}) =>
    as.fi.post<Entry>(entries(), {
      kind: 'note',
      text: `Vessel name ${++n}`,
      marking: 'TLP:RED',
      recipients,
      ...extra,
    });
  const signIn = async (email: string) => {
    const client = new ApiClient(server.url);
    await client.login(email, PASSWORD);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, p] of Object.entries(PEOPLE) as [Key, (typeof PEOPLE)[Key]][]) {
      ids[key] = (
        await server.createUser({
          email: p.email,
          password: PASSWORD,
          organisation: p.organisation,
          role: p.role,
          displayName: p.name,
        })
      ).id;
      as[key] =
        p.role === 'admin' || p.role === 'org-admin'
          ? await signInEnrolled(server, p.email)
          : await signIn(p.email);
    }
    incident = (
      await as.fi.post<Incident>('/api/incidents', {
        title: 'Cable cut in the Gulf of Finland',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato: true,
        impacts: [{ memberState: 'FI', level: 'minor' }],
      })
    ).body;
  });
  afterAll(() => server?.close());

  it('refuses an address with no account, and an account registered for it later reads nothing', async () => {
    const refused = await red([PEOPLE.de.email, 'Newcomer@de.example.eu']);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 'invalid',
        field: 'recipients[1]',
        message: 'recipients[1]: no active account "Newcomer@de.example.eu" may receive TLP:RED',
      },
    });
    const kept = await red([PEOPLE.de.email]);
    expect(kept.status).toBe(201);

    // Another organisation's org-admin registers the address: the new account gets nothing.
    const created = await as.deAdmin.post<{ id: string }>('/api/users', {
      email: 'newcomer@de.example.eu',
      displayName: 'Newcomer',
      organisation: 'DE',
      role: 'coordinator',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    const newcomer = await signIn('newcomer@de.example.eu');
    const list = await newcomer.get<{ items: Entry[] }>(entries());
    expect(list.status).toBe(200);
    expect(list.body.items.filter((e) => e.marking === 'TLP:RED')).toEqual([]);
    expect((await newcomer.get(`${entries()}/${kept.body.id}`)).status).toBe(404);
  });

  it('lets the named account read the entry, shown as a person, and nobody else of its organisation', async () => {
    const posted = await red([PEOPLE.de.email.toUpperCase()]);
    expect(posted.status).toBe(201);
    expect(posted.body.recipients).toEqual([
      { userId: ids.de, name: 'Jonas Becker', organisation: 'DE', email: PEOPLE.de.email },
    ]);
    expect(posted.body.whoCanSee.people).toEqual(['Jonas Becker (DE)']);
    const read = await as.de.get<Entry>(`${entries()}/${posted.body.id}`);
    expect(read.status).toBe(200);
    // Recipients see one another as people; the addresses are the author's to see.
    expect(read.body.recipients).toEqual([{ userId: ids.de, name: 'Jonas Becker', organisation: 'DE' }]);
    expect((await as.deViewer.get(`${entries()}/${posted.body.id}`)).status).toBe(404);
  });

  it('gives a new account with a reused address none of the old account’s access', async () => {
    const email = 'duty.officer@de.example.eu';
    const old = await server.createUser({
      email,
      password: PASSWORD,
      organisation: 'DE',
      role: 'coordinator',
      displayName: 'Former duty officer',
    });
    const posted = await red([email]);
    expect(posted.status).toBe(201);
    const deactivated = await as.root.patch(`/api/users/${old.id}`, { active: false });
    expect(deactivated.status).toBe(200);
    // An inactive account may not be named.
    const toInactive = await red([email]);
    expect(toInactive.status).toBe(400);
    expect(toInactive.body).toMatchObject({ error: { field: 'recipients[0]' } });
    // The platform has no route to change an address; a mailbox handed to a successor looks like this.
    await server.platform.db.kysely
      .updateTable('users')
      .set({ email: 'former.duty.officer@de.example.eu' })
      .where('id', '=', old.id)
      .execute();
    await server.createUser({ email, password: PASSWORD, organisation: 'DE', role: 'coordinator' });
    const successor = await signIn(email);
    expect((await successor.get(`${entries()}/${posted.body.id}`)).status).toBe(404);
    const list = await successor.get<{ items: Entry[] }>(entries());
    expect(list.body.items.map((e) => e.id)).not.toContain(posted.body.id);
    // The author still sees whom it was for: the old account.
    const mine = await as.fi.get<Entry>(`${entries()}/${posted.body.id}`);
    expect(mine.body.recipients.map((r) => r.userId)).toEqual([old.id]);
  });

  it('never names a platform admin', async () => {
    const res = await red([PEOPLE.de.email, PEOPLE.root.email]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { field: 'recipients[1]' } });
    const offered = await as.fi.get<{ items: RecipientOption[] }>('/api/recipients?q=root');
    expect(offered.body.items).toEqual([]);
  });

  it("names the NATO liaison's people only with releasableToNato", async () => {
    const without = await red([PEOPLE.nato.email]);
    expect(without.status).toBe(400);
    expect(without.body).toMatchObject({ error: { field: 'recipients[0]' } });
    const withFlag = await red([PEOPLE.nato.email], { releasableToNato: true });
    expect(withFlag.status).toBe(201);
    expect((await as.nato.get(`${entries()}/${withFlag.body.id}`)).status).toBe(200);
    // The NATO liaison's organisation-wide access is untouched: the RED entry is for the person only.
    expect(withFlag.body.releasableToNato).toBe(false);

    const plain = await as.fi.get<{ items: RecipientOption[] }>('/api/recipients?q=liaison');
    expect(plain.status).toBe(200);
    expect(plain.body.items).toEqual([]);
    const nato = await as.fi.get<{ items: RecipientOption[] }>('/api/recipients?q=liaison&nato=true');
    expect(nato.body.items).toEqual([
      { userId: ids.nato, name: 'NATO liaison', organisation: 'NATO', email: PEOPLE.nato.email },
    ]);
  });

  it('resolves recipients of reach changes and RED attachments too', async () => {
    const note = await as.fi.post<Entry>(entries(), {
      kind: 'note',
      text: 'Repair ship',
      marking: 'TLP:AMBER',
    });
    const raised = await as.fi.post(`${entries()}/${note.body.id}/reach`, {
      marking: 'TLP:RED',
      recipients: ['nobody@de.example.eu'],
    });
    expect(raised.status).toBe(400);
    expect(raised.body).toMatchObject({ error: { field: 'recipients[0]' } });
    const redNote = await red([PEOPLE.de.email]);
    const upload = (recipients: string) =>
      as.fi.request(
        'POST',
        `${entries()}/${redNote.body.id}/attachments?name=track.txt&marking=TLP:RED&recipients=${encodeURIComponent(recipients)}`,
        'track',
        { 'content-type': 'text/plain' },
      );
    const unknown = await upload('ghost@de.example.eu');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { field: 'recipients[0]' } });
    expect((await upload(PEOPLE.de.email)).status).toBe(201);
    const seen = await as.de.get<Entry>(`${entries()}/${redNote.body.id}`);
    expect(seen.body.attachments.map((a) => a.fileName)).toEqual(['track.txt']);
  });

  it('offers coordinators the people of the participating organisations, with name and organisation', async () => {
    const res = await as.fi.get<{ items: RecipientOption[] }>('/api/recipients?q=de.example');
    expect(res.status).toBe(200);
    const names = res.body.items.map((p) => `${p.name} (${p.organisation})`);
    expect(names).toEqual(
      expect.arrayContaining(['Jonas Becker (DE)', 'Lena Koch (DE)', 'DE org-admin (DE)']),
    );
    // Deactivated people are not offered.
    expect(names).not.toContain('Former duty officer (DE)');
    // Viewers write nothing, so they name nobody.
    expect((await as.deViewer.get('/api/recipients?q=a')).status).toBe(403);
  });
});
