import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../test/support/engines.js';
import { ApiClient, PASSWORD, startTestServer, type TestServer } from '../../test/support/server.js';
import { totpCode } from '../accounts/secrets.js';
import { projectRoot } from '../platform/http/app.js';

const root = projectRoot();

/** Runs the command from source, on the same database as the running test server. */
function blueprint(
  server: TestServer,
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          DATA_DIR: server.dataDir,
          DATABASE_URL: server.databaseUrl ?? '',
          LOG_LEVEL: 'silent',
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const NEW = 'operator chose this pass phrase';

for (const engine of engines()) {
  describe(`blueprint users reset-password on ${engine}`, () => {
    let server: TestServer;

    beforeAll(async () => {
      server = await startTestServer({
        engine,
        env: { LOGIN_MAX_FAILURES: '2', LOGIN_SLOWDOWN_SECONDS: '0' },
      });
      await server.createUser({
        email: 'ines@example.eu',
        password: PASSWORD,
        organisation: 'IE',
        role: 'viewer',
      });
    });
    afterAll(() => server?.close());

    it('sets the password from standard input, lifts the lock and ends the sessions', async () => {
      const session = new ApiClient(server.url);
      await session.login('ines@example.eu', PASSWORD);
      for (let i = 0; i < 2; i++)
        await new ApiClient(server.url).post('/api/auth/login', {
          email: 'ines@example.eu',
          password: 'wrong wrong wrong',
        });
      const locked = await new ApiClient(server.url).post<{ error: { code: string } }>('/api/auth/login', {
        email: 'ines@example.eu',
        password: PASSWORD,
      });
      expect(locked.body.error.code).toBe('locked');

      const weak = await blueprint(
        server,
        ['users', 'reset-password', '--email', 'ines@example.eu'],
        'short\n',
      );
      expect(weak.code).toBe(2);
      expect(weak.stderr.trim()).toMatch(/^password: must be at least 12 characters$/);

      const done = await blueprint(
        server,
        ['users', 'reset-password', '--email', 'Ines@example.eu'],
        `${NEW}\n`,
      );
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(JSON.parse(done.stdout)).toMatchObject({ email: 'ines@example.eu', lockedUntil: null });
      expect((await session.get('/api/me')).status).toBe(401);
      expect(
        (await new ApiClient(server.url).post('/api/auth/login', { email: 'ines@example.eu', password: NEW }))
          .status,
      ).toBe(200);
    });

    it('with --second-factor also removes the factor, and the user enrols again', async () => {
      const client = new ApiClient(server.url);
      await client.login('ines@example.eu', NEW);
      const setup = await client.post<{ secret: string }>('/api/me/second-factor/setup');
      expect(
        (await client.post('/api/me/second-factor/confirm', { code: totpCode(setup.body.secret) })).status,
      ).toBe(200);

      const done = await blueprint(
        server,
        ['users', 'reset-password', '--email', 'ines@example.eu', '--second-factor'],
        'the second reset pass phrase\n',
      );
      expect(done.code).toBe(0);
      expect(JSON.parse(done.stdout)).toMatchObject({ secondFactorEnabled: false });
      const back = new ApiClient(server.url);
      const signedIn = await back.post<{ me: { secondFactorEnrolmentRequired: boolean } }>(
        '/api/auth/login',
        {
          email: 'ines@example.eu',
          password: 'the second reset pass phrase',
        },
      );
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.me.secondFactorEnrolmentRequired).toBe(true);
      const audit = await server.platform.db.kysely
        .selectFrom('audit_records')
        .select('action')
        .where('action', '=', 'user.password-reset')
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('exits 2 naming --email for an address with no account', async () => {
      const unknown = await blueprint(
        server,
        ['users', 'reset-password', '--email', 'nobody@example.eu'],
        `${NEW}\n`,
      );
      expect(unknown.code).toBe(2);
      expect(unknown.stderr.trim()).toBe('--email: no user "nobody@example.eu"');
      expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
}
