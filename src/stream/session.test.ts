import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import { SseClient } from '../../test/support/sse.js';
import type { CreatedDisplayToken } from '../accounts/model.js';
import type { Entry } from '../entries/model.js';
import type { Incident } from '../incidents/model.js';
import { ManualClock } from '../platform/clock.js';

const stream = async (url: string, headers: Record<string, string>) => {
  const s = new SseClient(`${url}/api/stream`, headers);
  expect(await s.open()).toBe(200);
  return s;
};

describe.each(engines())('streams end with their session on %s', (engine) => {
  let server: TestServer;
  const client = () => new ApiClient(server.url);
  // Enrolled once: a second sign-in would need a code from the authenticator.
  let admin: Promise<ApiClient> | undefined;
  const orgAdmin = () => {
    admin ??= signInEnrolled(server, 'admin.fi@example.eu');
    return admin;
  };

  beforeAll(async () => {
    server = await startTestServer({ engine });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'admin.fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
    });
  });
  afterAll(() => server?.close());

  it('ends the streams of a session at sign-out, and only those', async () => {
    const tab = client();
    await tab.login('fi@example.eu', PASSWORD);
    const other = client();
    await other.login('fi@example.eu', PASSWORD);
    const [first, second, elsewhere] = [
      await stream(server.url, { cookie: tab.cookie! }),
      await stream(server.url, { cookie: tab.cookie! }),
      await stream(server.url, { cookie: other.cookie! }),
    ];
    expect((await tab.post('/api/auth/logout')).status).toBeLessThan(300);
    await first.ended();
    await second.ended();
    // The other session's stream still receives.
    const incident = (
      await other.post<Incident>('/api/incidents', {
        title: 'Still watching',
        reportedBy: 'FI',
        occurredAt: '2026-11-28T08:00:00Z',
      })
    ).body;
    const note = (
      await other.post<Entry>(`/api/incidents/${incident.id}/entries`, {
        kind: 'note',
        text: 'x',
        marking: 'TLP:GREEN',
      })
    ).body;
    await elsewhere.waitFor((e) => e.event === 'entry' && (e.data as Entry).id === note.id);
    elsewhere.close();
  });

  it('ends a stream when its API token is revoked', async () => {
    const owner = client();
    await owner.login('fi@example.eu', PASSWORD);
    const token = (await owner.post<{ id: string; token: string }>('/api/me/tokens', { name: 'feed' })).body;
    const s = await stream(server.url, { authorization: `Bearer ${token.token}` });
    expect((await owner.delete(`/api/me/tokens/${token.id}`)).status).toBe(204);
    await s.ended();
  });

  it('ends a wall screen when its display token is revoked', async () => {
    const coordinator = client();
    await coordinator.login('fi@example.eu', PASSWORD);
    const display = (await coordinator.post<CreatedDisplayToken>('/api/display-tokens', { name: 'Wall 1' }))
      .body;
    const s = await stream(server.url, { cookie: `bp_display=${display.token}` });
    expect((await coordinator.delete(`/api/display-tokens/${display.id}`)).status).toBe(204);
    await s.ended();
  });

  it('ends every stream of a deactivated account, token streams included', async () => {
    const admin = await orgAdmin();
    const user = (
      await admin.post<{ id: string }>('/api/users', {
        email: 'leaving@example.eu',
        displayName: 'Leaving',
        organisation: 'FI',
        role: 'coordinator',
        password: PASSWORD,
      })
    ).body;
    const leaving = client();
    await leaving.login('leaving@example.eu', PASSWORD);
    const token = (await leaving.post<{ token: string }>('/api/me/tokens', { name: 'feed' })).body;
    const bySession = await stream(server.url, { cookie: leaving.cookie! });
    const byToken = await stream(server.url, { authorization: `Bearer ${token.token}` });
    expect((await admin.patch(`/api/users/${user.id}`, { active: false })).status).toBe(200);
    await bySession.ended();
    await byToken.ended();
  });

  it('ends the streams of an account whose role changed', async () => {
    const admin = await orgAdmin();
    const user = (
      await admin.post<{ id: string }>('/api/users', {
        email: 'moved@example.eu',
        displayName: 'Moved',
        organisation: 'FI',
        role: 'coordinator',
        password: PASSWORD,
      })
    ).body;
    const moved = client();
    await moved.login('moved@example.eu', PASSWORD);
    const s = await stream(server.url, { cookie: moved.cookie! });
    expect((await admin.patch(`/api/users/${user.id}`, { role: 'viewer' })).status).toBe(200);
    await s.ended();
  });
});

describe('an open stream does not keep a session alive', () => {
  const clock = new ManualClock();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock });
    await server.createUser({
      email: 'fi@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
  });
  afterAll(() => server?.close());

  it('ends the stream when the idle session expires, and the activity signal keeps it going', async () => {
    const tab = new ApiClient(server.url);
    await tab.login('fi@example.eu', PASSWORD);
    const s = await stream(server.url, { cookie: tab.cookie! });
    // Twenty idle minutes, then the person presses a key: the web sends the activity signal.
    clock.advance(20 * 60_000);
    expect((await tab.post('/api/auth/activity')).status).toBe(204);
    clock.advance(20 * 60_000);
    // Forty minutes after sign-in, twenty after the signal: the session lives on.
    expect((await tab.get('/api/me')).status).toBe(200);
    // Then nobody touches anything for longer than the idle limit (30 minutes): watching is not activity.
    clock.advance(31 * 60_000);
    await s.ended();
    expect((await tab.get('/api/me')).status).toBe(401);
  });
});
