import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/accounts/secrets.js';
import { ManualClock } from '../src/platform/clock.js';
import { engines } from './support/engines.js';
import { ApiClient, type ApiResponse, PASSWORD, startTestServer, type TestServer } from './support/server.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const WRONG = 'not the right pass phrase';

/** A sign-in from a given client address (the servers trust X-Forwarded-For, as behind a proxy). */
function signInFrom(
  server: TestServer,
  address: string,
  email: string,
  password: string,
  totp?: string,
): Promise<ApiResponse<ErrorBody>> {
  const client = new ApiClient(server.url, { 'x-forwarded-for': address });
  return client.post<ErrorBody>('/api/auth/login', totp ? { email, password, totp } : { email, password });
}

const codeOf = (r: ApiResponse<ErrorBody>) => (r.status === 200 ? 'signed-in' : r.body.error.code);
const count = (rs: ApiResponse<ErrorBody>[], code: string) => rs.filter((r) => codeOf(r) === code).length;

for (const engine of engines()) {
  describe(`sign-in limits on ${engine}`, () => {
    // Limits as deployed: 5 attempts per account, 20 failures per address, 1 s slow-down doubling.
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        engine,
        clock,
        env: {
          TRUST_PROXY: 'true',
          LOGIN_MAX_FAILURES: '5',
          LOGIN_LOCK_MINUTES: '15',
          LOGIN_MAX_FAILURES_PER_ADDRESS: '20',
          LOGIN_SLOWDOWN_SECONDS: '1',
        },
      });
      for (const name of ['burst', 'lock', 'known', 'colleague', 'retried']) {
        await server.createUser({
          email: `${name}@example.eu`,
          password: PASSWORD,
          organisation: 'FI',
          role: 'viewer',
        });
      }
    });
    afterAll(() => server?.close());

    it('verifies at most LOGIN_MAX_FAILURES of 50 parallel guesses on one account, then the account is locked', async () => {
      const burst = await Promise.all(
        Array.from({ length: 50 }, () => signInFrom(server, '198.51.100.1', 'burst@example.eu', WRONG)),
      );
      const verified = count(burst, 'invalid-credentials');
      expect(verified).toBeGreaterThanOrEqual(1);
      expect(verified).toBeLessThanOrEqual(5);
      expect(count(burst, 'locked')).toBe(50 - verified);
      expect(burst.every((r) => r.status === 401)).toBe(true);
      // The right password, right after the burst, does not get in: the account is under attack.
      const right = await signInFrom(server, '198.51.100.2', 'burst@example.eu', PASSWORD);
      expect(right.status).toBe(401);
      expect(right.body.error.code).toBe('locked');
    });

    it('slows failures down progressively, locks after the limit, and the lock runs out on the clock', async () => {
      const from = '198.51.100.10';
      const first = await signInFrom(server, from, 'lock@example.eu', WRONG);
      expect(codeOf(first)).toBe('invalid-credentials');
      // Straight after a failure, even the right password waits (1 s, then 2 s, 4 s …).
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', PASSWORD))).toBe('locked');
      clock.advance(1000);
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', WRONG))).toBe('invalid-credentials');
      clock.advance(1000);
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', WRONG))).toBe('locked');
      clock.advance(1000);
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', WRONG))).toBe('invalid-credentials');
      for (let i = 0; i < 2; i++) {
        clock.advance(20_000);
        expect(codeOf(await signInFrom(server, from, 'lock@example.eu', WRONG))).toBe('invalid-credentials');
      }
      // Five failures: locked for LOGIN_LOCK_MINUTES, whatever the password and wherever it comes from.
      clock.advance(20_000);
      const locked = await signInFrom(server, '203.0.113.99', 'lock@example.eu', PASSWORD);
      expect(locked.status).toBe(401);
      expect(locked.body.error).toMatchObject({ code: 'locked' });
      expect(locked.body.error.message).toMatch(/minutes/);
      clock.advance(14 * 60_000 - 20_000);
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', PASSWORD))).toBe('locked');
      clock.advance(60_000);
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', PASSWORD))).toBe('signed-in');
      // A correct password starts the count over.
      expect(codeOf(await signInFrom(server, from, 'lock@example.eu', WRONG))).toBe('invalid-credentials');
    });

    it('answers an address with no account exactly as it answers an account, lock included', async () => {
      const steps: Array<{ advance: number; password: string }> = [
        { advance: 0, password: WRONG },
        { advance: 0, password: WRONG },
        { advance: 1000, password: WRONG },
        { advance: 2000, password: WRONG },
        { advance: 4000, password: WRONG },
        { advance: 8000, password: WRONG },
        { advance: 8000, password: PASSWORD },
        { advance: 15 * 60_000, password: WRONG },
      ];
      const seen: string[] = [];
      for (const step of steps) {
        clock.advance(step.advance);
        const [known, unknown] = await Promise.all([
          signInFrom(server, '198.51.100.20', 'known@example.eu', step.password),
          signInFrom(server, '198.51.100.21', 'nobody@example.eu', step.password),
        ]);
        expect(unknown.status).toBe(known.status);
        expect(unknown.body).toEqual(known.body);
        seen.push(codeOf(known));
      }
      expect(seen).toEqual([
        'invalid-credentials',
        'locked',
        'invalid-credentials',
        'invalid-credentials',
        'invalid-credentials',
        'invalid-credentials',
        'locked',
        'invalid-credentials',
      ]);
    });

    it('still verifies clean accounts from an address full of failures, and slows only its retries', async () => {
      const shared = '192.0.2.50';
      // 25 guesses on addresses with no account, all at once: each is a first attempt, so each is verified.
      const spray = await Promise.all(
        Array.from({ length: 25 }, (_, i) => signInFrom(server, shared, `guess-${i}@example.eu`, WRONG)),
      );
      expect(count(spray, 'invalid-credentials')).toBe(25);
      // A first wrong attempt on an account is verified too; a retry on it from this address must wait…
      expect(codeOf(await signInFrom(server, shared, 'retried@example.eu', WRONG))).toBe(
        'invalid-credentials',
      );
      clock.advance(2000);
      expect(codeOf(await signInFrom(server, shared, 'retried@example.eu', WRONG))).toBe('locked');
      // …while the same account from elsewhere is not slowed by this address,
      expect(codeOf(await signInFrom(server, '203.0.113.7', 'retried@example.eu', WRONG))).toBe(
        'invalid-credentials',
      );
      // and a colleague behind the same address signs in with the right password.
      expect(codeOf(await signInFrom(server, shared, 'colleague@example.eu', PASSWORD))).toBe('signed-in');
      clock.advance(2 * 60_000);
      expect(codeOf(await signInFrom(server, shared, 'retried@example.eu', WRONG))).toBe(
        'invalid-credentials',
      );
    });
  });

  describe(`sign-in limits per address and second factor on ${engine}`, () => {
    // No account slow-down or lock in reach, so what holds the burst back is the address alone.
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        engine,
        clock,
        env: {
          TRUST_PROXY: 'true',
          LOGIN_MAX_FAILURES: '1000',
          LOGIN_MAX_FAILURES_PER_ADDRESS: '20',
          LOGIN_SLOWDOWN_SECONDS: '0',
        },
      });
      for (const name of ['target', 'colleague', 'second-factor']) {
        await server.createUser({
          email: `${name}@example.eu`,
          password: PASSWORD,
          organisation: 'DE',
          role: 'viewer',
        });
      }
    });
    afterAll(() => server?.close());

    it('verifies at most the address limit of 200 parallel guesses from one address; a colleague there still signs in', async () => {
      const proxy = '192.0.2.1';
      const burst = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          signInFrom(server, proxy, i % 2 ? 'target@example.eu' : 'ghost@example.eu', WRONG),
        ),
      );
      const verified = count(burst, 'invalid-credentials');
      // The address allows 20 failures; past them, one retry at a time (the two e-mails were tried first inside those 20).
      expect(verified).toBeGreaterThanOrEqual(20);
      expect(verified).toBeLessThanOrEqual(20 + 1);
      expect(count(burst, 'locked')).toBe(200 - verified);
      expect(codeOf(await signInFrom(server, proxy, 'colleague@example.eu', PASSWORD))).toBe('signed-in');
      // The target's own owner, elsewhere, is not refused: the account is not locked (LOGIN_MAX_FAILURES is high).
      expect(codeOf(await signInFrom(server, '203.0.113.1', 'target@example.eu', PASSWORD))).toBe(
        'signed-in',
      );
    });

    it('lets one of 10 parallel sign-ins with the same second-factor code through', async () => {
      const from = '198.51.100.77';
      const user = new ApiClient(server.url, { 'x-forwarded-for': from });
      await user.login('second-factor@example.eu', PASSWORD);
      const setup = await user.post<{ secret: string }>('/api/me/second-factor/setup');
      const confirmed = await user.post('/api/me/second-factor/confirm', {
        code: totpCode(setup.body.secret, clock.now().getTime()),
      });
      expect(confirmed.status).toBe(200);
      clock.advance(30_000);
      const code = totpCode(setup.body.secret, clock.now().getTime());
      const tries = await Promise.all(
        Array.from({ length: 10 }, () =>
          signInFrom(server, from, 'second-factor@example.eu', PASSWORD, code),
        ),
      );
      expect(count(tries, 'signed-in')).toBe(1);
      expect(count(tries, 'second-factor-required')).toBe(9);
      const sessions = await server.platform.db.kysely
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.id_hash')
        .where('users.email', '=', 'second-factor@example.eu')
        .execute();
      // The one from enrolment and the one sign-in that spent the code.
      expect(sessions).toHaveLength(2);
    });
  });

  describe(`general API rate limit on ${engine}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        engine,
        env: { TRUST_PROXY: 'true', API_RATE_LIMIT_PER_MINUTE: '5' },
      });
      for (const name of ['busy', 'calm']) {
        await server.createUser({
          email: `${name}@example.eu`,
          password: PASSWORD,
          organisation: 'EE',
          role: 'viewer',
        });
      }
    });
    afterAll(() => server?.close());

    it('answers 429 in the documented shape past the limit, per user, with health exempt', async () => {
      const busy = new ApiClient(server.url, { 'x-forwarded-for': '198.51.100.30' });
      await busy.login('busy@example.eu', PASSWORD);
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await busy.get<ErrorBody>('/api/me'));
      expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const refused = answers[5]!;
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({
        error: { code: 'too-many-requests', message: expect.stringMatching(/at most 5 a minute/) },
      });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another user from the same address has an allowance of its own.
      const calm = new ApiClient(server.url, { 'x-forwarded-for': '198.51.100.30' });
      await calm.login('calm@example.eu', PASSWORD);
      expect((await calm.get('/api/me')).status).toBe(200);
      for (let i = 0; i < 8; i++) expect((await busy.get('/api/health')).status).toBe(200);
    });

    it('counts requests without a session per address', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await signInFrom(server, '198.51.100.31', `someone-${i}@example.eu`, WRONG)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      expect((await signInFrom(server, '198.51.100.32', 'calm@example.eu', PASSWORD)).status).toBe(200);
    });
  });
}
