import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import type { CreatedToken, Me, SecondFactorSetup, User } from './model.js';
import { totpCode } from './secrets.js';

describe.each(engines())('accounts over HTTP on %s', (engine) => {
  let server: TestServer;
  let fiAdmin: ApiClient;

  beforeAll(async () => {
    // The slow-down between failures has its own tests (test/sign-in-limits.test.ts, on a moved clock).
    server = await startTestServer({ engine, env: { LOGIN_MAX_FAILURES: '3', LOGIN_SLOWDOWN_SECONDS: '0' } });
    await server.createUser({
      email: 'fi.coord@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'coordinator',
    });
    await server.createUser({
      email: 'fi.admin@example.eu',
      password: PASSWORD,
      organisation: 'FI',
      role: 'org-admin',
    });
    await server.createUser({
      email: 'de.admin@example.eu',
      password: PASSWORD,
      organisation: 'DE',
      role: 'org-admin',
    });
    await server.createUser({
      email: 'root@example.eu',
      password: PASSWORD,
      organisation: 'ERCC',
      role: 'admin',
    });
  });
  afterAll(() => server?.close());

  /** Signs in an administrator through the enrolment they are required to make first. */
  async function enrolledAdmin(email: string): Promise<ApiClient> {
    const client = new ApiClient(server.url);
    const login = await client.login(email, PASSWORD);
    expect((login.body as { me: Me }).me.secondFactorEnrolmentRequired).toBe(true);
    const blocked = await client.get('/api/users');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'second-factor-enrolment-required' } });
    const setup = await client.post<SecondFactorSetup>('/api/me/second-factor/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toContain('otpauth://totp/');
    expect(setup.body.qrSvg).toContain('<svg');
    const confirmed = await client.post<Me>('/api/me/second-factor/confirm', {
      code: totpCode(setup.body.secret),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.secondFactorEnabled).toBe(true);
    expect(confirmed.body.secondFactorEnrolmentRequired).toBe(false);
    (client as ApiClient & { secret?: string }).secret = setup.body.secret;
    return client;
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie, shows me, and signs out', async () => {
    const client = new ApiClient(server.url);
    const res = await client.post<{ me: Me }>('/api/auth/login', {
      email: 'FI.Coord@example.eu',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.body.me.organisation).toEqual({ id: 'FI', name: 'Finland', kind: 'member-state' });
    const me = await client.get<Me>('/api/me');
    expect(me.body.email).toBe('fi.coord@example.eu');
    const stolen = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const after = new ApiClient(server.url);
    after.cookie = stolen;
    expect((await after.get('/api/me')).status).toBe(401);
  });

  it('gives a new session secret at every sign-in', async () => {
    const a = new ApiClient(server.url);
    await a.login('fi.coord@example.eu', PASSWORD);
    const b = new ApiClient(server.url);
    await b.login('fi.coord@example.eu', PASSWORD);
    expect(a.cookie).toBeDefined();
    expect(a.cookie).not.toBe(b.cookie);
  });

  it('refuses a wrong password and locks the account after repeated failures', async () => {
    await server.createUser({
      email: 'victim@example.eu',
      password: PASSWORD,
      organisation: 'EE',
      role: 'viewer',
    });
    const client = new ApiClient(server.url);
    for (let i = 0; i < 3; i++) {
      const res = await client.post('/api/auth/login', {
        email: 'victim@example.eu',
        password: 'wrong password here',
      });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'invalid-credentials' } });
    }
    const locked = await client.post('/api/auth/login', { email: 'victim@example.eu', password: PASSWORD });
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({ error: { code: 'locked' } });
  });

  it('requires the second factor once enrolled, and refuses a replayed code', async () => {
    const admin = (await enrolledAdmin('fi.admin@example.eu')) as ApiClient & { secret: string };
    const again = new ApiClient(server.url);
    const without = await again.post('/api/auth/login', { email: 'fi.admin@example.eu', password: PASSWORD });
    expect(without.status).toBe(401);
    expect(without.body).toMatchObject({ error: { code: 'second-factor-required' } });
    const wrong = await again.post('/api/auth/login', {
      email: 'fi.admin@example.eu',
      password: PASSWORD,
      totp: '000000',
    });
    expect(wrong.status).toBe(401);
    // The code used at enrolment is spent; the next time step's code works.
    const next = totpCode(admin.secret, Date.now() + 30_000);
    const ok = await again.post('/api/auth/login', {
      email: 'fi.admin@example.eu',
      password: PASSWORD,
      totp: next,
    });
    expect(ok.status).toBe(200);
    fiAdmin = again;
    const replay = await new ApiClient(server.url).post('/api/auth/login', {
      email: 'fi.admin@example.eu',
      password: PASSWORD,
      totp: next,
    });
    expect(replay.status).toBe(401);
  });

  it('lets an org-admin manage only their own organisation', async () => {
    const admin = new ApiClient(server.url);
    const secret = (await enrolledAdmin('de.admin@example.eu')) as ApiClient;
    admin.cookie = secret.cookie;
    const created = await admin.post<User>('/api/users', {
      email: 'de.viewer@example.eu',
      displayName: 'DE viewer',
      organisation: 'DE',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ organisation: 'DE', role: 'viewer', active: true });

    const foreign = await admin.post('/api/users', {
      email: 'fi.someone@example.eu',
      displayName: 'x',
      organisation: 'FI',
      role: 'viewer',
      password: PASSWORD,
    });
    expect(foreign.status).toBe(403);
    const escalate = await admin.post('/api/users', {
      email: 'de.root@example.eu',
      displayName: 'x',
      organisation: 'DE',
      role: 'admin',
      password: PASSWORD,
    });
    expect(escalate.status).toBe(403);
    const weak = await admin.post('/api/users', {
      email: 'de.weak@example.eu',
      displayName: 'x',
      organisation: 'DE',
      role: 'viewer',
      password: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ error: { field: 'password' } });

    const list = await admin.get<{ items: User[] }>('/api/users');
    expect(list.body.items.map((u) => u.organisation)).toEqual(list.body.items.map(() => 'DE'));
    expect((await admin.get('/api/users?organisation=FI')).status).toBe(403);

    const promoted = await admin.patch<User>(`/api/users/${created.body.id}`, {
      role: 'coordinator',
      onDuty: true,
    });
    expect(promoted.body).toMatchObject({ role: 'coordinator', onDuty: true });
    const viewer = new ApiClient(server.url);
    await viewer.login('de.viewer@example.eu', PASSWORD);
    const deactivated = await admin.patch<User>(`/api/users/${created.body.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    expect((await viewer.get('/api/me')).status).toBe(401);
    expect(
      (
        await new ApiClient(server.url).post('/api/auth/login', {
          email: 'de.viewer@example.eu',
          password: PASSWORD,
        })
      ).status,
    ).toBe(401);

    const fiCoord = (await admin.get<{ items: User[] }>('/api/users?organisation=DE')).body.items;
    expect(fiCoord.length).toBeGreaterThan(0);
    const self = fiCoord.find((u) => u.email === 'de.admin@example.eu')!;
    expect((await admin.patch(`/api/users/${self.id}`, { role: 'viewer' })).status).toBe(403);
  });

  it('lets a platform admin list everyone, but not read incidents', async () => {
    const root = await enrolledAdmin('root@example.eu');
    const all = await root.get<{ items: User[] }>('/api/users');
    expect(new Set(all.body.items.map((u) => u.organisation))).toEqual(new Set(['FI', 'DE', 'EE', 'ERCC']));
    const incidents = await root.get<{ items: unknown[] }>('/api/incidents');
    expect(incidents.body.items).toEqual([]);
  });

  it('issues API tokens shown once, accepted as Bearer, and revocable', async () => {
    const client = new ApiClient(server.url);
    await client.login('fi.coord@example.eu', PASSWORD);
    const created = await client.post<CreatedToken>('/api/me/tokens', { name: 'national system' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^bpt_/);
    const listed = await client.get<{ items: Array<Record<string, unknown>> }>('/api/me/tokens');
    expect(listed.body.items[0]).not.toHaveProperty('token');
    const bearer = new ApiClient(server.url, { authorization: `Bearer ${created.body.token}` });
    expect((await bearer.get<Me>('/api/me')).body).toMatchObject({
      email: 'fi.coord@example.eu',
      viaToken: true,
    });
    expect((await client.delete(`/api/me/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await bearer.get('/api/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ error: { code: 'invalid-token' } });
  });

  it('keeps a directory of contact points that only the organisation edits', async () => {
    const coord = new ApiClient(server.url);
    await coord.login('fi.coord@example.eu', PASSWORD);
    const dir = await coord.get<{ items: Array<{ organisation: string; mailbox: string | null }> }>(
      '/api/contact-points',
    );
    expect(dir.body.items).toHaveLength(42);
    const refused = await coord.put('/api/contact-points/FI', {
      mailbox: 'x@fi.example',
      phone: '+358 1 234 567',
    });
    expect(refused.status).toBe(403);
    const admin = fiAdmin;
    const updated = await admin.put<{ mailbox: string; phone: string }>('/api/contact-points/fi', {
      mailbox: 'spoc@fi.example',
      phone: '+358 295 000 000',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ mailbox: 'spoc@fi.example', phone: '+358 295 000 000' });
    const bad = await admin.put('/api/contact-points/FI', { mailbox: 'not-an-address', phone: null });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: 'mailbox' } });
    expect((await admin.put('/api/contact-points/DE', { mailbox: 'x@de.example', phone: null })).status).toBe(
      403,
    );
    const seen = await coord.get<{ items: Array<{ organisation: string; mailbox: string | null }> }>(
      '/api/contact-points',
    );
    expect(seen.body.items.find((c) => c.organisation === 'FI')?.mailbox).toBe('spoc@fi.example');
  });
});
