import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/accounts/secrets.js';
import { createJobs } from '../src/jobs.js';
import { getMessagesOfCause } from '../src/outbox/store.js';
import { ManualClock } from '../src/platform/clock.js';
import type { JobRunner } from '../src/platform/jobs/runner.js';
import { engines } from './support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from './support/server.js';
import { resetLinkIn, startMailServer, type TestMailServer } from './support/smtp.js';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}
interface UserBody {
  id: string;
  email: string;
  lockedUntil: string | null;
  secondFactorEnabled: boolean;
  abilities?: { unlock: boolean; sendPasswordReset: boolean; resetSecondFactor: boolean };
}

const WRONG = 'not the right pass phrase';
const NEW_PASSWORD = 'a brand new pass phrase for her';

for (const engine of engines()) {
  describe(`account recovery on ${engine}`, () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    let server: TestServer;
    let mail: TestMailServer;
    let jobs: JobRunner;
    let orgAdmin: ApiClient;
    let admin: ApiClient;
    const ids: Record<string, string> = {};

    /** Signs in an administrator and enrols the second factor, with codes of the test's clock. */
    const enrolled = async (email: string) => {
      const client = new ApiClient(server.url);
      await client.login(email, PASSWORD);
      const setup = await client.post<{ secret: string }>('/api/me/second-factor/setup');
      await client.post('/api/me/second-factor/confirm', {
        code: totpCode(setup.body.secret, clock.now().getTime()),
      });
      secrets.set(email, setup.body.secret);
      return client;
    };
    /** Signs an enrolled administrator in again (sessions end after idling on the test's clock). */
    const again = async (email: string) => {
      clock.advance(30_000);
      const client = new ApiClient(server.url);
      await client.login(email, PASSWORD, totpCode(secrets.get(email)!, clock.now().getTime()));
      return client;
    };
    const secrets = new Map<string, string>();
    const from = (address: string) => new ApiClient(server.url, { 'x-forwarded-for': address });
    const signIn = (
      email: string,
      password: string,
      extra: Record<string, string> = {},
      address = '198.51.100.1',
    ) => from(address).post<ErrorBody>('/api/auth/login', { email, password, ...extra });
    const lockOut = async (email: string) => {
      for (let i = 0; i < 3; i++) await signIn(email, WRONG);
      expect((await signIn(email, PASSWORD)).body.error.code).toBe('locked');
    };
    const auditActions = async (subjectId: string) =>
      (
        await server.platform.db.kysely
          .selectFrom('audit_records')
          .select('action')
          .where('subject_id', '=', subjectId)
          .orderBy('seq')
          .execute()
      ).map((r) => r.action);

    beforeAll(async () => {
      mail = await startMailServer();
      server = await startTestServer({
        engine,
        clock,
        env: {
          TRUST_PROXY: 'true',
          SMTP_URL: mail.url,
          SMTP_FROM: 'Blueprint <noreply@blueprint.example.eu>',
          PUBLIC_URL: 'https://blueprint.example.eu/',
          LOGIN_MAX_FAILURES: '3',
          LOGIN_SLOWDOWN_SECONDS: '0',
        },
      });
      jobs = createJobs(server.platform);
      for (const [name, organisation, role] of [
        ['admin', 'ERCC', 'admin'],
        ['orgadmin', 'FI', 'org-admin'],
        ['anna', 'FI', 'viewer'],
        ['bert', 'DE', 'viewer'],
        ['carla', 'FI', 'coordinator'],
        ['dora', 'FI', 'viewer'],
      ] as const) {
        ids[name] = (
          await server.createUser({ email: `${name}@example.eu`, password: PASSWORD, organisation, role })
        ).id;
      }
      orgAdmin = await enrolled('orgadmin@example.eu');
      admin = await enrolled('admin@example.eu');
    });
    afterAll(async () => {
      await server?.close();
      await mail?.close();
    });

    it('shows each administrator exactly the recovery actions the rules allow', async () => {
      const fi = await orgAdmin.get<{ items: UserBody[] }>('/api/users');
      const anna = fi.body.items.find((u) => u.email === 'anna@example.eu');
      const self = fi.body.items.find((u) => u.email === 'orgadmin@example.eu');
      expect(anna?.abilities).toEqual({ unlock: true, sendPasswordReset: true, resetSecondFactor: true });
      expect(self?.abilities).toEqual({ unlock: false, sendPasswordReset: false, resetSecondFactor: false });
      const all = await admin.get<{ items: UserBody[] }>('/api/users');
      expect(all.body.items.find((u) => u.email === 'bert@example.eu')?.abilities?.sendPasswordReset).toBe(
        true,
      );
      // An org-admin of FI reaches no one in DE, and no platform admin.
      for (const target of [ids.bert!, ids.admin!]) {
        expect((await orgAdmin.post(`/api/users/${target}/password-reset`)).status).toBe(403);
        expect((await orgAdmin.post(`/api/users/${target}/unlock`)).status).toBe(403);
        expect((await orgAdmin.post(`/api/users/${target}/second-factor/reset`)).status).toBe(403);
      }
      const viewer = new ApiClient(server.url);
      await viewer.login('dora@example.eu', PASSWORD);
      expect((await viewer.post(`/api/users/${ids.anna}/password-reset`)).status).toBe(403);
      expect(mail.received).toHaveLength(0);
    });

    it('an org-admin unlocks a locked account', async () => {
      await lockOut('carla@example.eu');
      const locked = await orgAdmin.get<{ items: UserBody[] }>('/api/users');
      expect(locked.body.items.find((u) => u.email === 'carla@example.eu')?.lockedUntil).not.toBeNull();
      const unlocked = await orgAdmin.post<UserBody>(`/api/users/${ids.carla}/unlock`);
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUntil).toBeNull();
      expect((await signIn('carla@example.eu', PASSWORD)).status).toBe(200);
      expect(await auditActions(ids.carla!)).toContain('user.unlocked');
    });

    it('sends a reset link by e-mail after the commit; the link sets a password once, ends sessions and tokens, lifts the lock', async () => {
      const session = new ApiClient(server.url);
      await session.login('anna@example.eu', PASSWORD);
      const token = await session.post<{ token: string }>('/api/me/tokens', { name: 'feed' });
      await lockOut('anna@example.eu');

      const sent = await orgAdmin.post<{ expiresAt: string }>(`/api/users/${ids.anna}/password-reset`);
      expect(sent.status).toBe(202);
      // Written with the reset, delivered only by the job, after the commit.
      expect(mail.received).toHaveLength(0);
      const [queued] = await getMessagesOfCause(server.platform.db.kysely, 'password-reset');
      expect(queued).toMatchObject({ state: 'pending', recipient: 'anna@example.eu', channel: 'email' });
      expect(JSON.stringify(queued?.content)).not.toContain(token.body.token);

      await jobs.runDue();
      expect(mail.received).toHaveLength(1);
      const received = mail.received[0]!;
      expect(received.to).toEqual(['anna@example.eu']);
      expect(received.from).toBe('noreply@blueprint.example.eu');
      expect(received.subject).toBe('Blueprint: set a new password');
      const { link, token: resetToken } = resetLinkIn(received);
      expect(link.startsWith('https://blueprint.example.eu/reset-password#token=bpr_')).toBe(true);
      expect(received.text).toContain('30 minutes');
      expect((await getMessagesOfCause(server.platform.db.kysely, 'password-reset'))[0]?.state).toBe('sent');
      // Only the token's hash is kept.
      const stored = await server.platform.db.kysely.selectFrom('password_resets').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(resetToken);

      const open = new ApiClient(server.url);
      const weak = await open.post<ErrorBody>('/api/auth/password-reset/complete', {
        token: resetToken,
        newPassword: 'password1234',
      });
      expect(weak.status).toBe(400);
      expect(weak.body.error.field).toBe('newPassword');
      const done = await open.post('/api/auth/password-reset/complete', {
        token: resetToken,
        newPassword: NEW_PASSWORD,
      });
      expect(done.status).toBe(204);
      // Every session and API token of the user ended; the lock is gone.
      expect((await session.get('/api/me')).status).toBe(401);
      expect(
        (await new ApiClient(server.url, { authorization: `Bearer ${token.body.token}` }).get('/api/me'))
          .status,
      ).toBe(401);
      expect((await signIn('anna@example.eu', PASSWORD)).status).toBe(401);
      expect((await signIn('anna@example.eu', NEW_PASSWORD)).status).toBe(200);
      // Once only.
      const again = await open.post<ErrorBody>('/api/auth/password-reset/complete', {
        token: resetToken,
        newPassword: 'yet another pass phrase here',
      });
      expect(again.status).toBe(400);
      expect(again.body.error).toMatchObject({ code: 'invalid-token', field: 'token' });
      expect(await auditActions(ids.anna!)).toEqual(
        expect.arrayContaining(['user.password-reset-sent', 'user.password-reset']),
      );
    });

    it('a link stops working when it expires, and a newer link replaces an older one', async () => {
      mail.received.length = 0;
      // A repeat with the same key answers as the first and sends nothing more.
      const once = await admin.post(`/api/users/${ids.dora}/password-reset`, undefined, {
        'idempotency-key': 'dora',
      });
      const repeat = await admin.post(`/api/users/${ids.dora}/password-reset`, undefined, {
        'idempotency-key': 'dora',
      });
      expect(repeat.status).toBe(202);
      expect(repeat.body).toEqual(once.body);
      await jobs.runDue();
      expect(mail.received).toHaveLength(1);
      const first = resetLinkIn(mail.received[0]!).token;
      clock.advance(2 * 60_000);
      await admin.post(`/api/users/${ids.dora}/password-reset`);
      await jobs.runDue();
      const second = resetLinkIn(mail.received[1]!).token;
      const open = new ApiClient(server.url);
      const replaced = await open.post<ErrorBody>('/api/auth/password-reset/complete', {
        token: first,
        newPassword: 'dora chooses a new pass phrase',
      });
      expect(replaced.body.error.code).toBe('invalid-token');
      clock.advance(30 * 60_000);
      const expired = await open.post<ErrorBody>('/api/auth/password-reset/complete', {
        token: second,
        newPassword: 'dora chooses a new pass phrase',
      });
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe('invalid-token');
      expect((await signIn('dora@example.eu', PASSWORD)).status).toBe(200);
    });

    it('answers a reset request the same for an address with or without an account, locked or not', async () => {
      mail.received.length = 0;
      clock.advance(5 * 60_000);
      admin = await again('admin@example.eu');
      await lockOut('bert@example.eu');
      const ask = (email: string, key?: string) =>
        new ApiClient(server.url).post<unknown>(
          '/api/auth/password-reset/request',
          { email },
          key ? { 'idempotency-key': key } : {},
        );
      const answers = await Promise.all([
        ask('bert@example.eu'),
        ask('nobody@example.eu'),
        ask('carla@example.eu', 'same-key'),
        ask('Carla@Example.eu', 'same-key'),
      ]);
      for (const a of answers) {
        expect(a.status).toBe(202);
        expect(a.body).toEqual(answers[1]!.body);
      }
      await jobs.runDue();
      // Mail only to accounts; a second request within a minute sends nothing more, and the key is ignored.
      expect(mail.received.map((m) => m.to[0]).sort()).toEqual(['bert@example.eu', 'carla@example.eu']);
      // The sign-in lock answers alike too: a locked account and an address with no account.
      for (let i = 0; i < 3; i++) await signIn('ghost@example.eu', WRONG, {}, '203.0.113.9');
      const [lockedKnown, lockedUnknown] = await Promise.all([
        signIn('bert@example.eu', PASSWORD, {}, '203.0.113.10'),
        signIn('ghost@example.eu', PASSWORD, {}, '203.0.113.11'),
      ]);
      expect(lockedKnown.status).toBe(401);
      expect(lockedUnknown.status).toBe(401);
      expect(lockedUnknown.body).toEqual(lockedKnown.body);
      expect(lockedKnown.body.error.code).toBe('locked');
      // The self-service link lifts the lock.
      const bertMail = mail.received.find((m) => m.to[0] === 'bert@example.eu')!;
      const done = await new ApiClient(server.url).post('/api/auth/password-reset/complete', {
        token: resetLinkIn(bertMail).token,
        newPassword: 'a new pass phrase for him',
      });
      expect(done.status).toBe(204);
      expect((await signIn('bert@example.eu', 'a new pass phrase for him')).status).toBe(200);
      expect(await auditActions(ids.bert!)).toContain('user.password-reset-requested');
    });

    it('recovery codes: shown once at enrolment, each usable once in place of a code, replaced when regenerated', async () => {
      const carla = new ApiClient(server.url);
      await carla.login('carla@example.eu', PASSWORD);
      const setup = await carla.post<{ secret: string }>('/api/me/second-factor/setup');
      const enrolled = await carla.post<{ recoveryCodes: string[]; secondFactorEnabled: boolean }>(
        '/api/me/second-factor/confirm',
        { code: totpCode(setup.body.secret, clock.now().getTime()) },
        { 'idempotency-key': 'enrol-1' },
      );
      expect(enrolled.status).toBe(200);
      expect(enrolled.body.secondFactorEnabled).toBe(true);
      const codes = enrolled.body.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      // Shown once: a repeat of the same request is refused, never replayed with the codes.
      const repeat = await carla.post<ErrorBody>(
        '/api/me/second-factor/confirm',
        { code: totpCode(setup.body.secret, clock.now().getTime()) },
        { 'idempotency-key': 'enrol-1' },
      );
      expect(repeat.status).toBe(409);
      expect(repeat.body.error.code).toBe('idempotency-secret');
      const stored = await server.platform.db.kysely.selectFrom('recovery_codes').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(codes[0]!.replace('-', ''));

      const code = codes[3]!;
      const first = await signIn('carla@example.eu', PASSWORD, { recoveryCode: code.toLowerCase() });
      expect(first.status).toBe(200);
      const reused = await signIn('carla@example.eu', PASSWORD, { recoveryCode: code });
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('second-factor-required');
      expect(await auditActions(ids.carla!)).toContain('user.recovery-code-used');

      const regenerated = await carla.post<{ recoveryCodes: string[] }>(
        '/api/me/second-factor/recovery-codes',
        undefined,
        { 'idempotency-key': 'regen-1' },
      );
      expect(regenerated.status).toBe(201);
      expect(
        (
          await carla.post<ErrorBody>('/api/me/second-factor/recovery-codes', undefined, {
            'idempotency-key': 'regen-1',
          })
        ).body.error.code,
      ).toBe('idempotency-secret');
      expect((await signIn('carla@example.eu', PASSWORD, { recoveryCode: codes[5]! })).status).toBe(401);
      clock.advance(60_000);
      expect(
        (await signIn('carla@example.eu', PASSWORD, { recoveryCode: regenerated.body.recoveryCodes[0]! }))
          .status,
      ).toBe(200);
    });

    it("an administrator's second-factor reset is audited, ends the sessions, and the user enrols again first", async () => {
      orgAdmin = await again('orgadmin@example.eu');
      const carla = new ApiClient(server.url);
      clock.advance(60_000);
      const codes = (
        await server.platform.db.kysely
          .selectFrom('users')
          .select('totp_secret')
          .where('id', '=', ids.carla!)
          .executeTakeFirstOrThrow()
      ).totp_secret!;
      await carla.login('carla@example.eu', PASSWORD, totpCode(codes, clock.now().getTime()));
      const reset = await orgAdmin.post<UserBody>(`/api/users/${ids.carla}/second-factor/reset`);
      expect(reset.status).toBe(200);
      expect(reset.body.secondFactorEnabled).toBe(false);
      expect((await carla.get('/api/me')).status).toBe(401);
      expect(await auditActions(ids.carla!)).toContain('user.second-factor-reset');
      const records = await server.platform.db.kysely
        .selectFrom('audit_records')
        .select(['actor_user_id'])
        .where('action', '=', 'user.second-factor-reset')
        .where('subject_id', '=', ids.carla!)
        .execute();
      expect(records.map((r) => r.actor_user_id)).toEqual([ids.orgadmin]);
      // A coordinator need not have a second factor, but after a reset must enrol again before anything else.
      const back = new ApiClient(server.url);
      const signedIn = await back.login('carla@example.eu', PASSWORD);
      expect(
        (signedIn.body as { me: { secondFactorEnrolmentRequired: boolean } }).me
          .secondFactorEnrolmentRequired,
      ).toBe(true);
      const blocked = await back.get<ErrorBody>('/api/incidents');
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('second-factor-enrolment-required');
      const setup = await back.post<{ secret: string }>('/api/me/second-factor/setup');
      clock.advance(60_000);
      const reenrolled = await back.post('/api/me/second-factor/confirm', {
        code: totpCode(setup.body.secret, clock.now().getTime()),
      });
      expect(reenrolled.status).toBe(200);
      expect((await back.get('/api/incidents')).status).toBe(200);
    });
  });

  describe(`the outbox on ${engine}`, () => {
    it('never holds a write back while the mail server is down, retries with a growing wait, and survives a restart', async () => {
      const { freshDatabase } = await import('./support/engines.js');
      const clock = new ManualClock('2026-12-01T09:00:00Z');
      let down = true;
      const mail = await startMailServer({ refuse: () => down });
      const database = await freshDatabase(engine);
      const env = { SMTP_URL: mail.url, PUBLIC_URL: 'https://blueprint.example.eu' };
      const first = await startTestServer({ engine, clock, env, sharing: database });
      const admin = await first.createUser({
        email: 'admin@example.eu',
        password: PASSWORD,
        organisation: 'ERCC',
        role: 'admin',
      });
      const user = await first.createUser({
        email: 'eva@example.eu',
        password: PASSWORD,
        organisation: 'EE',
        role: 'viewer',
      });
      void admin;
      const asked = await new ApiClient(first.url).post('/api/auth/password-reset/request', {
        email: 'eva@example.eu',
        language: 'nl',
      });
      expect(asked.status).toBe(202);
      const summary = await createJobs(first.platform, { retryBaseMs: 60_000 }).runDue();
      expect(summary).toMatchObject({ done: 0, retried: 1 });
      const [waiting] = await getMessagesOfCause(first.platform.db.kysely, 'password-reset');
      expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
      expect(waiting?.lastError).toMatch(/421|not available/);
      // Other writes go on meanwhile.
      expect(
        (await new ApiClient(first.url).post('/api/auth/password-reset/request', { email: 'x@example.eu' }))
          .status,
      ).toBe(202);
      await first.close();

      down = false;
      const second = await startTestServer({ engine, clock, env, sharing: database });
      try {
        const runner = createJobs(second.platform, { retryBaseMs: 60_000 });
        // Not yet due: the retry waits a minute after the first failure.
        expect((await runner.runDue()).done).toBe(0);
        expect(mail.received).toHaveLength(0);
        clock.advance(60_000);
        expect((await runner.runDue()).done).toBe(1);
        expect(mail.received).toHaveLength(1);
        expect(mail.received[0]!.to).toEqual(['eva@example.eu']);
        expect(mail.received[0]!.subject).toBe('Blueprint: stel een nieuw wachtwoord in');
        const { token } = resetLinkIn(mail.received[0]!);
        const done = await new ApiClient(second.url).post('/api/auth/password-reset/complete', {
          token,
          newPassword: 'eva sets a fresh pass phrase',
        });
        expect(done.status).toBe(204);
        const [sent] = await getMessagesOfCause(second.platform.db.kysely, 'password-reset');
        expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
        void user;
      } finally {
        await second.close();
        const fs = await import('node:fs');
        fs.rmSync(database.dataDir, { recursive: true, force: true });
        await mail.close();
      }
    });
  });
}
