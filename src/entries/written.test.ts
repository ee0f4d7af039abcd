/**
 * A new entry is answered from what its write stored, not read back: the answer must be exactly what reading the
 * entry right afterwards returns, for every shape of reach the answer is built for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { Incident } from '../incidents/model.js';
import type { SharingGroup } from '../sharing/model.js';
import type { Entry } from './model.js';

describe.each(engines())('the answer to a new entry on %s', (engine) => {
  let server: TestServer;
  const as: Record<string, ApiClient> = {};
  let incident: Incident;

  beforeAll(async () => {
    server = await startTestServer({ engine });
    for (const [key, organisation] of [
      ['fi', 'FI'],
      ['de', 'DE'],
    ] as const) {
      await server.createUser({
        email: `${key}@example.eu`,
        password: PASSWORD,
        organisation,
        role: 'coordinator',
        displayName: `Coordinator ${key}`,
      });
      as[key] = new ApiClient(server.url);
      await as[key]!.login(`${key}@example.eu`, PASSWORD);
    }
    incident = (
      await as.fi!.post<Incident>('/api/incidents', {
        title: 'Substation fire',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T06:00:00Z',
        releasableToNato: true,
      })
    ).body;
  });
  afterAll(() => server?.close());

  /** Posts as FI and checks the answer against FI's read of the same entry. */
  async function answeredAsRead(body: Record<string, unknown>): Promise<Entry> {
    const posted = await as.fi!.post<Entry>(`/api/incidents/${incident.id}/entries`, body);
    expect(posted.status).toBe(201);
    const read = await as.fi!.get<Entry>(`/api/incidents/${incident.id}/entries/${posted.body.id}`);
    expect(read.status).toBe(200);
    expect(posted.body).toEqual(read.body);
    return posted.body;
  }

  it('answers a note, a withheld one, a NATO-releasable one and a duplicate audience as they read', async () => {
    const plain = await answeredAsRead({
      kind: 'note',
      text: 'Crews on site',
      marking: 'TLP:GREEN',
      audience: ['DE', 'FI', 'DE'],
    });
    expect(plain.author.name).toBe('Coordinator fi');
    expect(plain.audience).toEqual(['DE', 'FI']);
    await answeredAsRead({
      kind: 'note',
      text: 'Operator named in confidence',
      marking: 'TLP:AMBER',
      audience: ['FI', 'DE'],
      withheld: [{ field: 'text', reason: 'national-security' }],
    });
    const nato = await answeredAsRead({
      kind: 'note',
      text: 'For the liaison too',
      marking: 'TLP:GREEN',
      releasableToNato: true,
    });
    expect(nato.releasableToNato).toBe(true);
  });

  it('answers an entry shared with a group, and a correction inheriting the group, as they read', async () => {
    const group = await as.fi!.post<SharingGroup>('/api/sharing-groups', {
      name: 'Grid cell',
      members: ['FI', 'DE'],
      hiddenMembership: false,
    });
    expect(group.status).toBe(201);
    const shared = await answeredAsRead({
      kind: 'note',
      text: 'Group only',
      marking: 'TLP:AMBER',
      sharingGroup: group.body.id,
    });
    expect(shared.sharingGroup).toEqual({ id: group.body.id, name: 'Grid cell' });
    const corrected = await answeredAsRead({
      kind: 'note',
      text: 'Group only, corrected',
      marking: 'TLP:AMBER',
      audience: [],
      supersedes: shared.id,
    });
    expect(corrected.supersedes).toBe(shared.id);
    expect(corrected.sharingGroup).toEqual({ id: group.body.id, name: 'Grid cell' });
  });
});
