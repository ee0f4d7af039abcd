import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import {
  ApiClient,
  PASSWORD,
  signInEnrolled,
  startTestServer,
  type TestServer,
} from '../../test/support/server.js';
import { changesAccounts, type Db } from '../platform/db/index.js';
import type { StreamEvent } from '../platform/realtime/events.js';
import type { EventFeed } from '../platform/realtime/feed.js';
import { SessionCache } from './session-cache.js';

describe('which statements may change an account or a session', () => {
  it.each([
    ['update "users" set "role" = ? where "id" = ?', true],
    ['update "users" set "language" = $1, "language_chosen" = $2 where "id" = $3', true],
    ['delete from "sessions" where "user_id" = ?', true],
    ['delete from sessions where expires_at < ?', true],
    ['update "sessions" set "expires_at" = ? where "id_hash" = ?', true],
    ['insert into "users" ("id", "email") values (?, ?)', true],
    // A new session changes nobody's existing session, and moving the last activity is the cache's own business.
    ['insert into "sessions" ("id_hash", "user_id") values (?, ?)', false],
    ['update "sessions" set "last_seen_at" = ? where "id_hash" = ?', false],
    ['update "sessions" set "last_seen_at" = $1 where "id_hash" = $2', false],
    ['insert into "entries" ("id", "author_user_id") values (?, ?)', false],
    ['insert into "entry_recipients" ("entry_id", "email") values (?, ?)', false],
    ['update "incidents" set "last_activity_at" = ? where "id" in (?)', false],
  ])('%s: %s', (statement, expected) => {
    expect(changesAccounts(statement)).toBe(expected);
  });
});

describe('a remembered session', () => {
  const row = { id: 'u1', last_seen_at: '2026-12-01T10:00:00.000Z' };
  const setUp = () => {
    const db = { queries: { accountChanges: 0 } } as unknown as Db;
    let now = 0;
    const cache = new SessionCache<typeof row>(db, () => now);
    const listened: string[] = [];
    cache.listenTo({
      listen: () => {
        listened.push('listen');
        return () => undefined;
      },
      ready: async () => undefined,
    } as unknown as EventFeed);
    return { db, cache, listened, later: (ms: number) => (now += ms) };
  };
  const principalChanged: StreamEvent[] = [
    { position: 1, event: { type: 'principal-changed', userId: 'u2' } } as StreamEvent,
  ];

  // The first row starts the feed and is not kept: the feed may start after an event that would make it stale.
  const primed = async () => {
    const set = setUp();
    set.cache.remember('s0', row, set.cache.ticket());
    expect(set.cache.get('s0')).toBeUndefined();
    await Promise.resolve();
    expect(set.listened).toEqual(['listen']);
    return set;
  };

  it('is used until an account changes, however small the change', async () => {
    const { db, cache } = await primed();
    cache.remember('s1', row, cache.ticket());
    expect(cache.get('s1')).toEqual(row);
    db.queries.accountChanges++;
    expect(cache.get('s1')).toBeUndefined();
  });

  it('is not kept when an account changed while it was being read', async () => {
    const { db, cache } = await primed();
    const ticket = cache.ticket();
    db.queries.accountChanges++;
    cache.remember('s1', row, ticket);
    expect(cache.get('s1')).toBeUndefined();
  });

  it("is forgotten when anyone's access changes, in this process or another", async () => {
    const { cache } = await primed();
    cache.remember('s1', row, cache.ticket());
    await cache.onEvents(principalChanged);
    expect(cache.get('s1')).toBeUndefined();
    // A read that began before the event is not kept either.
    const ticket = cache.ticket();
    await cache.onEvents(principalChanged);
    cache.remember('s1', row, ticket);
    expect(cache.get('s1')).toBeUndefined();
  });

  it('is read again after a few seconds, for what another instance changed without announcing it', async () => {
    const { cache, later } = await primed();
    cache.remember('s1', row, cache.ticket());
    later(4_000);
    expect(cache.get('s1')).toEqual(row);
    later(2_000);
    expect(cache.get('s1')).toBeUndefined();
  });

  it('follows the last activity this process records', async () => {
    const { cache } = await primed();
    cache.remember('s1', row, cache.ticket());
    cache.touched('s1', '2026-12-01T10:05:00.000Z');
    expect(cache.get('s1')?.last_seen_at).toBe('2026-12-01T10:05:00.000Z');
  });
});

describe.each(engines())('remembered sessions on %s', (engine) => {
  let here: TestServer;
  let elsewhere: TestServer;
  beforeAll(async () => {
    // Remembered for an hour: what this instance refuses before then, it learnt from the other's event.
    const env = { SESSION_REMEMBER_SECONDS: '3600' };
    here = await startTestServer({ engine, env });
    elsewhere = await startTestServer({
      engine,
      env,
      sharing: { dataDir: here.dataDir, databaseUrl: here.databaseUrl },
    });
    for (const email of ['admin-here@cache.test', 'admin-elsewhere@cache.test'])
      await here.createUser({ email, password: PASSWORD, organisation: 'ERCC', role: 'admin' });
  }, 60_000);
  afterAll(async () => {
    await elsewhere?.close();
    await here?.close();
  });

  const coordinator = async (email: string) => {
    const { id } = await here.createUser({
      email,
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    const client = new ApiClient(here.url);
    await client.login(email, PASSWORD);
    // The same session, presented to the other instance.
    const there = new ApiClient(elsewhere.url);
    there.cookie = client.cookie;
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await there.get('/api/me')).status).toBe(200);
    return { id, client, there };
  };

  it('reads a signed-in session once, not on every request', async () => {
    const { client } = await coordinator('fi-0@cache.test');
    // This process now has the session in mind (the first reads started the feed).
    expect((await client.get('/api/me')).status).toBe(200);
    const queries = here.platform.db.queries;
    queries.trace = [];
    try {
      expect((await client.get('/api/incidents')).status).toBe(200);
      expect(queries.trace.some((q) => /from "sessions"/.test(q))).toBe(false);
    } finally {
      delete queries.trace;
    }
  });

  it('shows a change made through this instance on the very next request', async () => {
    const { id, client } = await coordinator('fi-1@cache.test');
    expect((await client.get<{ language: string }>('/api/me')).body.language).toBe('en');
    expect((await client.patch('/api/me', { language: 'nl' })).status).toBe(200);
    expect((await client.get<{ language: string }>('/api/me')).body.language).toBe('nl');
    const admin = await signInEnrolled(here, 'admin-here@cache.test');
    expect((await admin.patch(`/api/users/${id}`, { displayName: 'Aino' })).status).toBe(200);
    expect((await client.get<{ displayName: string }>('/api/me')).body.displayName).toBe('Aino');
    // A new role ends the sessions the old one signed in.
    expect((await admin.patch(`/api/users/${id}`, { role: 'viewer' })).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('refuses a session signed out through another instance, once its event arrives', async () => {
    const { client, there } = await coordinator('fi-2@cache.test');
    expect((await there.post('/api/auth/logout')).status).toBe(204);
    await expect.poll(async () => (await client.get('/api/me')).status, { timeout: 10_000 }).toBe(401);
  });

  it('refuses an account deactivated through another instance, once its event arrives', async () => {
    const { id, client } = await coordinator('fi-3@cache.test');
    const admin = await signInEnrolled(elsewhere, 'admin-elsewhere@cache.test');
    expect((await admin.patch(`/api/users/${id}`, { active: false })).status).toBe(200);
    await expect.poll(async () => (await client.get('/api/me')).status, { timeout: 10_000 }).toBe(401);
  });
});
